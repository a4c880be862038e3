/**
 * Measures (prints, asserts nothing) the in-process job path: N ingest-document jobs through one Ingestor
 * at worker concurrency 4, each job stored alone (batchSize 1: the path before group commit) and grouped.
 * `npx tsx ingest/jobs/testing/measure-worker.ts [jobs=400]`. Belongs in evals/bench.
 */
import { openLibrary } from '../../../library/store';
import { Ingestor } from '../../pipeline';
import { INGEST_DOCUMENT, INGEST_QUEUE, type IngestDocumentData, type IngestDocumentResult } from '../ingest-document';
import { startIngestWorker } from '../ingest-worker';
import { MemoryJobQueue } from '../memory-queue';
import { waitForDrain } from '../wait-for-drain';

const jobs = Number(process.argv[2] ?? 400);
for (const batchSize of [1, 64]) {
  const db = await openLibrary();
  const queue = new MemoryJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE);
  const worker = startIngestWorker(new Ingestor(db, { batchSize }), queue, { concurrency: 4 });
  const started = performance.now();
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({
      name: INGEST_DOCUMENT,
      data: {
        source: 'measure', id: `m${i}`,
        document: { externalId: `m${i}`, siteCode: 'measure', title: `关于第${i}号事项的通知`, body: `第${i}号事项的正文，关于社会保险缴费和住房公积金提取的规定。`.repeat(8), infoType: '政策文件' as const },
      },
    })),
  );
  const counts = await waitForDrain(queue, { intervalMs: 20 });
  const seconds = (performance.now() - started) / 1000;
  console.log(`batchSize ${batchSize}: ${counts.completed} jobs in ${seconds.toFixed(1)} s = ${(counts.completed / seconds).toFixed(0)} jobs/s (dead ${counts.dead})`);
  await worker.close();
  await queue.close();
  await db.close();
}
