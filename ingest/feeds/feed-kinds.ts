/**
 * The readers a file can get, on their own: the CLI names them in its help and checks --kind with
 * them, and importing the readers themselves (PDF, DOCX, HTML parsers) would put ~170 MiB into
 * every process that only serves search.
 */
export const FEED_KINDS = ['documents', 'qa', 'guides', 'pages', 'attachments'] as const;
/** documents: JSONL/CSV documents; qa: Q&A pairs; guides: 办事指南; pages: saved HTML; attachments: PDF/DOCX/text. */
export type FeedKind = (typeof FEED_KINDS)[number];
