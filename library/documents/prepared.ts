import type { DocumentInput } from '../model/document';

export interface PreparedChunk {
  ordinal: number;
  heading: string | null;
  text: string;
  /** Analyzer tokens of heading + text. */
  tokens: string[];
}

/** A document ready to store: its input plus everything derived from it by the analyzer. */
export interface PreparedDocument extends DocumentInput {
  titleTokens: string[];
  docNumberKey: string | null;
  contentHash: string;
  chunks: PreparedChunk[];
  status?: 'active' | 'quarantined';
  /** 64-bit SimHash of the body, 16 hex digits; null when the body is too short to fingerprint. */
  simhash?: string | null;
  /** Keys the interpretation linker matches on: 't:' + title key, 'n:' + 文号 key. */
  linkKeys?: string[];
  /** Why screening holds the document back (set with status 'quarantined'). */
  screen?: { reason: string; marks: string[] };
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface UpsertResult {
  id: number;
  outcome: UpsertOutcome;
}
