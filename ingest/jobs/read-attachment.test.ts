/**
 * Attachment jobs (conversion, OCR) on their own queue, read on the worker that serves it, with
 * progress per OCR'd page and the page time limit; on BullMQ (Redis) and in-process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../library/store';
import { closeOcr, tessdataDir } from '../attachments/ocr';
import { makeDocx } from '../attachments/test-fixtures';
import { canRender, hasCommand, NOTICE, renderNoticePng, scannedPdf } from '../attachments/testing/generated-fixtures';
import { resolveInputLimits } from '../limits';
import { Ingestor } from '../pipeline';
import { enqueueInputs } from './enqueue-feed';
import { startAttachmentWorker, startIngestWorker, waitForDrain, type JobProgress } from './index';
import { readAttachmentHandler, type ReadAttachmentData } from './read-attachment';
import { backendCases } from './testing/backends';

const ready = canRender && tessdataDir() !== null && hasCommand('pdftoppm');
if (!ready) console.warn('attachment job tests skipped: need chromium, tesseract-ocr-chi-sim and poppler-utils (.ci/run installs them)');

describe.skipIf(!ready)('attachment jobs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-attachment-jobs-'));
  const scan = path.join(dir, 'scan_0001.pdf');
  let db: Db;
  let ingestor: Ingestor;

  beforeAll(async () => {
    writeFileSync(scan, await scannedPdf(await renderNoticePng(), 2));
    writeFileSync(path.join(dir, '补贴申请指南.docx'), await makeDocx(['补贴申请指南', '申请人持身份证到社区服务中心办理。']));
    db = await openLibrary();
    ingestor = new Ingestor(db);
  }, 120_000);
  afterAll(async () => {
    await closeOcr();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports progress after each OCR page, then stores the document', async () => {
    const progress: JobProgress[] = [];
    const handler = readAttachmentHandler(ingestor);
    const result = await handler(
      { path: scan, relativePath: 'jobs/scan_0001.pdf', defaultSite: 'sample' },
      { id: 'a', name: 'read-attachment', attempt: 1, progress: async (p) => void progress.push(p) },
    );
    expect(progress).toEqual([{ stage: 'read' }, { stage: 'ocr', page: 1, pages: 2 }, { stage: 'ocr', page: 2, pages: 2 }, { stage: 'store' }]);
    expect(result).toMatchObject({ externalId: 'file:jobs/scan_0001.pdf', outcome: 'added' });
    const { rows } = await db.query<{ title: string; body: string }>('SELECT title, body FROM documents WHERE external_id = $1', ['file:jobs/scan_0001.pdf']);
    expect(rows[0].title).toBe(NOTICE.title);
    expect(rows[0].body.replace(/\s+/g, '')).toContain('室温不低于十八摄氏度');
  }, 180_000);

  it('fails a file for good, naming the page and the setting, when a page takes longer than the page limit', async () => {
    // A millisecond (below what settings accept, so set past their check): no page reads that fast.
    const handler = readAttachmentHandler(ingestor, { ...resolveInputLimits(), ocrPageTimeoutSeconds: 0.001 });
    const err = await handler(
      { path: scan, relativePath: 'jobs/slow.pdf', defaultSite: 'sample' },
      { id: 'b', name: 'read-attachment', attempt: 1, progress: async () => undefined },
    ).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ name: 'InvalidRecordError' });
    expect((err as Error).message).toMatch(/page 1 took longer than 0.001 s to read \(ZHIWEN_OCR_PAGE_TIMEOUT_SECONDS\)/);
    // The engine was stopped and starts afresh for the next file.
    const ok = await readAttachmentHandler(ingestor)(
      { path: scan, relativePath: 'jobs/again.pdf', defaultSite: 'sample' },
      { id: 'c', name: 'read-attachment', attempt: 1, progress: async () => undefined },
    );
    expect(ok).toMatchObject({ outcome: 'added' });
  }, 240_000);

  for (const backend of backendCases()) {
    it(`sends attachment files to the attachment queue and reads them on its worker (${backend.name})`, async () => {
      const ingest = backend.open<never, unknown>();
      const attachments = backend.open<ReadAttachmentData, unknown>();
      const workers = [
        startIngestWorker(ingestor, ingest.queue as never),
        startAttachmentWorker(ingestor, attachments.queue as never, { concurrency: 1 }),
      ];
      try {
        const { enqueued } = await enqueueInputs(ingest.queue as never, [path.join(dir, '补贴申请指南.docx')], { attachments: attachments.queue });
        expect(enqueued).toBe(1);
        // Nothing was read while enqueueing: the job is on the attachment queue, none on the ingest queue.
        expect((await ingest.queue.counts()).completed + (await ingest.queue.counts()).waiting).toBe(0);
        const counts = await waitForDrain(attachments.queue, { intervalMs: 100 });
        expect(counts).toMatchObject({ completed: 1, dead: 0 });
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE title = '补贴申请指南'`);
        expect(rows[0].n).toBe(1);
      } finally {
        await Promise.all(workers.map((w) => w.close()));
        await ingest.dispose();
        await attachments.dispose();
      }
    }, 120_000);
  }
});
