import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../library/store';
import { readJsonl } from '../feeds';
import { ingestDocumentLines } from './index';

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, site: 'test-site', title: `标题${id}`, text: `正文内容${id}，关于社会保险。`, category: '政策文件', ...extra });

describe('ingestDocumentLines', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await openLibrary();
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-ingest-'));
  });
  afterAll(async () => db?.close());

  async function ingest(lines: string[]) {
    const file = path.join(dir, `feed-${Math.random().toString(36).slice(2)}.jsonl`);
    await writeFile(file, lines.join('\n'));
    return ingestDocumentLines(db, readJsonl(file), { defaultSite: 'default-site' });
  }

  it('rejects bad lines one by one with a reason and ingests the rest', async () => {
    const summary = await ingest([
      good('a'),
      '{not json',
      JSON.stringify({ id: 'no-title', text: '有正文' }),
      JSON.stringify({ id: 'empty-body', title: '有标题', text: '   ' }),
      JSON.stringify({ id: 'wrong-type', title: 123, text: '正文' }),
      JSON.stringify(['an', 'array']),
      good('b'),
    ]);
    expect(summary.added).toBe(2);
    expect(summary.rejected.map((r) => [r.lineNumber, r.reason])).toEqual([
      [2, expect.stringContaining('not valid JSON')],
      [3, 'title is missing'],
      [4, 'text (the body) is empty'],
      [5, 'title must be a string'],
      [6, 'expected a JSON object with id, title and text'],
    ]);
    expect(summary.rejected[1].id).toBe('no-title');
  });

  it('is idempotent, updates changed documents in place, and loses nothing on a bad re-ingest', async () => {
    const again = await ingest([good('a'), good('b', { text: '改过的正文' }), '{"id": "a", "title": ""}']);
    expect(again).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(again.rejected).toHaveLength(1);
    const { rows } = await db.query<{ external_id: string; body: string }>(
      `SELECT external_id, body FROM documents WHERE external_id IN ('a','b') ORDER BY external_id`,
    );
    expect(rows).toEqual([
      { external_id: 'a', body: '正文内容a，关于社会保险。' },
      { external_id: 'b', body: '改过的正文' },
    ]);
  });

  it('uses the default site and keeps unknown categories as 其他 with the source category', async () => {
    await ingest([JSON.stringify({ id: 'c', title: '标题c', text: '正文c', category: '领导讲话' })]);
    const { rows } = await db.query<{ code: string; info_type: string; extra: { sourceCategory: string } }>(
      `SELECT s.code, d.info_type, d.extra FROM documents d JOIN sites s ON s.id = d.site_id WHERE external_id = 'c'`,
    );
    expect(rows[0]).toMatchObject({ code: 'default-site', info_type: '其他', extra: { sourceCategory: '领导讲话' } });
  });
});
