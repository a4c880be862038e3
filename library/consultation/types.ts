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
  /** The Q&A feed record the entry came from (its id and where it was read); null for editors' entries. */
  source: FaqSource | null;
}

/** Where an entry ingested from a Q&A feed came from (see feed-entries.ts). */
export interface FaqSource {
  /** The record's id in its feed: one entry per record id (the external id its document had before). */
  recordId: string;
  /** The feed file as the operator named it, and the record's line in it. */
  feed: string;
  line: number | null;
  site: string | null;
  url: string | null;
  /** When the citizen asked and when the reply was given, as the feed wrote them. */
  askedAt: string | null;
  answeredAt: string | null;
  department: string | null;
  /** The citizen's whole message, personal data masked (the entry's question is its subject). */
  message: string;
  /** Hash of what the feed gave: a re-ingest changes the entry only when this changes. */
  hash: string;
}

/** 'publish': published without review by an operator's explicit flag (zhiwen ingest --publish-qa). */
export const FAQ_ACTIONS = ['create', 'update', 'submit', 'approve', 'reject', 'retire', 'revise', 'import', 'publish'] as const;
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
