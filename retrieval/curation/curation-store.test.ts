import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSite } from '../../library/documents';
import { driverCases, type TestLibrary } from '../../library/store/test-drivers';
import { readVersion } from './sql';
import {
  createBlockedWord, createHotWord, createPin, createSynonym, deletePin, listCandidates, listHotWords, listPins, listSynonyms,
  openClientHasher, queryLogReport, QueryLogWriter, refreshCandidates, reviewCandidate, seedStarterSynonyms, shownSuggestions,
  updateHotWord, updateSynonym,
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

    it('writes the query log in batches with hashed clients and reports popular and zero-result queries', async () => {
      const hash = await openClientHasher(lib.db);
      const log = new QueryLogWriter(lib.db, { hashClient: hash });
      const search = (query: string, resultCount: number, client: string) =>
        log.record({ query, normalized: query, site: 'cur-city', resultCount, correctedTo: null, tookMs: 3, client });
      for (let i = 0; i < 4; i++) search('社保卡', 10, '203.0.113.9');
      for (let i = 0; i < 3; i++) search('公积金', 2, `198.51.100.${i}`);
      search('无结果词', 0, '203.0.113.9');
      await log.flush();
      expect(log.stats).toMatchObject({ written: 8, failed: 0 });
      const { rows } = await lib.db.query<{ client_hash: string; client_address: string }>("SELECT client_hash, client_address FROM query_log WHERE normalized = '社保卡'");
      expect(new Set(rows.map((r) => r.client_hash))).toEqual(new Set([hash('203.0.113.9')]));
      expect(rows[0].client_address).toBe('203.0.113.9');
      const report = await queryLogReport(lib.db, { site: 'cur-city' });
      expect(report.map((r) => [r.query, r.searches])).toEqual([['社保卡', 4], ['公积金', 3], ['无结果词', 1]]);
      const zero = await queryLogReport(lib.db, { site: 'cur-city', zeroResultsOnly: true });
      expect(zero.map((r) => [r.query, r.searches, r.zeroResultSearches])).toEqual([['无结果词', 1, 1]]);
    });

    it('makes a candidate only of a query many distinct clients searched on two days, shown once approved', async () => {
      // Five clients, the first searching yesterday too: 5 clients on 2 days. The one-client line, 40 times over 3 days, never.
      const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000 - 60_000).toISOString();
      const rows: Array<[string, string, string]> = [];
      for (let c = 0; c < 5; c++) rows.push(['失业金申领', `h-${c}`, at(0)]);
      rows.push(['失业金申领', 'h-0', at(1)]);
      for (let i = 0; i < 40; i++) rows.push(['加微信领补贴', 'h-scam', at(i % 3)]);
      for (let c = 0; c < 6; c++) rows.push(['失业登记', `h-${c}`, at(0)]); // six clients, but one day
      for (const [q, h, t] of rows) {
        await lib.db.query("INSERT INTO query_log (query, normalized, site_code, result_count, client_hash, created_at) VALUES ($1, $1, 'cur-city', 3, $2, $3)", [q, h, t]);
      }
      expect(await refreshCandidates(lib.db, {}, [])).toBe(1);
      const pending = await listCandidates(lib.db, { site: 'cur-city' });
      expect(pending.map((c) => [c.query, c.clients, c.days, c.status])).toEqual([['失业金申领', 5, 2, 'pending']]);
      expect(await shownSuggestions(lib.db, [])).toEqual([]);
      await reviewCandidate(lib.db, pending[0].id, 'approved', 'editor-a');
      expect(await shownSuggestions(lib.db, [])).toEqual([{ query: '失业金申领', site: 'cur-city', count: 5 }]);
      expect(await shownSuggestions(lib.db, ['失业金'])).toEqual([]);
      // A refresh after the log moved on keeps the decision; a blocked word stops a new candidate.
      await createBlockedWord(lib.db, { word: '失业金' }, 'editor-a');
      expect(await refreshCandidates(lib.db, {}, ['失业金'])).toBe(0);
      expect(await shownSuggestions(lib.db, [])).toEqual([]); // no longer qualified: not shown
    });
  });
}
