import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import { migrate } from '../store/migrate';
import { readIndexFeed, upsertDocument, upsertSite, withdrawDocument, type PreparedDocument } from './index';

function prepared(overrides: Partial<PreparedDocument> = {}): PreparedDocument {
  return {
    externalId: 'doc-1',
    siteCode: 'sample-city',
    title: '示例市社会保障卡办理指南',
    body: '申请社会保障卡需要携带身份证。',
    infoType: '办事指南',
    docNumber: '示人社发〔2024〕3号',
    docNumberKey: '示人社发〔2024〕3号',
    titleTokens: ['示例', '社会保障', '卡', '办理', '指南'],
    contentHash: 'hash-1',
    chunks: [{ ordinal: 0, heading: null, text: '申请社会保障卡需要携带身份证。', tokens: ['申请', '社会保障', '卡'] }],
    ...overrides,
  };
}

for (const driver of driverCases()) {
  describe(`library store on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('migrates idempotently', async () => {
      expect(await migrate(lib.db)).toEqual([]);
    });

    it('adds, skips unchanged, and updates in place by content hash', async () => {
      const first = await upsertDocument(lib.db, prepared());
      expect(first.outcome).toBe('added');
      expect((await upsertDocument(lib.db, prepared())).outcome).toBe('unchanged');
      const changed = await upsertDocument(
        lib.db,
        prepared({ contentHash: 'hash-2', body: '新正文', chunks: [
          { ordinal: 0, heading: null, text: '新正文一', tokens: ['新', '正文'] },
          { ordinal: 1, heading: '第二章', text: '新正文二', tokens: ['正文', '二'] },
        ] }),
      );
      expect(changed).toEqual({ id: first.id, outcome: 'updated' });
      const { rows } = await lib.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks WHERE document_id = $1', [first.id]);
      expect(rows[0].n).toBe(2);
    });

    it('feeds changes in sequence order, including withdrawals', async () => {
      await upsertDocument(lib.db, prepared({ externalId: 'doc-2', contentHash: 'h', title: '第二篇' }));
      const all = await readIndexFeed(lib.db, 0);
      expect(all.map((d) => d.titleTokens.length > 0)).toEqual([true, true]);
      const lastSeq = all.at(-1)!.changeSeq;
      expect(await readIndexFeed(lib.db, lastSeq)).toEqual([]);
      expect(await withdrawDocument(lib.db, 'doc-1')).toBe(true);
      const after = await readIndexFeed(lib.db, lastSeq);
      expect(after.map((d) => d.status)).toEqual(['withdrawn']);
      expect(after[0].chunks.map((c) => c.tokens)).toEqual([['新', '正文'], ['正文', '二']]);
    });

    it('keeps a site tree with parents', async () => {
      await upsertSite(lib.db, { code: 'prov', name: '示例省', level: 'province', regionCode: '990000' });
      await upsertSite(lib.db, { code: 'city', name: '示例市', level: 'city', parentCode: 'prov', regionCode: '990100' });
      const { rows } = await lib.db.query<{ parent: string }>(
        'SELECT p.code AS parent FROM sites s JOIN sites p ON p.id = s.parent_id WHERE s.code = $1', ['city']);
      expect(rows[0].parent).toBe('prov');
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        lib.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO sites (code, name) VALUES ('rollback-me', 'x')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await lib.db.query(`SELECT 1 FROM sites WHERE code = 'rollback-me'`);
      expect(rows).toEqual([]);
    });

    it('stores and compares vectors (pgvector)', async () => {
      const { rows } = await lib.db.query<{ d: number }>(`SELECT '[1,0,0]'::vector <=> '[0,1,0]'::vector AS d`);
      expect(rows[0].d).toBeCloseTo(1);
    });
  });
}
