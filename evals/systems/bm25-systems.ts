/** The two in-memory BM25 baselines of BASELINES.md, over the shared baseline tokens. */
import type { EvalDoc } from '../data/types';
import { tokenize } from '../text';
import { Bm25Index } from './bm25';
import type { RetrievalSystem, SystemFactory } from './types';

/** "BM25 fields": title weight 2, body 1 (BASELINES.md). */
export const FIELD_WEIGHTS = { title: 2, body: 1 } as const;

type Layout = (doc: EvalDoc) => string[][];

/** Title counted twice in the body: one field holding title, title, text. */
const titleTwice: Layout = (d) => {
  const title = tokenize(d.title);
  return [[...title, ...title, ...tokenize(d.text)]];
};

const titleAndBody: Layout = (d) => [tokenize(d.title), tokenize(d.text)];

class Bm25System implements RetrievalSystem {
  private index_: Bm25Index;

  constructor(
    readonly name: string,
    private readonly weights: readonly number[],
    private readonly layout: Layout,
  ) {
    this.index_ = new Bm25Index(weights);
  }

  async index(docs: EvalDoc[]): Promise<void> {
    this.index_ = new Bm25Index(this.weights);
    for (const d of docs) this.index_.add(d.id, this.layout(d));
  }

  async search(query: string, k: number): Promise<string[]> {
    return this.index_.search(tokenize(query), k).map((s) => s.id);
  }
}

export const bm25TitleTwice: SystemFactory = {
  name: 'bm25-title-twice',
  description: 'in-memory BM25 (k1 1.2, b 0.75), one field: title + title + text',
  create: () => new Bm25System('bm25-title-twice', [1], titleTwice),
};

export const bm25Fields: SystemFactory = {
  name: 'bm25-fields',
  description: `in-memory BM25 (k1 1.2, b 0.75) per field, title weight ${FIELD_WEIGHTS.title}, text ${FIELD_WEIGHTS.body}`,
  create: () => new Bm25System('bm25-fields', [FIELD_WEIGHTS.title, FIELD_WEIGHTS.body], titleAndBody),
};
