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
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';
