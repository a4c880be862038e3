import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { openLibrary, type Db } from '../../library/store';
import { Curation } from '../curation';
import { SearchService } from './index';

describe('internal searches (answers, hit tests)', () => {
  let db: Db;
  let curation: Curation;
  let search: SearchService;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    curation = await Curation.open(db);
    search = new SearchService(db, { curation });
    await search.sync();
  });
  afterAll(async () => {
    await curation?.close();
    await db?.close();
  });

  const logged = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM query_log')).rows[0].n;

  it('rank the same but skip facets and the query log', async () => {
    const before = await logged();
    const internal = await search.search({ q: '社会保障卡', internal: true });
    await curation.flushLog();
    expect(await logged()).toBe(before);
    expect(internal.facets.infoType).toEqual([]);
    const external = await search.search({ q: '社会保障卡' });
    await curation.flushLog();
    expect(await logged()).toBe(before + 1);
    expect(external.facets.infoType.length).toBeGreaterThan(0);
    expect(internal.results.map((r) => r.id)).toEqual(external.results.map((r) => r.id));
  });
});
