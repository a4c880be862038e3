/**
 * Chooses hybrid fusion settings on the dev gold sets (unified library): each query's lexical ranking
 * (SearchService without a model: BM25F, signals, pins) and vector ranking (zhiwen-vector) are taken
 * once, then fused offline by reciprocal rank (k, vector weight, depths) and by a calibrated score
 * blend, and scored by nDCG@10. Settings are chosen on one half of the queries (sha1(qid) even) and
 * reported on the other, so the figures beside retrieval/hybrid/options.ts are held-out ones.
 *
 *   ZHIWEN_EMBED_URL=… ZHIWEN_EMBED_MODEL=… ZHIWEN_EMBED_INPUT_TYPE=1 ZHIWEN_EVAL_EMBED_LIMIT=law-:1 \
 *   npx tsx evals/systems/tune-fusion.ts [--data ../shared/corpus] [--out .tmp/fusion.json]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../data';
import { dropExcluded, ndcgAtK } from '../metrics/ranking';
import { MAX_LIMIT, SearchService } from '../../retrieval/search';
import { fuseScored, HYBRID_DEFAULTS, type FusionSettings, type ScoredList } from '../../retrieval/hybrid';
import { openEvalEmbedder, parseEmbedLimits } from './eval-embedder';
import { ZhiwenVectorSystem } from './zhiwen-vector';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '../shared/corpus' }, out: { type: 'string', default: '.tmp/fusion.json' } },
});
const model = process.env.ZHIWEN_EMBED_MODEL;
if (!model) throw new Error('set ZHIWEN_EMBED_MODEL (and ZHIWEN_EMBED_URL) first');
const corpus = await loadCorpus(values.data ?? '../shared/corpus');
const system = new ZhiwenVectorSystem(await openEvalEmbedder(model), { limits: parseEmbedLimits(process.env.ZHIWEN_EVAL_EMBED_LIMIT) });
await system.index(corpus.docs);
const lexical = new SearchService((system as unknown as { db: ConstructorParameters<typeof SearchService>[0] }).db);
await lexical.sync();

interface Case {
  set: string;
  held: boolean;
  relevant: Set<string>;
  exclude: string[];
  lexical: ScoredList<string>;
  pinned: string[];
  vector: ScoredList<string>;
}
const DEPTH = 100;
const cases: Case[] = [];
for (const set of corpus.goldSets) {
  for (const q of set.queries) {
    const hits: Array<{ id: string; score: number; matchedBy?: string }> = [];
    for (let offset = 0; offset < DEPTH; offset += MAX_LIMIT) {
      const page = await lexical.search({ q: q.query, limit: MAX_LIMIT, offset });
      hits.push(...page.results);
      if (page.results.length < MAX_LIMIT) break;
    }
    const vector = await system.ranked(q.query, DEPTH);
    cases.push({
      set: set.name,
      held: parseInt(createHash('sha1').update(q.qid).digest('hex').slice(0, 8), 16) % 2 === 1,
      relevant: new Set(q.relevant),
      exclude: q.exclude,
      lexical: hits.filter((h) => !h.matchedBy).map((h) => ({ id: h.id, score: h.score })),
      pinned: hits.filter((h) => h.matchedBy).map((h) => h.id),
      vector: vector.map((v) => ({ id: v.id, score: v.similarity })),
    });
  }
  console.error(`${set.name}: ${set.queries.length} queries ranked`);
}
await system.close();

/** Pins stay first (as SearchService pins after fusing); the rest is the fused order. */
const ranking = (c: Case, s: FusionSettings | null): string[] => {
  const rest = s ? fuseScored(c.lexical, c.vector, s).map((f) => f.id) : s === null ? c.lexical.map((h) => h.id) : [];
  const pins = new Set(c.pinned);
  return [...c.pinned, ...rest.filter((id) => !pins.has(id))];
};
const vectorOnly = (c: Case) => c.vector.map((v) => v.id);
/** nDCG@10 per set over one half (held true / false) or every query (null). */
const score = (rank: (c: Case) => string[], held: boolean | null) => {
  const by = new Map<string, number[]>();
  for (const c of cases.filter((x) => held === null || x.held === held)) {
    const list = by.get(c.set) ?? [];
    list.push(ndcgAtK(dropExcluded(rank(c), c.exclude), c.relevant, 10));
    by.set(c.set, list);
  }
  return Object.fromEntries([...by].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length]));
};

const grid: FusionSettings[] = [];
const base = { ...HYBRID_DEFAULTS, lexicalWeight: 1 };
for (const lexicalLeadRatio of [0, 1.5, 2, 3])
  for (const lexicalDepth of [20, 50, 100])
    for (const vectorDepth of [20, 50, 100]) {
      for (const k of [5, 10, 20, 60])
        for (const vectorWeight of [0.5, 0.75, 1, 1.5])
          grid.push({ ...base, method: 'rrf', k, vectorWeight, lexicalDepth, vectorDepth, lexicalLeadRatio });
      for (const blendLexicalShare of [0.3, 0.4, 0.5, 0.6, 0.7])
        grid.push({ ...base, method: 'blend', lexicalDepth, vectorDepth, blendLexicalShare, lexicalLeadRatio });
    }

/** The natural-language sets the fusion is for; laws and 文号 must merely not fall. */
const TARGET = (name: string) => /taidi|ncp2020_policy/.test(name);
const lexicalTune = score((c) => ranking(c, null), false);
/** Mean nDCG@10 of the target sets; settings that lower another set by more than 0.01 are out. */
const objective = (r: Record<string, number>) => {
  const others = Object.keys(r).filter((n) => !TARGET(n));
  if (others.some((n) => r[n] < lexicalTune[n] - 0.01)) return -1;
  const names = Object.keys(r).filter(TARGET);
  return names.reduce((a, n) => a + r[n], 0) / names.length;
};
const rows = grid.map((s) => ({ s, tune: score((c) => ranking(c, s), false) }));
rows.sort((a, b) => objective(b.tune) - objective(a.tune));
const best = { rrf: rows.find((r) => r.s.method === 'rrf')!, blend: rows.find((r) => r.s.method === 'blend')! };
const noLead = { rrf: rows.find((r) => r.s.method === 'rrf' && r.s.lexicalLeadRatio === 0)!, blend: rows.find((r) => r.s.method === 'blend' && r.s.lexicalLeadRatio === 0)! };
const halves = (rank: (c: Case) => string[]) => ({ tune: score(rank, false), held: score(rank, true), all: score(rank, null) });
const report = {
  lexical: halves((c) => ranking(c, null)),
  vector: halves(vectorOnly),
  /** What hybrid search did before this tuning: RRF k 60, weights 1:1, depth 100 each. */
  untuned: halves((c) => ranking(c, { ...HYBRID_DEFAULTS, method: 'rrf', k: 60, lexicalWeight: 1, vectorWeight: 1, lexicalDepth: 100, vectorDepth: 100, lexicalLeadRatio: 0 })),
  bestRrf: { settings: best.rrf.s, ...halves((c) => ranking(c, best.rrf.s)) },
  bestBlend: { settings: best.blend.s, ...halves((c) => ranking(c, best.blend.s)) },
  bestRrfNoLead: { settings: noLead.rrf.s, ...halves((c) => ranking(c, noLead.rrf.s)) },
  bestBlendNoLead: { settings: noLead.blend.s, ...halves((c) => ranking(c, noLead.blend.s)) },
  top: rows.slice(0, 15).map((r) => ({ settings: r.s, objective: objective(r.tune) })),
  grid: rows.map((r) => ({ settings: r.s, tune: r.tune })),
};
writeFileSync(values.out ?? '.tmp/fusion.json', JSON.stringify(report, null, 1));
console.log(JSON.stringify({ ...report, grid: undefined }, null, 1));
