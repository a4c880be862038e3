import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexFeed, upsertDocuments, type PreparedDocument } from '../../documents';
import { driverCases, type TestLibrary } from '../../store/test-drivers';
import { docNumberKey } from './grammar';
import { DOC_NUMBER_KEY_VERSION } from './key';
import { DOC_NUMBER_KEY_VERSION_KEY, legacyKeyText, rekey, rekeyDocNumbers } from './rekey';

const doc = (externalId: string, docNumber: string, storedKey: string, linkKeys: string[] = []): PreparedDocument => ({
  externalId, siteCode: 'rekey-site', title: `文件${externalId}`, body: '正文。', infoType: '政策文件', docNumber,
  docNumberKey: storedKey, titleTokens: ['文件'], contentHash: `h-${externalId}`, chunks: [], linkKeys,
});

describe('legacy keys', () => {
  it.each([
    ['国办发2017-47', '国办发〔2017〕47号'],
    ['国家税务总局公告2020-4', '国家税务总局公告2020年第4号'],
    ['财政部税务总局公告2019-39', '财政部税务总局公告2019年第39号'],
    ['北京市人民代表大会常务委员会公告-1', '北京市人民代表大会常务委员会公告第1号'],
    ['主席令-31', '主席令第31号'],
    ['国务院、中央军事委员会令-418', '国务院中央军事委员会令第418号'],
  ])('%s becomes %s', (old, now) => {
    expect(rekey(old)).toBe(now);
  });

  it('leaves current keys as they are (so re-keying twice changes nothing)', () => {
    for (const key of ['国办发〔2017〕47号', '主席令第31号', '国家税务总局公告2020年第4号']) {
      expect(legacyKeyText(key)).toBeNull();
      expect(rekey(key)).toBe(key);
    }
  });
});

for (const driver of driverCases()) {
  describe(`rekeyDocNumbers on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('re-keys rows stored by an older grammar once, bumping their change_seq, then does nothing', async () => {
      await upsertDocuments(lib.db, [
        // What the two old grammars stored: null for a bracketed order, a co-issuer dropped, the ingest form in link keys.
        doc('k-1', '主席令（第三十一号）', '', ['n:主席令-31', 't:文件']),
        doc('k-2', '财政部 税务总局公告2019年第39号', '税务总局公告2019年第39号'),
        doc('k-3', '国办发〔2017〕47号', '国办发〔2017〕47号', ['n:国办发〔2017〕47号']),
      ]);
      await lib.db.query(`UPDATE documents SET doc_number_key = NULL WHERE external_id = 'k-1'`);
      await lib.db.query('DELETE FROM library_meta WHERE key = $1', [DOC_NUMBER_KEY_VERSION_KEY]);
      const before = Math.max(...(await readIndexFeed(lib.db, 0)).map((d) => d.changeSeq));

      expect(await rekeyDocNumbers(lib.db)).toEqual({ documents: 2, linkKeys: 1 });
      const changed = await readIndexFeed(lib.db, before);
      expect(changed.map((d) => [d.externalId, d.docNumberKey]).sort()).toEqual([
        ['k-1', '主席令第31号'],
        ['k-2', '财政部税务总局公告2019年第39号'],
      ]);
      const { rows } = await lib.db.query<{ external_id: string; doc_number: string; doc_number_key: string; link_keys: string[] }>(
        `SELECT external_id, doc_number, doc_number_key, link_keys FROM documents WHERE site_id = (SELECT id FROM sites WHERE code = 'rekey-site') ORDER BY external_id`,
      );
      expect(rows.map((r) => r.link_keys)).toEqual([['n:主席令第31号', 't:文件'], [], ['n:国办发〔2017〕47号']]);
      // What is stored is what the query side computes from the same text.
      for (const r of rows) expect(r.doc_number_key, r.external_id).toBe(docNumberKey(r.doc_number));
      const stamp = await lib.db.query<{ value: unknown }>('SELECT value FROM library_meta WHERE key = $1', [DOC_NUMBER_KEY_VERSION_KEY]);
      expect(stamp.rows[0].value).toBe(DOC_NUMBER_KEY_VERSION);

      expect(await rekeyDocNumbers(lib.db)).toEqual({ documents: 0, linkKeys: 0 });
      expect(await readIndexFeed(lib.db, Math.max(...changed.map((d) => d.changeSeq)))).toEqual([]);
    });
  });
}
