/**
 * An attachment file (PDF, DOCX, plain text) → a document. Formats we cannot read (.doc/.wps, OFD,
 * spreadsheets, scanned or encrypted PDFs) are rejected with UnsupportedAttachmentError's reason,
 * which tells the editor what to upload instead.
 */
import path from 'node:path';
import { attachmentToText, UnsupportedAttachmentError } from '../attachments';
import type { InputLimits } from '../limits';
import type { FeedItem } from './feed-item';

export interface AttachmentOptions {
  /** The file's path inside the ingested folder (or its name): the external id. */
  relativePath: string;
  defaultSite: string;
  /** Size limits (the DOCX parts' inflated size); default: from the environment (see ingest/limits). */
  limits?: InputLimits;
}

/** File names that say nothing about the content: 附件1.pdf, scan_0001.pdf, 新建文档.docx. */
const GENERIC_NAME = /^(?:附件|attachment|file|doc|scan|扫描件|新建(?:\S*文档)?|未命名|untitled)?[\s_\-()（）0-9]*$/iu;
const TITLE_MAX = 80;

function titleOf(file: string, text: string): string {
  const stem = path.basename(file, path.extname(file)).trim();
  if (stem && !GENERIC_NAME.test(stem)) return stem;
  const first = text.split('\n').map((l) => l.trim()).find((l) => l.length >= 4 && l.length <= TITLE_MAX);
  return first ?? stem;
}

export async function attachmentToFeedItem(bytes: Uint8Array, source: string, options: AttachmentOptions): Promise<FeedItem> {
  const id = `file:${options.relativePath}`;
  let text: string;
  let format: string;
  try {
    ({ text, format } = await attachmentToText(bytes, path.basename(source), undefined, options.limits));
  } catch (err) {
    if (err instanceof UnsupportedAttachmentError) return { source, id, error: err.reason };
    return { source, id, error: `cannot read the attachment (${(err as Error).message}): export it again as PDF or .docx` };
  }
  if (!text.trim()) return { source, id, error: 'the attachment holds no text: provide a version whose text can be copied' };
  return {
    source,
    id,
    document: {
      externalId: id,
      siteCode: options.defaultSite,
      title: titleOf(source, text),
      body: text,
      infoType: '其他',
      extra: { kind: 'attachment', attachment: { file: options.relativePath, format } },
    },
  };
}
