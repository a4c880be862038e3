import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument, upsertSite, withdrawDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { SearchService } from './index';

describe('result pages', () => {
  let db: Db;
  let search: SearchService;
  const doc = (title: string, body: string) => prepareDocument({ externalId: 'cache-doc', siteCode: 'cache-site', title, body, infoType: '通知公告' });
  beforeAll(async () => {
    db = await openLibrary();
    await upsertDocument(db, doc('关于三码合一登记的通知', '推行三码合一登记。'));
    search = new SearchService(db);
    await search.sync();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('show a document as it is now after the change feed reports an edit, not as it was first shown', async () => {
    expect((await search.search({ q: '三码合一' })).results[0].title).toBe('关于三码合一登记的通知');
    await upsertDocument(db, doc('关于三码合一登记的补充通知', '继续推行三码合一登记。'));
    await search.sync();
    const [first] = (await search.search({ q: '三码合一' })).results;
    expect(first.title).toBe('关于三码合一登记的补充通知');
    expect(first.snippet).toContain('继续');
  });

  it('cut a snippet from the chunk that matched, and from the opening for a document pinned by its 文号 alone', async () => {
    const filler = '本段介绍窗口受理时间与地点，请按预约时段前往办理。'.repeat(60);
    await upsertDocument(db, prepareDocument({
      externalId: 'cache-long', siteCode: 'cache-site', title: '关于政务服务事项的说明', infoType: '政策文件',
      body: `开篇说明：本文件适用于全市政务服务窗口。${filler}附则：电子证照互认共享自发布之日起施行。`,
      docNumber: '示政办发〔2024〕9号',
    }));
    await search.sync();
    const byWord = (await search.search({ q: '电子证照互认' })).results.find((r) => r.id === 'cache-long');
    expect(byWord?.snippet).toContain('<em>');
    expect(byWord?.snippet).toContain('互认');
    const [byNumber] = (await search.search({ q: '示政办发[2024]9号' })).results;
    expect(byNumber.id).toBe('cache-long');
    expect(byNumber.matchedBy).toBe('docNumber');
    expect(byNumber.snippet).toContain('开篇说明');
  });

  it('show a site under its new name once it is renamed, for documents already shown', async () => {
    const before = (await search.search({ q: '三码合一' })).results[0];
    expect(before.site.code).toBe('cache-site');
    await upsertSite(db, { code: 'cache-site', name: '更名后的示例站点' });
    await search.sync();
    expect((await search.search({ q: '三码合一' })).results[0].site).toEqual({ code: 'cache-site', name: '更名后的示例站点' });
  });

  it('find an edited document by its new 文号 and title only, and a withdrawn one by neither', async () => {
    const numbered = (title: string, docNumber: string) =>
      prepareDocument({ externalId: 'cache-numbered', siteCode: 'cache-site', title, body: '关于窗口延时服务的安排。', infoType: '政策文件', docNumber });
    const ids = async (q: string) => (await search.search({ q })).results.map((r) => [r.id, r.matchedBy]);
    await upsertDocument(db, numbered('示例市窗口延时服务办法', '示政发〔2023〕5号'));
    await search.sync();
    expect(await ids('示政发(2023)5号')).toContainEqual(['cache-numbered', 'docNumber']);
    expect(await ids('示例市窗口延时服务办法')).toContainEqual(['cache-numbered', 'exactTitle']);
    await upsertDocument(db, numbered('示例市窗口预约服务办法', '示政发〔2024〕8号'));
    await search.sync();
    expect(await ids('示政发〔2024〕8号')).toContainEqual(['cache-numbered', 'docNumber']);
    expect(await ids('示例市窗口预约服务办法')).toContainEqual(['cache-numbered', 'exactTitle']);
    expect((await ids('示政发〔2023〕5号')).filter(([, by]) => by)).toEqual([]);
    expect((await ids('示例市窗口延时服务办法')).filter(([, by]) => by)).toEqual([]);
    await withdrawDocument(db, 'cache-numbered');
    await search.sync();
    expect((await ids('示政发〔2024〕8号')).map(([id]) => id)).not.toContain('cache-numbered');
    expect((await ids('示例市窗口预约服务办法')).map(([id]) => id)).not.toContain('cache-numbered');
  });
});
