import { loadCorpus } from './evals/data';
import { evaluateRetrieval } from './evals/quality/retrieval';
import { selectSystems } from './evals/systems';
const c = await loadCorpus('/work/shared/corpus');
console.log(c.docs.length, c.goldSets.map((s) => `${s.name}:${s.queries.length}:${s.docFiles}`));
const mode = (process.argv[2] ?? 'per-set') as 'per-set';
const t0 = Date.now();
await evaluateRetrieval(c, selectSystems((process.argv[3] ?? 'bm25-title-twice,bm25-fields').split(',')), { mode, onResult: (r) => console.log(r.system, r.set, r.queries, r.docs, r.recall10.toFixed(3), r.mrr10.toFixed(3), r.ndcg10.toFixed(3), r.latency.p50.toFixed(2), Math.round(r.indexMs), Date.now() - t0) });
