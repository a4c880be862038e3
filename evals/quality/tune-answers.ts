/**
 * Offline tuning of the extractive answer (retrieval/answer extractive.ts) and the decline model:
 * the unified library is built once into a PGlite folder (reused on the next run), each policy
 * question's and out-of-scope question's retrieval is taken once, then answer settings are scored
 * by the harness's own measures (evaluateAnswers), on the tuning half (sha1(qid) even) and held out.
 *
 *   npx tsx evals/quality/tune-answers.ts [corpusDir] [--lib .tmp/tune-lib]
 *   TUNE_VARIANTS='[{"name":"a","extractive":{"kindWeight":0.2}},{"name":"b","semanticWeight":1}]'  settings to score (Variant)
 *   TUNE_EMBED=3 (+ ZHIWEN_EMBED_URL, ZHIWEN_EMBED_MODEL, ZHIWEN_EMBED_INPUT_TYPE=1)  the semantic check's cosines
 *   TUNE_DIAG=.tmp/diag.jsonl  per question: gold document's rank, cited rank, oracle sentence ranks, answer
 *
 * The library folder is reused as it is: delete it after the corpus or the ingest path changes.
 * Results of 2026-12-03: evals/results/answers-tuning.md.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { prepareDocument } from '../../ingest/pipeline';
import { fetchPassageDocuments } from '../../library/consultation';
import { upsertDocument } from '../../library/documents';
import { openLibrary } from '../../library/store';
import { answerProbability, DECLINE_MODEL, namedLawMissing } from '../../retrieval/answer/decline';
import { answerPart, pickAnswer, scoreSentences, topCandidates, type ExtractiveOptions, type ScoredSentence, type RetrievedDocument } from '../../retrieval/answer/extractive';
import { ExtractiveGenerator } from '../../retrieval/answer/extractive-generator';
import { readQuestion } from '../../retrieval/answer/question-kind';
import { quotableChunks } from '../../retrieval/answer/sentences';
import { idf as bm25Idf } from '../../retrieval/lexical';
import { SearchService } from '../../retrieval/search';
import { loadCorpus } from '../data';
import type { GoldSet } from '../data/types';
import { evalDocToInput } from '../systems/zhiwen';
import { evaluateAnswers, type Answerer } from './answers';
import { ExtractiveAnswerer } from './extractive';
import { outOfScopeQuestions } from './out-of-scope';

const args = process.argv.slice(2);
const libDir = args.includes('--lib') ? args[args.indexOf('--lib') + 1] : '.tmp/tune-lib';
const corpusDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lib') ?? '../shared/corpus';

const corpus = await loadCorpus(corpusDir);
const fresh = !existsSync(libDir);
const db = await openLibrary({ dataDir: libDir });
if (fresh) {
  const t = performance.now();
  for (const doc of corpus.docs) await upsertDocument(db, prepareDocument(evalDocToInput(doc)));
  console.error(`library built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const search = new SearchService(db);
await search.sync();
const idf = (term: string): number => bm25Idf(Math.max(1, search.index.size.chunks), search.index.documentFrequency(term).body);

interface Case { question: string; retrieved: RetrievedDocument[]; expansions: string[] }
async function retrieveCase(question: string): Promise<Case> {
  const { documents: ranked, query } = await search.retrieve({ q: question, limit: 8 });
  const current = ranked.filter((r) => r.current).slice(0, 5);
  const docs = await fetchPassageDocuments(db, current.map((r) => r.externalId));
  const retrieved = current.flatMap((r) => (docs.has(r.externalId) ? [{ doc: { ...docs.get(r.externalId)!, chunks: quotableChunks(docs.get(r.externalId)!.chunks) }, score: r.score }] : []));
  return { question, retrieved, expansions: query.expansions };
}

const set = corpus.goldSets.find((s) => s.queries.some((q) => q.answer !== undefined)) as GoldSet;
const oos = outOfScopeQuestions(corpus).questions;
const cases = new Map<string, Case>();
const t0 = performance.now();
for (const q of [...set.queries.map((x) => x.query), ...oos]) if (!cases.has(q)) cases.set(q, await retrieveCase(q));
console.error(`retrieved ${cases.size} questions in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

/**
 * TUNE_EMBED=N (with ZHIWEN_EMBED_MODEL / ZHIWEN_EMBED_URL): each question and the answer parts of its
 * N best candidates are embedded once (disk cache), for a semantic re-ranking and decline check.
 */
const semanticTop = Number(process.env.TUNE_EMBED ?? 0);
const cosines = new Map<string, Map<string, number>>();
if (semanticTop > 0) {
  const { openEvalEmbedder } = await import('../systems/eval-embedder');
  const embedder = await openEvalEmbedder(process.env.ZHIWEN_EMBED_MODEL ?? 'multilingual-e5-small-q4', { batchSize: 16 });
  const t = performance.now();
  let n = 0;
  const inScope = new Set(set.queries.map((x) => x.query));
  // In-scope questions: the N best (re-ranking); out-of-scope ones: the best only (the decline check).
  for (const [q, c] of [...cases].sort(([a], [b]) => Number(inScope.has(b)) - Number(inScope.has(a)))) {
    const { candidates } = scoreSentences(readQuestion(q, idf, c.expansions), c.retrieved, search.index.size.chunks);
    const texts = [...new Set(topCandidates(candidates, inScope.has(q) ? semanticTop : 1).map(answerPart))];
    const [qv] = await embedder.embed([q], { kind: 'query' });
    const pv = texts.length ? await embedder.embed(texts, { kind: 'passage' }) : [];
    cosines.set(q, new Map(texts.map((x, i) => [x, pv[i].reduce((sum, v, j) => sum + v * qv[j], 0)])));
    if (++n % 50 === 0) console.error(`embedded ${n} questions, ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  console.error(`embedding: ${JSON.stringify(embedder.stats)}`);
}

export interface Variant {
  name: string;
  extractive?: ExtractiveOptions;
  threshold?: number;
  /** Added × cosine(question, answer part) to the top TUNE_EMBED candidates' scores. */
  semanticWeight?: number;
  /** Decline when the best cosine among them is below this. */
  minCosine?: number;
  /** Decline when the cosine is below `cos` and the decline model's probability below `p`. */
  band?: { cos: number; p: number };
}
const generator = new ExtractiveGenerator();
function answererFor(v: Variant): Answerer {
  return {
    name: v.name,
    async answer(q: string) {
      const c = cases.get(q)!;
      const query = readQuestion(q, idf, c.expansions);
      const { candidates, evidence } = scoreSentences(query, c.retrieved, search.index.size.chunks, v.extractive);
      const cos = cosines.get(q);
      const top = cos ? new Set(topCandidates(candidates, semanticTop)) : new Set<ScoredSentence>();
      const sim = (x: ScoredSentence) => (top.has(x) ? cos?.get(answerPart(x)) ?? 0 : 0);
      const extract = pickAnswer(candidates, v.extractive, v.semanticWeight ? (x) => v.semanticWeight! * sim(x) : undefined);
      const first = topCandidates(candidates, 1)[0];
      const best = first ? sim(first) : 0;
      const p = answerProbability(evidence);
      if ((v.minCosine && best < v.minCosine) || (v.band && best < v.band.cos && p < v.band.p) || !extract || p < (v.threshold ?? DECLINE_MODEL.threshold) || namedLawMissing(q, c.retrieved.map((r) => r.doc.title), c.retrieved[extract.docIndex].doc)) {
        return { text: '', citations: [], declined: true };
      }
      const g = await generator.generate({ question: q, query, retrieved: c.retrieved, extract });
      const text = g.sentences.map((s) => s.text).join('').replace(/\[\d{1,2}\]/g, '');
      return { text, citations: g.citations.map((x) => x.id), declined: false };
    },
  };
}

const reference = new ExtractiveAnswerer('reference', 1);
await reference.index(corpus.docs);
const docMap = new Map(corpus.docs.map((d) => [d.id, d]));
const half = (held: boolean): GoldSet => ({
  ...set, queries: set.queries.filter((q) => (parseInt(createHash('sha1').update(q.qid).digest('hex').slice(0, 8), 16) % 2 === 1) === held),
});
const variants: Variant[] = JSON.parse(process.env.TUNE_VARIANTS ?? '[{"name":"default"}]') as Variant[];
const fmt = (x: number) => x.toFixed(3);
for (const v of variants) {
  const row: string[] = [v.name];
  for (const [label, s] of [['tune', half(false)], ['held', half(true)], ['all', set]] as const) {
    const r = await evaluateAnswers(answererFor(v), { set: s, docs: docMap, idf: (t) => reference.idf(t), outOfScope: label === 'all' ? oos : [] });
    row.push(`${label} cite ${fmt(r.citesRight)} span ${fmt(r.containsSpan)} F1 ${fmt(r.charF1)} prec ${fmt(r.citationPrecision)} inDecl ${fmt(r.inScopeDeclined)}${label === 'all' ? ` oosDecl ${fmt(r.outOfScope.declined)}` : ''}`);
  }
  console.log(row.join(' | '));
}


/** TUNE_DIAG=file: per question, where the gold document ranked, what was cited and quoted. */
if (process.env.TUNE_DIAG) {
  const { writeFileSync } = await import('node:fs');
  const { normalizeSpan } = await import('../text');
  const lines: string[] = [];
  const a = answererFor(variants[0]);
  for (const q of set.queries) {
    const c = cases.get(q.query)!;
    const rank = c.retrieved.findIndex((r) => q.relevant.includes(r.doc.externalId));
    const got = await a.answer(q.query);
    const cited = got.citations[0] ? c.retrieved.findIndex((r) => r.doc.externalId === got.citations[0]) : -1;
    const span = !!got.text && normalizeSpan(got.text).includes(normalizeSpan(q.answer ?? ''));
    const goldText = rank >= 0 ? c.retrieved[rank].doc.chunks.map((x) => x.text).join('\n') : '';
    const inDoc = rank >= 0 && normalizeSpan(goldText).includes(normalizeSpan(q.answer ?? ''));
    const query = readQuestion(q.query, idf, c.expansions);
    const { candidates } = scoreSentences(query, c.retrieved, search.index.size.chunks, variants[0].extractive);
    candidates.sort((x, y) => y.combined - x.combined);
    const gs = normalizeSpan(q.answer ?? '');
    const holdsGold = (x: (typeof candidates)[number], w: number) => normalizeSpan(x.sentences.slice(x.at, x.at + w).map((s) => s.text).join('')).includes(gs);
    const oracle1 = candidates.findIndex((x) => holdsGold(x, 1));
    const oracle2 = candidates.findIndex((x) => holdsGold(x, 2));
    const gsText = rank >= 0 ? candidates.filter((x) => x.docIndex === rank).slice(0, 3).map((x) => x.sentences[x.at].text.slice(0, 80)) : [];
    lines.push(JSON.stringify({ q: q.query, goldRank: rank, cited, oracle1, oracle2, kind: query.kind, top3: gsText, declined: got.declined, span, spanInDoc: inDoc, gold: q.answer, got: got.text }));
  }
  for (const q of oos) {
    const got = await a.answer(q);
    if (!got.declined) lines.push(JSON.stringify({ oos: q, got: got.text.slice(0, 80), cited: got.citations[0] }));
  }
  writeFileSync(process.env.TUNE_DIAG, lines.join('\n') + '\n');
}
await db.close();
