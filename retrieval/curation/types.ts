/** One synonym rule. `oneway`: the term adds its expansions (colloquial → official). `equivalent`: every word of
 * the group adds the others (abbreviations: 医保 ↔ 医疗保险). Terms and expansions are stored in index form. */
export interface SynonymRule {
  term: string;
  expansions: string[];
  mode: 'oneway' | 'equivalent';
}

export interface SynonymRow extends SynonymRule {
  id: number;
  source: 'starter' | 'editor';
  note: string | null;
  updatedAt: string;
}

/** A curated hot word (热词): shown when the search box is empty and first among suggestions. */
export interface HotWordRow {
  id: number;
  /** Site code, or null for the whole platform. */
  site: string | null;
  word: string;
  /** Higher shows first; editors' ordering. Default 0, range −1000..1000. */
  weight: number;
  /** After this time the word is no longer shown (campaigns); null = no end. */
  expiresAt: string | null;
  updatedAt: string;
}

/** A best bet: for this query (normalised), these documents (external ids, in order) come first. */
export interface PinRow {
  id: number;
  site: string | null;
  query: string;
  externalIds: string[];
  note: string | null;
  updatedAt: string;
}

/** A popular query editors approved as a suggestion, with how many distinct clients searched it in the window. */
export interface PopularQuery {
  query: string;
  site: string | null;
  count: number;
}

export interface QueryLogEntry {
  query: string;
  normalized: string;
  site: string | null;
  resultCount: number;
  /** The query actually searched when a correction was applied. */
  correctedTo: string | null;
  tookMs: number;
  /** The client's address (the right-most untrusted hop, api/client-address.ts): hashed for counting, kept raw only for a short window. */
  client?: string | null;
}

/** What search and suggestions read from curation (the in-memory snapshot, reloaded on change). */
export interface CurationSource {
  /** Bumps whenever any curated list changes (in this process or, within seconds, another replica). */
  readonly version: number;
  /** Called after every change (editor data reloaded, popular queries refreshed). */
  onChange(listener: () => void): void;
  synonyms(): readonly SynonymRule[];
  /** Active hot words for a site (its own first, then the platform's), best first. */
  hotWords(site?: string): string[];
  /** Active hot words of every site (site null = platform), for the suggestion index. */
  activeHotWords(): Array<{ word: string; site: string | null; weight: number }>;
  /** Every curated word of every site (synonym terms and expansions, hot words): vocabulary for pinyin and suggestions. */
  curatedWords(): string[];
  /** External ids pinned for a normalised query: the site's pins first, then the platform's. */
  pinned(normalizedQuery: string, site?: string): string[];
  /** Popular queries editors approved (each site's and the platform's), most distinct clients first. */
  popularQueries(): readonly PopularQuery[];
  /** Records a search for the query log; returns at once (written in batches in the background). */
  logQuery(entry: QueryLogEntry): void;
}
