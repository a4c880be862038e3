import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '../../ingest/feeds';
import { ingestDocumentLines } from '../../ingest/pipeline';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { openLibrary, type Db } from '../../library/store';
import { SearchService } from './index';
import { indexForm } from '../../library/analyzer';

const FILES = ['documents/laws_lawrefbook.jsonl', 'documents/ncp2020_policy_docs.jsonl', 'documents/taidi2020c_replies.jsonl'];

describe.skipIf(!corpusAvailable)('real corpus: a document is found first by its exact title', () => {
  let db: Db;
  let search: SearchService;
  const sample: Array<{ id: string; title: string }> = [];

  beforeAll(async () => {
    db = await openLibrary();
    for (const file of FILES) {
      await ingestDocumentLines(db, readJsonl(corpusFile(file)), { defaultSite: 'corpus' });
      const records = (await readFile(corpusFile(file), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; title: string | null });
      // Every k-th record with a title: spread over the file, the same 50 on every run.
      const withTitle = records.filter((r) => r.title);
      const step = Math.floor(withTitle.length / 17);
      for (let i = 0; i < 17 && sample.length < 50; i++) sample.push(withTitle[i * step] as { id: string; title: string });
    }
    search = new SearchService(db);
    await search.sync();
  }, 300_000);
  afterAll(async () => db?.close());

  it('finds each of 50 sampled documents first (or among identical titles first)', async () => {
    expect(sample).toHaveLength(50);
    const misses: string[] = [];
    for (const doc of sample) {
      const { results } = await search.search({ q: doc.title, limit: 10 });
      // Ingest normalises width and whitespace in titles (｜ → |), so compare index forms.
      const same = (title: string) => indexForm(title).replace(/\s+/g, '') === indexForm(doc.title).replace(/\s+/g, '');
      const sameTitle = results.filter((r) => same(r.title));
      const ok = results.length > 0 && same(results[0].title) && sameTitle.some((r) => r.id === doc.id);
      if (!ok) misses.push(`${doc.id} "${doc.title}" → ${results[0]?.id} "${results[0]?.title}"`);
    }
    expect(misses).toEqual([]);
  });

  it('ranks the version in force before the one it superseded, and labels the old one 已修订', async () => {
    // 公司法 2018 → 2023, 专利法实施细则 2010 → 2023 (library/model/versions-corpus.test.ts).
    for (const [older, newer] of [['law-bc2bcaec19bc', 'law-2dbfe2d0c173'], ['law-084d9d9f3048', 'law-1d3ffba3732f']]) {
      const title = (await db.query<{ title: string }>('SELECT title FROM documents WHERE external_id = $1', [newer])).rows[0].title;
      const ids = (await search.search({ q: title, limit: 10 })).results.map((r) => r.id);
      expect(ids.indexOf(newer), title).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(newer), title).toBeLessThan(ids.indexOf(older) === -1 ? Infinity : ids.indexOf(older));
    }
  });
});
