/**
 * Issue 18's "done when": generated attachments — a scanned PDF, an image of a notice, an OFD and a
 * .doc — are ingested from a folder into a real embedded library and each is found by a phrase from
 * its body and by its 文号; OCR'd documents carry their confidence.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr, tessdataDir } from '../ingest/attachments/ocr';
import { makeDocx } from '../ingest/attachments/test-fixtures';
import { canRender, hasCommand, docxToDoc, makeOfd, renderNoticePng, scannedPdf } from '../ingest/attachments/testing/generated-fixtures';
import { importSites } from '../library/sites';
import { openLibrary, type Db } from '../library/store';
import { SearchService } from '../retrieval/search';
import { ingestInLibrary } from './ingest-command';

const ready = canRender && tessdataDir() !== null && hasCommand('pdftoppm') && hasCommand('soffice');
if (!ready) console.warn('attachment ingest test skipped: needs chromium, tesseract-ocr-chi-sim, poppler-utils and libreoffice (.ci/run installs them)');

const SITE = '9905000001';
/** Four notices of the sample city, one per format, each with its own 文号 and a phrase only it has. */
const NOTICES = {
  'scan_0001.pdf': { docNumber: '示政办发〔2026〕21号', title: '关于加强城市道路积雪清除工作的通知', phrase: '主干道积雪在降雪停止后十二小时内清除完毕' },
  '附件1.png': { docNumber: '示政办发〔2026〕22号', title: '关于开展老旧小区电梯加装工作的通知', phrase: '加装电梯须经本单元三分之二以上业主同意' },
  '附件2.ofd': { docNumber: '示政办发〔2026〕23号', title: '关于做好农村饮水安全保障的通知', phrase: '每季度对集中供水工程水质检测一次' },
  '附件3.doc': { docNumber: '示政办发〔2026〕24号', title: '关于规范停车收费管理的通知', phrase: '住宅小区停车位优先满足业主需求' },
};
type Notice = (typeof NOTICES)[keyof typeof NOTICES];
const lines = (n: Notice) => ['示例市人民政府办公室文件', n.docNumber, n.title, '各区人民政府，市政府各部门：', `现就有关事项通知如下：${n.phrase}。`, '示例市人民政府办公室', '2026年11月20日'];

async function noticePng(n: Notice): Promise<Buffer> {
  return renderNoticePng({ head: '示例市人民政府办公室文件', docNumber: n.docNumber, title: n.title, body: ['各区人民政府，市政府各部门：', `现就有关事项通知如下：${n.phrase}。`], signature: ['示例市人民政府办公室', '2026年11月20日'] });
}

describe.skipIf(!ready)('ingesting scans, images, OFD and .doc', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-attachments-'));
  let db: Db;
  let search: SearchService;
  // Files named one by one are known by their folder and name.
  const idOf = (file: string) => `file:${path.basename(dir)}/${file}`;

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'scan_0001.pdf'), await scannedPdf(await noticePng(NOTICES['scan_0001.pdf'])));
    writeFileSync(path.join(dir, '附件1.png'), await noticePng(NOTICES['附件1.png']));
    writeFileSync(path.join(dir, '附件2.ofd'), await makeOfd([{ lines: lines(NOTICES['附件2.ofd']) }]));
    writeFileSync(path.join(dir, '附件3.doc'), await docxToDoc(await makeDocx(lines(NOTICES['附件3.doc']))));
    db = await openLibrary();
    await importSites(db, [{ code: SITE, name: '示例市人民政府（样例）', level: 'city', regionCode: '990500' }]);
    const inputs = Object.keys(NOTICES).map((f) => path.join(dir, f));
    const run = await ingestInLibrary(db, inputs, { defaultSite: SITE });
    expect([...run.groups.flatMap(([, s]) => s.rejected), ...run.planLevel.rejected]).toEqual([]);
    search = new SearchService(db);
    await search.sync();
  }, 600_000);
  afterAll(async () => {
    await closeOcr();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.entries(NOTICES))('finds %s by a phrase from its body and by its 文号', async (file, notice) => {
    const id = idOf(file);
    const byPhrase = await search.search({ q: notice.phrase, limit: 3 });
    expect(byPhrase.results[0]?.id).toBe(id);
    const byNumber = await search.search({ q: notice.docNumber, limit: 3 });
    expect(byNumber.results[0]?.id).toBe(id);
  });

  it('marks OCR text with its confidence, and text layers as none', async () => {
    const { rows } = await db.query<{ external_id: string; extra: { attachment: { format: string; ocr?: { meanConfidence: number; pageCount: number } } } }>(
      `SELECT external_id, extra FROM documents WHERE external_id LIKE 'file:%' ORDER BY external_id`,
    );
    const byId = new Map(rows.map((r) => [r.external_id, r.extra.attachment]));
    expect(byId.get(idOf('scan_0001.pdf'))).toMatchObject({ format: 'pdf', ocr: { pageCount: 1, meanConfidence: expect.any(Number) } });
    expect(byId.get(idOf('附件1.png'))).toMatchObject({ format: 'image', ocr: { pageCount: 1 } });
    expect(byId.get(idOf('附件2.ofd'))).toEqual({ file: `${path.basename(dir)}/附件2.ofd`, format: 'ofd' });
    expect(byId.get(idOf('附件3.doc'))).toEqual({ file: `${path.basename(dir)}/附件3.doc`, format: 'doc' });
  });
});
