/**
 * Chooses the FAQ fusion (retrieval/faq FAQ_FUSION) on the consultation set: each message body's
 * lexical entry ranking (FaqIndex) and vector ranking (nearest entry questions) taken once, then fused
 * offline by RRF and by the calibrated blend; chosen on the fitting half (sha1(id) even, as the FAQ
 * confidence was fitted), reported on the other half.
 *
 *   ZHIWEN_EMBED_URL=… ZHIWEN_EMBED_MODEL=… ZHIWEN_EMBED_INPUT_TYPE=1 npx tsx evals/systems/tune-faq.ts
 */
import { createHash } from 'node:crypto';
import { loadCorpus } from '../data';
import { faqCases } from '../quality/faq';
import { createFaqMatcher, createHybridFaqMatcher } from '../../retrieval/faq';
import { fuseScored, HYBRID_DEFAULTS, type FusionSettings, type ScoredList } from '../../retrieval/hybrid';
import { openEvalEmbedder } from './eval-embedder';

const model = process.env.ZHIWEN_EMBED_MODEL;
if (!model) throw new Error('set ZHIWEN_EMBED_MODEL (and ZHIWEN_EMBED_URL) first');
const corpus = await loadCorpus(process.argv[2] ?? '../shared/corpus');
const pairs = corpus.qa.find((q) => q.file.includes('taidi'))?.pairs ?? [];
const { entries, queries } = faqCases(pairs);
const lexical = createFaqMatcher(entries);
const hybrid = await createHybridFaqMatcher(entries, { embedder: await openEvalEmbedder(model) });
const cases: Array<{ id: string; held: boolean; lexical: ScoredList<string>; vector: ScoredList<string> }> = [];
for (const q of queries) {
  cases.push({
    id: q.id,
    held: parseInt(createHash('sha1').update(q.id).digest('hex').slice(0, 8), 16) % 2 === 1,
    lexical: await lexical.match(q.query, 100),
    vector: (await hybrid.nearest(q.query)).slice(0, 100),
  });
}
const top1 = (rank: (c: (typeof cases)[number]) => readonly { id: string }[], held: boolean) => {
  const part = cases.filter((c) => c.held === held);
  return part.filter((c) => rank(c)[0]?.id === c.id).length / part.length;
};
const grid: FusionSettings[] = [];
for (const lexicalDepth of [10, 20, 50, 100])
  for (const vectorDepth of [5, 10, 20, 50, 100]) {
    for (const k of [2, 5, 10, 20, 60])
      for (const vectorWeight of [0.25, 0.5, 0.75, 1, 1.5, 2])
        grid.push({ ...HYBRID_DEFAULTS, method: 'rrf', k, vectorWeight, lexicalDepth, vectorDepth });
    for (const blendLexicalShare of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
      grid.push({ ...HYBRID_DEFAULTS, method: 'blend', blendLexicalShare, lexicalDepth, vectorDepth });
  }
const rows = grid
  .map((s) => ({ s, tune: top1((c) => fuseScored(c.lexical, c.vector, s), false) }))
  .sort((a, b) => b.tune - a.tune);
const best = (m: string) => rows.find((r) => r.s.method === m)!;
const held = (s: FusionSettings) => top1((c) => fuseScored(c.lexical, c.vector, s), true);
console.log(JSON.stringify({
  queries: cases.length,
  lexical: { tune: top1((c) => c.lexical, false), held: top1((c) => c.lexical, true) },
  vector: { tune: top1((c) => c.vector, false), held: top1((c) => c.vector, true) },
  rrf: { ...best('rrf'), held: held(best('rrf').s) },
  blend: { ...best('blend'), held: held(best('blend').s) },
  top: rows.slice(0, 10),
}, null, 1));
