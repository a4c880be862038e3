import { buildApp } from '../api/app';
import { composeServices, createSearchService } from '../api/compose';
import { checkEmbeddingStamp, openEmbedder } from '../library/embeddings';
import { keepPlannerStatistics, openLibrary, refreshPlannerStatistics } from '../library/store';
import { Curation } from '../retrieval/curation';
import { OPENSEARCH_WRITE_QUEUE, startOpenSearchWrites, type FeedRangeJob } from '../retrieval/opensearch';
import { FaqService } from '../retrieval/faq';
import { answerServiceFromEnv } from '../retrieval/answer';
import { compactHeap } from './compact-heap';
import type { ZhiwenConfig } from './config';
import { ATTACHMENT_QUEUE, INGEST_QUEUE } from '../ingest/jobs/queue-name';
import { openJobQueue } from '../ingest/jobs/open-queue';
import { readIngestSettings } from './ingest-settings';
import { localWriteTasks } from './local-write-tasks';
import { loopbackUrl, newLocalSecret, writeServiceFile } from './local-service';
import { ensureWidgetBundle } from '../widget/build';
import { ensureConsoleBundle } from '../console/build';
import { ensureChartsBundle } from '../console/charts/build';

export interface ServeOptions {
  /** Load the sample city into an empty library (default true). */
  sample: boolean;
}

/** Opens the library, builds the search index, and serves the API until the process is stopped. */
export async function serve(config: ZhiwenConfig, options: ServeOptions): Promise<void> {
  const db = await openLibrary(config.library);
  // The sample loader brings the ingest pipeline: loaded only for an empty library.
  const sample = options.sample ? await import('../ingest/sample/load-sample') : null;
  if (sample && (await sample.isLibraryEmpty(db))) {
    const loaded = await sample.loadSampleLibrary(db);
    console.log(`empty library: loaded the sample city (${loaded.documents} sample documents, fictional)`);
  }
  // Hybrid search when ZHIWEN_EMBED_MODEL names a model; vectors of another model fail here, with the fix.
  const ingest = readIngestSettings();
  const { embedModel, embedBatchSize } = ingest;
  const embedder = await openEmbedder(embedModel, { batchSize: embedBatchSize });
  if (embedder.dimensions > 0) {
    const stamp = await checkEmbeddingStamp(db, embedder);
    const missing = stamp.missing ? `; ${stamp.missing} chunks have no vector yet (run \`zhiwen reembed\`)` : '';
    console.log(`hybrid search: ${stamp.model} (${stamp.dimensions} dimensions), ${stamp.embedded} chunks embedded${missing}`);
  }
  // Embedded PGlite has no autovacuum: a library never analyzed plans the change feed as a full scan.
  const analyzed = await refreshPlannerStatistics(db);
  if (analyzed.length) console.log(`planner statistics refreshed for ${analyzed.length} tables (ANALYZE; PGlite has no autovacuum)`);
  const stopStatistics = keepPlannerStatistics(db);
  // Editors' synonyms, hot words and pins (seeded with the starter synonyms once), and the query log.
  const curation = await Curation.open(db, { rawAddressHours: config.rawAddressHours });
  const stopCuration = curation.follow();
  // ZHIWEN_SEARCH_BACKEND=opensearch: ranking on OpenSearch; fails here, with the fix, when the node does not answer.
  const { search, opensearch } = await createSearchService(db, config.searchBackend, { curation, embedder, indexSnapshotDir: config.indexSnapshotDir });
  const started = performance.now();
  const changed = await search.sync();
  // One query before listening loads what the first request would otherwise wait for (lazy modules, JIT).
  await search.search({ q: '政务服务' });
  console.log(`search index ready: ${changed} documents in ${Math.round(performance.now() - started)} ms`);
  // The load's garbage is interleaved with what the index keeps; V8 would hold those pages for good.
  const compacted = compactHeap();
  if (compacted) console.log(`heap compacted after the load: ${Math.round(compacted.beforeMiB)} → ${Math.round(compacted.afterMiB)} MiB in ${Math.round(compacted.ms)} ms`);
  const stopFollowing = search.follow();
  // The OpenSearch index follows the change feed through write jobs: BullMQ with REDIS_URL, else in this process.
  const writes = opensearch
    ? await startOpenSearchWrites(db, opensearch, openJobQueue<FeedRangeJob, number>(OPENSEARCH_WRITE_QUEUE, ingest.queue))
    : null;
  if (writes && opensearch) console.log(`search backend: OpenSearch alias ${opensearch.alias} (${writes.caughtUp} documents caught up at start; lexical ranking, no vector fusion)`);
  // The consultation knowledge base's FAQ index, and answers (grounded LLM when ZHIWEN_LLM_* is set).
  // With a model, /v1/ask matches FAQ entries by meaning too (embedded in the background as they sync).
  const faqs = new FaqService(db, { synonymsOf: search.synonymsOf, embedder: search.hybrid?.embedder ?? null });
  console.log(`FAQ index ready: ${await faqs.sync()} entries`);
  const stopFaqs = faqs.follow();
  const answers = answerServiceFromEnv({ db, search, faqs });
  console.log(answers.llm ? `answers: grounded LLM ${answers.llm}, extractive fallback` : 'answers: extractive (set ZHIWEN_LLM_BASE_URL and ZHIWEN_LLM_MODEL for an LLM)');
  // With REDIS_URL: the workers' shared queue; without: this process's own (in-process) jobs.
  const jobs = openJobQueue(INGEST_QUEUE, ingest.queue);
  const attachmentJobs = openJobQueue(ATTACHMENT_QUEUE, ingest.queue);
  // An embedded library has one writer, this process: the CLI's ingest and withdraw come to it (local-writes route).
  const { dataDir } = config.library;
  const localWrites = dataDir ? localWriteTasks(db, newLocalSecret(), embedder) : undefined;
  // The widget script is a built file: built here when missing or older than widget/src.
  const widget = await ensureWidgetBundle();
  if (widget.built) console.log(`widget bundled: ${widget.file}`);
  const consoleBundle = await ensureConsoleBundle();
  if (consoleBundle.built) console.log(`console bundled: ${consoleBundle.file}`);
  const charts = await ensureChartsBundle();
  if (charts.built) console.log(`console charts bundled: ${charts.file}`);
  // bull-board at /console/queues/ for the same queues, when they live in Redis (else it answers 503, saying why).
  const queueBoard = { redisUrl: ingest.queue.redisUrl, prefix: ingest.queue.prefix, queues: [INGEST_QUEUE, ATTACHMENT_QUEUE, ...(writes ? [OPENSEARCH_WRITE_QUEUE] : [])] };
  const services = composeServices({ db, search, jobs: [jobs, attachmentJobs], curation, faqs, answers: answers.service, localWrites, oidc: config.oidc, queueBoard });
  const app = await buildApp(services, {
    logger: config.logger,
    rateLimitPerMinute: config.rateLimitPerMinute,
    rateLimitPerKeyPerMinute: config.rateLimitPerKeyPerMinute,
    trustedProxies: config.trustedProxies,
    redisUrl: config.redisUrl,
    adminToken: config.adminToken,
    publicUrl: config.publicUrl,
    widgetFile: widget.file,
    consoleFile: consoleBundle.file,
    chartsFile: charts.file,
  });
  const address = await app.listen({ port: config.port, host: config.host, ipv6Only: false });
  const port = (app.server.address() as { port: number }).port;
  const localUrl = loopbackUrl(config.host, port);
  const removeServiceFile = dataDir && localWrites && localUrl
    ? writeServiceFile(dataDir, { pid: process.pid, url: localUrl, secret: localWrites.secret, startedAt: new Date().toISOString() })
    : () => undefined;
  if (dataDir && !localUrl) console.log(`HOST=${config.host} is not reachable over loopback: \`zhiwen ingest\` cannot hand its writes to this service`);
  console.log(`Zhiwen is serving on ${address} (try ${address.replace('[::]', 'localhost')}/ and /docs)`);
  const shutdown = async () => {
    stopFollowing();
    await writes?.stop();
    stopStatistics();
    stopCuration();
    stopFaqs();
    removeServiceFile();
    await app.close();
    await curation.close();
    await jobs.close();
    await embedder.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
