/** Shapes the harness works with, independent of the raw JSONL field names. */

/** One document of the library as every system under evaluation sees it. */
export interface EvalDoc {
  id: string;
  title: string;
  text: string;
  category: string | null;
  docNumber: string | null;
  issuer: string | null;
  published: string | null;
  site: string | null;
}

export interface GoldQuery {
  qid: string;
  query: string;
  /** Ids that count as relevant (binary relevance). */
  relevant: string[];
  /** Ids dropped from the ranking before scoring (e.g. the query's own document). */
  exclude: string[];
  /** The official answer span, where the gold set has one (policy QA). */
  answer?: string;
}

export interface GoldSet {
  /** File stem (e.g. "laws_title_reference") or "文号:<documents file stem>" for derived sets. */
  name: string;
  /** Where it came from: the gold file's relative path, or a derivation note. */
  source: string;
  queries: GoldQuery[];
  /** documents/ files holding the relevant ids, derived from the ids (what --per-set indexes). */
  docFiles: string[];
}

export interface DocumentFile {
  /** Path relative to the data folder, e.g. "documents/laws_lawrefbook.jsonl". */
  file: string;
  docs: EvalDoc[];
}

export interface QaPair {
  id: string;
  question: string;
  /** The question's title line, where the source has one (the consultation messages). */
  questionTitle: string | null;
  answer: string;
}

export interface MatchPair {
  id: string;
  a: string;
  b: string;
  label: 0 | 1;
}

export interface TopicExample {
  id: string;
  title: string;
  text: string;
  topic: string;
}

/** One row of a topic taxonomy (level1 is the class the classifier predicts). */
export interface TaxonomyEntry {
  level1: string;
  level2: string | null;
  level3: string | null;
}

export interface DataFileStamp {
  file: string;
  bytes: number;
  sha1: string;
}

export interface Corpus {
  dir: string;
  documentFiles: DocumentFile[];
  /** Every document of every documents/ file: the unified library. */
  docs: EvalDoc[];
  goldSets: GoldSet[];
  qa: Array<{ file: string; pairs: QaPair[] }>;
  matching: Array<{ file: string; name: string; pairs: MatchPair[] }>;
  topics: Array<{ file: string; examples: TopicExample[] }>;
  taxonomy: TaxonomyEntry[];
  /** Every file read, with its size and sha1, for the report stamp. */
  files: DataFileStamp[];
}
