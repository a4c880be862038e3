/**
 * Hostile inputs through the real ingest (cli/ingest-command.ts ingestInLibrary, what `zhiwen
 * ingest` runs) into a PGlite library that already holds documents: every run finishes with a
 * summary, every rejection names its source (and line or row) and why, the good records go in,
 * the stored library is untouched, and the huge-line and bomb cases stay within bounded memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInLibrary, type IngestRun } from '../../cli/ingest-command';
import { openLibrary, type Db } from '../../library/store';
import { importSites } from '../../library/sites';
import { makeDocx } from '../attachments/test-fixtures';
import type { Rejection } from '../pipeline';

/** Ingest stores only registered sites: the test's, registered in beforeAll. */
const HOSTILE_SITE = '9999000001';

const BODY = '为进一步做好政府信息公开工作，保障公民依法获取政府信息，现将有关事项通知如下。';
const record = (id: string, title: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, title, text: `${title}。${BODY}`, ...extra });

/** Runs `fn` while sampling RSS every 5 ms; returns its result and the peak RSS above the start. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: (peak - base) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

const rejectionsOf = (run: IngestRun): Rejection[] => [...run.groups.flatMap(([, s]) => s.rejected), ...run.planLevel.rejected];
const storedOf = (run: IngestRun): number => run.groups.reduce((n, [, s]) => n + s.added + s.updated + s.unchanged, 0);

/** Writes a JSONL file whose first line is `mib` MiB long, lazily (never one string of that size). */
async function writeHugeLine(file: string, mib: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('{"id":"huge-1","title":"超长记录","text":"');
  const piece = '很长的正文'.repeat(70_000); // ~1 MiB in UTF-8
  for (let i = 0; i < mib; i++) if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  out.write(`"}\n${record('after-huge', '超长记录之后的正常记录')}\n`);
  await new Promise<void>((resolve) => out.end(resolve));
}

/** A DOCX whose word/document.xml inflates to `mib` MiB (compresses to well under 1 MiB). */
async function makeBombDocx(mib: number): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
  const filler = new Uint8Array(mib * 1024 * 1024).fill(0x41);
  zip.file('word/document.xml', filler);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('hostile inputs: every run finishes, every rejection has a reason, the library is unchanged', () => {
  let dir: string;
  let db: Db;
  let before: Array<{ external_id: string; content_hash: string; status: string }>;
  const saved = { ...process.env };

  const snapshot = async (ids: string[]) =>
    (await db.query<{ external_id: string; content_hash: string; status: string }>(
      'SELECT external_id, content_hash, status FROM documents WHERE external_id = ANY($1) ORDER BY external_id',
      [ids],
    )).rows;

  beforeAll(async () => {
    // Lowered limits keep the huge-line and bomb cases fast; the readers enforce whatever is configured.
    process.env.ZHIWEN_MAX_DOCUMENT_CHARS = '200000';
    process.env.ZHIWEN_MAX_DECOMPRESSED_BYTES = String(4 * 1024 * 1024);
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-hostile-'));
    db = await openLibrary();
    await importSites(db, [{ code: HOSTILE_SITE, name: '恶意输入测试站点（测试数据）' }]);
    const existing = path.join(dir, 'existing.jsonl');
    await writeFile(existing, [record('lib-1', '已入库的第一份文件'), record('lib-2', '已入库的第二份文件'), record('dup-1', '已入库的重复编号文件')].join('\n'));
    await ingestInLibrary(db, [existing], { site: HOSTILE_SITE });
    before = await snapshot(['lib-1', 'lib-2', 'dup-1']);
    expect(before).toHaveLength(3);

    const h = path.join(dir, 'hostile');
    await mkdir(h);
    const deep = (n: number) =>
      `<html><head><title>深层嵌套页面${n}的标题</title></head><body>${'<div>'.repeat(n)}<p>${BODY}</p>${'</div>'.repeat(n)}</body></html>`;
    await writeFile(path.join(h, 'deep-5000.html'), deep(5000));
    await writeFile(path.join(h, 'deep-50000.html'), deep(50_000));
    await writeFile(path.join(h, 'good.html'), `<html><head><title>正常的页面标题</title></head><body><div class="content"><p>${BODY}</p></div></body></html>`);
    // Line 2 carries a byte that is no UTF-8; line 3 is GBK inside a UTF-8 file.
    await writeFile(path.join(h, 'broken-utf8.jsonl'), Buffer.concat([
      Buffer.from(`${record('u-1', '第一条正常记录')}\n`),
      Buffer.from('{"id":"u-2","title":"坏字节'), Buffer.from([0xff, 0xfe]), Buffer.from(`","text":"${BODY}"}\n`),
      iconv.encode(`${record('u-3', 'GBK编码混入的记录')}\n`, 'gbk'),
      Buffer.from(`${record('u-4', '最后一条正常记录')}\n`),
    ]));
    await writeFile(path.join(h, 'all-gbk.jsonl'), iconv.encode(`${record('g-1', '全文件GBK编码的记录')}\n${record('g-2', '第二条GBK记录')}\n`, 'gbk'));
    await writeFile(path.join(h, 'dates-and-ids.jsonl'), [
      record('d-1', '日期正常的记录', { published: '2020-03-01' }),
      record('d-2', '日期错误的记录', { published: '2020-13-45' }),
      record('d-3', '编号重复的第一条'),
      record('d-3', '编号重复的第二条'),
      record('dup-1', '本次运行第一次出现的编号'),
    ].join('\n'));
    const csv = [
      '编号,标题,正文,发布日期',
      `c-1,第一行,${BODY},2020-01-01`,
      `c-2,"引号没有闭合的一行,${BODY},2020-01-02`,
      `c-3,第三行,${BODY},2020-01-03`,
      `c-4,第四行,${BODY},2020-01-04`,
      `c-5,第五行,${BODY},2020-01-05`,
      `c-6,第六行,${BODY},2020-01-06`,
    ].join('\r\n');
    await writeFile(path.join(h, 'broken-quote.csv'), iconv.encode(csv, 'gbk'));
    await writeFile(path.join(h, 'lying.pdf'), `<!DOCTYPE html><html><head><title>404</title></head><body>页面不存在</body></html>`);
    await writeFile(path.join(h, 'lying.docx'), '这其实是一个纯文本文件，扩展名却是docx。');
    const docx = await makeDocx(['关于做好防汛工作的通知', BODY]);
    await writeFile(path.join(h, 'truncated.docx'), docx.subarray(0, Math.floor(docx.length * 0.6)));
    await writeFile(path.join(h, 'bomb.docx'), await makeBombDocx(64));
    await writeHugeLine(path.join(dir, 'huge.jsonl'), 40);
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await db?.close();
  });

  it('finishes the folder with a summary, stores the good records and names every rejection', async () => {
    const run = await ingestInLibrary(db, [path.join(dir, 'hostile')], { site: HOSTILE_SITE });
    const rejected = rejectionsOf(run);
    for (const r of rejected) {
      expect(r.source, JSON.stringify(r)).toBeTruthy();
      expect(r.reason.length, JSON.stringify(r)).toBeGreaterThan(20);
    }
    const reasonFor = (file: string, line?: number): string => {
      const hit = rejected.filter((r) => r.source?.endsWith(file) && (line === undefined || r.lineNumber === line));
      expect(hit, `one rejection for ${file}${line ? ` line ${line}` : ''} in ${JSON.stringify(rejected, null, 1)}`).toHaveLength(1);
      return hit[0].reason;
    };
    expect(reasonFor('deep-50000.html')).toMatch(/nests 50,0\d\d elements deep \(the limit is 10,000\)/);
    expect(reasonFor('broken-utf8.jsonl', 2)).toMatch(/not valid UTF-8 at byte offset \d+/);
    expect(reasonFor('broken-utf8.jsonl', 3)).toMatch(/reads as GBK/);
    expect(reasonFor('dates-and-ids.jsonl', 2)).toMatch(/published "2020-13-45" is not a valid date/);
    expect(reasonFor('dates-and-ids.jsonl', 4)).toMatch(/duplicate id "d-3": line 3 of this file/);
    expect(reasonFor('broken-quote.csv', 3)).toMatch(/row 2 \(line 3\).*unterminated quote/);
    expect(reasonFor('lying.pdf')).toMatch(/named \.pdf but it holds an HTML page/);
    expect(reasonFor('lying.docx')).toMatch(/named \.docx but it holds plain text/);
    expect(reasonFor('truncated.docx')).toMatch(/truncated/);
    expect(reasonFor('bomb.docx')).toMatch(/word\/document\.xml" inflates to more than 4,194,304 bytes/);
    expect(rejected).toHaveLength(10);

    const stored = (await db.query<{ external_id: string; title: string }>(
      'SELECT external_id, title FROM documents ORDER BY external_id',
    )).rows;
    const ids = stored.map((r) => r.external_id);
    for (const id of ['u-1', 'u-4', 'g-1', 'g-2', 'd-1', 'd-3', 'c-1', 'c-3', 'c-4', 'c-5', 'c-6']) expect(ids).toContain(id);
    expect(ids.some((id) => id.endsWith('deep-5000.html'))).toBe(true);
    expect(ids.some((id) => id.endsWith('good.html'))).toBe(true);
    expect(stored.find((r) => r.external_id === 'g-1')?.title).toBe('全文件GBK编码的记录');
    expect(stored.find((r) => r.external_id === 'd-3')?.title).toBe('编号重复的第一条');
    expect(stored.some((r) => r.title.includes('\uFFFD'))).toBe(false);
    // dup-1 came once in this run: an update of the stored one is allowed, so only lib-* must be byte-identical.
    expect(await snapshot(['lib-1', 'lib-2'])).toEqual(before.filter((r) => r.external_id !== 'dup-1'));
    expect(storedOf(run)).toBe(14);
  }, 120_000);

  it('rejects a 40 MiB line while reading it, in bounded memory, and reads the line after it', async () => {
    const { result: run, peakMiB } = await withPeakRss(() => ingestInLibrary(db, [path.join(dir, 'huge.jsonl')], { site: HOSTILE_SITE }));
    const rejected = rejectionsOf(run);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ lineNumber: 1 });
    expect(rejected[0].reason).toMatch(/line is longer than .* ZHIWEN_MAX_DOCUMENT_CHARS/);
    expect((await snapshot(['after-huge'])).length).toBe(1);
    console.log(`huge line: peak RSS +${peakMiB.toFixed(0)} MiB`);
    expect(peakMiB).toBeLessThan(300);
    expect(await snapshot(['lib-1', 'lib-2'])).toEqual(before.filter((r) => r.external_id !== 'dup-1'));
  }, 60_000);

  it('rejects a DOCX bomb while inflating it, in bounded memory', async () => {
    process.env.ZHIWEN_MAX_DECOMPRESSED_BYTES = String(256 * 1024 * 1024);
    try {
      const bomb = path.join(dir, 'bomb-1g.docx');
      await writeFile(bomb, await makeBombDocx(300));
      const { result: run, peakMiB } = await withPeakRss(() => ingestInLibrary(db, [bomb], { site: HOSTILE_SITE }));
      expect(rejectionsOf(run).map((r) => r.reason)).toEqual([expect.stringMatching(/inflates to more than 268,435,456 bytes/)]);
      console.log(`300 MiB bomb (limit 256 MiB): peak RSS +${peakMiB.toFixed(0)} MiB`);
      expect(peakMiB).toBeLessThan(300);
    } finally {
      process.env.ZHIWEN_MAX_DECOMPRESSED_BYTES = String(4 * 1024 * 1024);
    }
  }, 60_000);
});
