import type { EvalDoc } from '../data/types';

/** A retrieval system under evaluation: index a library once, then answer ranked queries. */
export interface RetrievalSystem {
  name: string;
  index(docs: EvalDoc[]): Promise<void>;
  /** Document ids, best first, at most k. */
  search(query: string, k: number): Promise<string[]>;
  close?(): Promise<void>;
}

/** How the registry makes a fresh system (one per indexed library). */
export interface SystemFactory {
  name: string;
  /** One line for the report: what the system is and which knobs it uses. */
  description: string;
  create(): RetrievalSystem | Promise<RetrievalSystem>;
}
