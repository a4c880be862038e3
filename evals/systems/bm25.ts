/**
 * A plain in-memory BM25 over pre-tokenised fields: the reference the project's engine is compared
 * against. With several fields the score is the weighted sum of one BM25 per field, each field with
 * its own document frequencies and average length (the "BM25 fields" of BASELINES.md).
 */

export interface Bm25Params {
  /** Term-frequency saturation. Default 1.2 (BASELINES.md); sensible range 0.5–2. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). Default 0.75 (BASELINES.md). */
  b: number;
}

export const BM25_DEFAULTS: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Scored {
  id: string;
  score: number;
}

interface Field {
  weight: number;
  /** term → flat [docIndex, tf, docIndex, tf, …] */
  postings: Map<string, number[]>;
  lengths: number[];
  totalLength: number;
}

export class Bm25Index {
  private readonly fields: Field[];
  private readonly ids: string[] = [];
  private readonly params: Bm25Params;
  private buffer = new Float64Array(0);

  /** `fieldWeights[i]` multiplies field i's BM25 score; one weight per field passed to add(). */
  constructor(fieldWeights: readonly number[], params: Partial<Bm25Params> = {}) {
    if (fieldWeights.length === 0) throw new RangeError('Bm25Index needs at least one field weight');
    this.params = { ...BM25_DEFAULTS, ...params };
    this.fields = fieldWeights.map((weight) => ({ weight, postings: new Map(), lengths: [], totalLength: 0 }));
  }

  get size(): number {
    return this.ids.length;
  }

  /** Adds a document: `fieldTokens[i]` are the tokens of field i, duplicates kept. */
  add(id: string, fieldTokens: readonly (readonly string[])[]): void {
    if (fieldTokens.length !== this.fields.length) {
      throw new RangeError(`document ${id} has ${fieldTokens.length} fields, the index expects ${this.fields.length}`);
    }
    const doc = this.ids.length;
    this.ids.push(id);
    this.fields.forEach((field, f) => {
      const tf = new Map<string, number>();
      for (const t of fieldTokens[f]) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [term, n] of tf) {
        let list = field.postings.get(term);
        if (!list) field.postings.set(term, (list = []));
        list.push(doc, n);
      }
      field.lengths.push(fieldTokens[f].length);
      field.totalLength += fieldTokens[f].length;
    });
  }

  /** Lucene's BM25 idf, ln(1 + (N − df + 0.5) / (df + 0.5)), in one field (0 = first). */
  idf(term: string, field = 0): number {
    const df = (this.fields[field].postings.get(term)?.length ?? 0) / 2;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /**
   * Calls `visit(docIndex, score)` for every document containing a query term. Each distinct
   * term counts once however often the query repeats it: with repeats counted, FAQ top-1 for long
   * message bodies drops from BASELINES.md's 0.790 to 0.733.
   */
  private scoreAll(queryTokens: readonly string[], visit: (doc: number, score: number) => void): void {
    const { k1, b } = this.params;
    // One buffer reused across queries; only touched entries are reset.
    if (this.buffer.length < this.ids.length) this.buffer = new Float64Array(this.ids.length);
    const scores = this.buffer;
    const touched: number[] = [];
    this.fields.forEach((field, f) => {
      const avg = field.totalLength / Math.max(1, this.ids.length) || 1;
      for (const term of new Set(queryTokens)) {
        const list = field.postings.get(term);
        if (!list) continue;
        const w = field.weight * this.idf(term, f);
        for (let i = 0; i < list.length; i += 2) {
          const doc = list[i];
          const tf = list[i + 1];
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] += (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * field.lengths[doc]) / avg));
        }
      }
    });
    for (const doc of touched) {
      visit(doc, scores[doc]);
      scores[doc] = 0;
    }
  }

  /** The k best documents, score descending; ties go to the earlier-added document. */
  search(queryTokens: readonly string[], k: number): Scored[] {
    const best: Array<[number, number]> = [];
    const worse = (a: [number, number], doc: number, score: number): boolean => a[1] < score || (a[1] === score && a[0] > doc);
    this.scoreAll(queryTokens, (doc, score) => {
      if (best.length === k && !worse(best[k - 1], doc, score)) return;
      let i = best.length;
      while (i > 0 && worse(best[i - 1], doc, score)) i--;
      best.splice(i, 0, [doc, score]);
      if (best.length > k) best.pop();
    });
    return best.map(([doc, score]) => ({ id: this.ids[doc], score }));
  }
}
