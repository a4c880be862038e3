import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
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
});
