/**
 * Fills the evaluation's embedding cache ahead of `eval` (which then embeds nothing it has seen):
 * the chunks zhiwen-hybrid embeds, then the gold queries, then the FAQ questions and message bodies.
 * Several copies can run at once against several servers, each taking every n-th text:
 *
 *   ZHIWEN_EMBED_URL=http://127.0.0.1:8766 ZHIWEN_EMBED_MODEL=multilingual-e5-small-q4 ZHIWEN_EMBED_INPUT_TYPE=1 \
 *   ZHIWEN_EVAL_EMBED_LIMIT=law-:1 npx tsx evals/systems/embed-warm.ts --shard 0/2
 */
import { parseArgs } from 'node:util';
import { loadCorpus } from '../data';
import { faqCases } from '../quality/faq';
import { openLibrary } from '../../library/store';
import { upsertDocument } from '../../library/documents';
import { prepareDocument } from '../../ingest/pipeline';
import { evalDocToInput } from './zhiwen';
import { chunksToEmbed, openEvalEmbedder, parseEmbedLimits } from './eval-embedder';
import { faqQueryText, faqEntryText } from '../../retrieval/faq';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/corpus' }, shard: { type: 'string', default: '0/1' } },
});
const [index, count] = (values.shard ?? '0/1').split('/').map(Number);
const model = process.env.ZHIWEN_EMBED_MODEL;
if (!model) throw new Error('set ZHIWEN_EMBED_MODEL (and ZHIWEN_EMBED_URL) first');
const embedder = await openEvalEmbedder(model);
const corpus = await loadCorpus(values.data ?? '../shared/corpus');
const db = await openLibrary();
for (const doc of corpus.docs) await upsertDocument(db, prepareDocument(evalDocToInput(doc)));
const passageOf = (c: { heading: string | null; text: string }) => (c.heading ? `${c.heading}\n${c.text}` : c.text);
const chunks = (await chunksToEmbed(db, parseEmbedLimits(process.env.ZHIWEN_EVAL_EMBED_LIMIT))).map(passageOf);
await db.close();
const faq = corpus.qa.flatMap((q) => faqCases(q.pairs).entries.map(faqEntryText));
const bodies = corpus.qa.flatMap((q) => faqCases(q.pairs).queries.map((x) => faqQueryText(x.query)));
const queries = corpus.goldSets.flatMap((g) => g.queries.map((q) => q.query));
const mine = <T>(xs: readonly T[]) => xs.filter((_, i) => i % count === index);

async function run(label: string, texts: string[], kind: 'query' | 'passage') {
  const started = performance.now();
  const before = embedder.stats.misses;
  for (let i = 0; i < texts.length; i += 32) {
    await embedder.embed(texts.slice(i, i + 32), { kind });
    if ((i / 32) % 10 === 0) {
      const s = (performance.now() - started) / 1000;
      console.log(`${label}: ${Math.min(i + 32, texts.length)}/${texts.length}, ${embedder.stats.misses - before} embedded, ${s.toFixed(0)} s`);
    }
  }
  const s = (performance.now() - started) / 1000;
  console.log(`${label} done: ${texts.length} texts (${embedder.stats.misses - before} new) in ${s.toFixed(1)} s`);
}

await run('chunks', mine(chunks), 'passage');
await run('gold queries', mine(queries), 'query');
await run('faq questions', mine(faq), 'passage');
await run('faq bodies', mine(bodies), 'query');
console.log(`cache ${embedder.file}: ${embedder.stats.misses} embedded, ${embedder.stats.hits} hits, ${(embedder.stats.embedMs / 1000).toFixed(0)} s embedding`);
