/** The consultation knowledge base (咨询问答库): entries, their workflow and their history. */

export const FAQ_STATUSES = ['draft', 'pending_review', 'published', 'retired'] as const;
export type FaqStatus = (typeof FAQ_STATUSES)[number];

export const FAQ_SCOPES = ['site', 'region', 'platform'] as const;
/** site: answers only for one site; region: for every site in a region (a city covers its counties); platform: everywhere. */
export type FaqScope = (typeof FAQ_SCOPES)[number];

/** What an editor writes. Dates are ISO days (YYYY-MM-DD). */
export interface FaqEntryInput {
  question: string;
  alternatives?: string[];
  /** Rich text; sanitised to the allow-list on write. */
  answerHtml: string;
  scope?: FaqScope;
  siteCode?: string | null;
  regionCode?: string | null;
  category?: string | null;
  effectiveFrom?: string | null;
  expiresOn?: string | null;
  /** External ids of library documents the answer rests on. */
  relatedDocuments?: string[];
}

export interface FaqEntry {
  id: number;
  question: string;
  alternatives: string[];
  answerHtml: string;
  /** Plain text of the answer (for indexing and plain-text channels). */
  answerText: string;
  scope: FaqScope;
  siteCode: string | null;
  regionCode: string | null;
  category: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  relatedDocuments: string[];
  status: FaqStatus;
  version: number;
  author: string;
  lastEditor: string;
  reviewer: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  changeSeq: number;
}

export const FAQ_ACTIONS = ['create', 'update', 'submit', 'approve', 'reject', 'retire', 'revise', 'import'] as const;
export type FaqAction = (typeof FAQ_ACTIONS)[number];

/** One line of an entry's history: who did what, when, and the entry as it was afterwards. */
export interface FaqVersion {
  id: number;
  entryId: number;
  version: number;
  action: FaqAction;
  actor: string;
  changed: string[];
  note: string | null;
  at: string;
  snapshot: FaqEntry;
}
