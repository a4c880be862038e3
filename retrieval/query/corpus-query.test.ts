import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '../../ingest/feeds';
import { ingestDocumentLines } from '../../ingest/pipeline';
import { docNumberKey } from '../../library/analyzer';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { openLibrary, type Db } from '../../library/store';
import { Curation, queryLogReport } from '../curation';
import { SearchService } from '../search';

const FILES = ['documents/laws_lawrefbook.jsonl', 'documents/ncp2020_policy_docs.jsonl', 'documents/taidi2020c_replies.jsonl'];

/**
 * Spelling, strictness and 文号 lookups over the real corpus (issue 14: what the questions showed).
 * Expected corrections are checked against searching the intended words directly, never against
 * hard-coded result ids.
 */
describe.skipIf(!corpusAvailable)('real corpus: spelling, matching strictness and 文号 lookups', () => {
  let db: Db;
  let curation: Curation;
  let search: SearchService;
  /** Canonical keys of every 文号 the corpus files give their documents. */
  const libraryKeys = new Set<string>();
  const titles: string[] = [];

  beforeAll(async () => {
    db = await openLibrary();
    for (const file of FILES) {
      await ingestDocumentLines(db, readJsonl(corpusFile(file)), { defaultSite: 'corpus' });
      const records = (await readFile(corpusFile(file), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title: string | null; doc_number: string | null });
      for (const r of records) {
        const key = docNumberKey(r.doc_number);
        if (key) libraryKeys.add(key);
      }
      const withTitle = records.filter((r) => r.title && !r.title.includes('留言编号'));
      const step = Math.max(1, Math.floor(withTitle.length / 20));
      for (let i = 0; i < withTitle.length && titles.length < 60; i += step) titles.push(withTitle[i].title!);
    }
    curation = await Curation.open(db, { queryLog: { flushIntervalMs: 60_000 } });
    search = new SearchService(db, { curation, understanding: { rebuildIntervalMs: 0 } });
    await search.sync();
  }, 600_000);
  afterAll(async () => {
    await curation?.close();
    await db?.close();
  });

  const ids = async (q: string) => (await search.search({ q, limit: 10 })).results.map((r) => r.id);

  it('never corrects a 文号 or an agency code, in Simplified or Traditional characters', async () => {
    for (const q of ['国办发〔2019〕5号', '國辦發〔2019〕5号', '国办发', '國辦發', '京人社就字2020第14号', '国发〔2020〕7号']) {
      expect(search.understanding.plan(q).correction, q).toBeUndefined();
      expect((await search.search({ q, limit: 3 })).correction, q).toBeUndefined();
    }
  });

  it('corrects sound-alike typos of government words to the library\'s own words and searches those', async () => {
    const cases: Array<[string, string]> = [
      ['公鸡金', '公积金'], ['住房公基金', '住房公积金'], ['公基金提取', '公积金提取'], ['劳动和同法', '劳动合同法'], ['失业保险筋', '失业保险金'],
    ];
    for (const [typed, meant] of cases) {
      const response = await search.search({ q: typed, limit: 10 });
      expect(response.correction, typed).toEqual({ query: meant, applied: true });
      expect(response.results.map((r) => r.id), typed).toEqual(await ids(meant));
      expect(response.total, typed).toBeGreaterThan(0);
    }
    // The words come from the library (title terms, frequent body words), not from a list of these typos.
    const { corrector } = search.understanding.snapshot;
    for (const w of ['公积金', '合同法', '保险金']) expect(corrector.has(w), w).toBe(true);
  });

  it('corrects a one-character slip inside a long word (形近) the same way', async () => {
    const response = await search.search({ q: '失业保验金', limit: 10 });
    expect(response.correction).toEqual({ query: '失业保险金', applied: true });
  });

  it('leaves the library\'s own titles uncorrected', () => {
    expect(titles.length).toBeGreaterThanOrEqual(40);
    expect(titles.filter((t) => search.understanding.plan(t).correction?.replaces)).toEqual([]);
  });

  it('finds nothing for a question none of whose important words the library matches', async () => {
    for (const q of ['今天天气怎么样', '周杰伦的新歌']) {
      const response = await search.search({ q, limit: 10 });
      expect(response.total, q).toBe(0);
      expect(response.results, q).toEqual([]);
      expect(response.noResults, q).toBeDefined();
    }
  });

  it('keeps citizens\' questions with filler words answered', async () => {
    for (const q of ['社保卡丢了', '租房可以提取公积金吗', '新生儿怎么上户口', '疫情期间企业可以减免社保费吗', '劳动合同法规定试用期最长多久', '失业了怎么领失业保险金']) {
      expect((await search.search({ q, limit: 10 })).total, q).toBeGreaterThan(0);
    }
  });

  it('answers "not found" with the 文号 echoed when no document bears it, and finds the one that does', async () => {
    for (const [q, key] of [['国办发〔2031〕99号', '国办发〔2031〕99号'], ['京政发2020年7号', '京政发〔2020〕7号'], ['国办发〔2031〕99号文件', '国办发〔2031〕99号']]) {
      expect(libraryKeys.has(key)).toBe(false);
      const response = await search.search({ q, limit: 10 });
      expect(response.total, q).toBe(0);
      expect(response.noResults?.docNumberNotFound, q).toBe(key);
    }
    // 京人社就字2020第14号: no brackets, 第 before the serial; the corpus holds it.
    expect(libraryKeys.has('京人社就字〔2020〕14号')).toBe(true);
    const found = await search.search({ q: '京人社就字2020第14号', limit: 10 });
    expect(found.results[0]?.matchedBy).toBe('docNumber');
    expect(found.results[0]?.docNumber).toContain('14号');
  });

  it('reaches 遗失/掉了 wording from 丢了 (colloquial synonyms on the query side)', async () => {
    const plan = search.understanding.plan('社保卡丢了');
    expect(plan.expansions).toEqual(expect.arrayContaining(['掉了', '遗失', '补办']));
    expect(plan.terms).toEqual(expect.arrayContaining([{ term: '掉', weight: 0.3 }, { term: '遗失', weight: 0.3 }]));
    const lost = await ids('社保卡丢了');
    const dropped = await ids('社保卡掉了');
    expect(lost.filter((id) => dropped.includes(id)).length).toBeGreaterThanOrEqual(8);
  });

  // Last: closing curation flushes the query log.
  it('logs the queries that found nothing as zero-result searches', async () => {
    await search.search({ q: '今天天气怎么样', limit: 10 });
    await curation.close();
    const zero = await queryLogReport(db, { zeroResultsOnly: true, limit: 100 });
    const logged = zero.map((r) => r.query);
    const normalized = (q: string) => search.understanding.plan(q).query.normalized;
    expect(logged).toEqual(expect.arrayContaining([normalized('今天天气怎么样'), normalized('国办发〔2031〕99号')]));
    expect(logged).not.toContain(normalized('社保卡丢了'));
  });
});
