import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSite } from '../../library/documents';
import { driverCases, type TestLibrary } from '../../library/store/test-drivers';
import { readVersion } from './sql';
import {
  createHotWord, createPin, createSynonym, deletePin, listHotWords, listPins, listSynonyms, queryLogReport, QueryLogWriter,
  readPopularQueries, seedStarterSynonyms, updateHotWord, updateSynonym,
} from './index';

/** The editors' stores (synonyms, hot words, pins) and the query log, on every driver. */
for (const driver of driverCases()) {
  describe(`curation stores on ${driver.name}`, () => {
    let lib: TestLibrary;
    beforeAll(async () => {
      lib = await driver.open();
      await upsertSite(lib.db, { code: 'cur-city', name: '示例市', level: 'city' });
    });
    afterAll(async () => lib?.dispose());

    it('keeps synonym rules, says which term already exists (either driver\'s unique violation), and bumps the version', async () => {
      const before = await readVersion(lib.db);
      const rule = await createSynonym(lib.db, { term: '医保', expansions: ['医疗保险'], mode: 'equivalent' });
      expect(rule).toMatchObject({ term: '医保', expansions: ['医疗保险'], mode: 'equivalent', source: 'editor' });
      await expect(createSynonym(lib.db, { term: '医保', expansions: ['医疗'] })).rejects.toMatchObject({ code: 'SYNONYM_EXISTS' });
      const other = await createSynonym(lib.db, { term: '社保', expansions: ['社会保险'] });
      await expect(updateSynonym(lib.db, other.id, { term: '医保', expansions: ['x'] })).rejects.toMatchObject({ code: 'SYNONYM_EXISTS' });
      expect(await seedStarterSynonyms(lib.db, [{ term: '公积金', expansions: ['住房公积金'], mode: 'oneway' }])).toBe(1);
      expect((await listSynonyms(lib.db)).map((s) => s.term).sort()).toEqual(['公积金', '医保', '社保']);
      expect(await readVersion(lib.db)).toBeGreaterThan(before);
    });

    it('keeps hot words per site, best first, expired ones only when asked for', async () => {
      await createHotWord(lib.db, { word: '社保卡', weight: 5, site: 'cur-city' });
      const low = await createHotWord(lib.db, { word: '公积金', weight: 1, site: 'cur-city' });
      await createHotWord(lib.db, { word: '旧活动', weight: 9, site: 'cur-city', expiresAt: '2000-01-01T00:00:00Z' });
      await expect(createHotWord(lib.db, { word: '社保卡', site: 'cur-city' })).rejects.toMatchObject({ code: 'HOT_WORD_EXISTS' });
      await expect(createHotWord(lib.db, { word: '无此站', site: 'no-such-site' })).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
      expect((await listHotWords(lib.db, { site: 'cur-city', includeExpired: false })).map((h) => h.word)).toEqual(['社保卡', '公积金']);
      await updateHotWord(lib.db, low.id, { word: '公积金', weight: 10, site: 'cur-city' });
      expect((await listHotWords(lib.db, { site: 'cur-city' })).map((h) => h.word)).toEqual(['公积金', '旧活动', '社保卡']);
    });

    it('pins documents to a query per site, in the editor\'s order', async () => {
      const pin = await createPin(lib.db, { query: '社保卡 办理', externalIds: ['d-2', 'd-1'], site: 'cur-city' });
      expect(pin).toMatchObject({ site: 'cur-city', externalIds: ['d-2', 'd-1'] });
      await expect(createPin(lib.db, { query: '社保卡 办理', externalIds: ['d-3'], site: 'cur-city' })).rejects.toMatchObject({ code: 'PIN_EXISTS' });
      expect((await listPins(lib.db, { site: 'cur-city' })).map((p) => p.externalIds)).toEqual([['d-2', 'd-1']]);
      await deletePin(lib.db, pin.id);
      expect(await listPins(lib.db, { site: 'cur-city' })).toEqual([]);
    });

    it('writes the query log in batches and reports popular and zero-result queries, most searched first', async () => {
      const log = new QueryLogWriter(lib.db);
      const search = (query: string, resultCount: number) =>
        log.record({ query, normalized: query, site: 'cur-city', resultCount, correctedTo: null, tookMs: 3 });
      for (let i = 0; i < 4; i++) search('社保卡', 10);
      for (let i = 0; i < 3; i++) search('公积金', 2);
      search('无结果词', 0);
      await log.flush();
      expect(log.stats).toMatchObject({ written: 8, failed: 0 });
      expect(await readPopularQueries(lib.db)).toEqual([
        { query: '社保卡', site: 'cur-city', count: 4 },
        { query: '公积金', site: 'cur-city', count: 3 },
      ]);
      const zero = await queryLogReport(lib.db, { site: 'cur-city', zeroResultsOnly: true });
      expect(zero.map((r) => [r.query, r.searches, r.zeroResultSearches])).toEqual([['无结果词', 1, 1]]);
    });
  });
}
