/** Document versions on the real laws: the newer text of one title supersedes the older (migration 011). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexFeed, upsertDocuments, type PreparedDocument } from '../documents';
import { openLibrary, type Db } from '../store';
import { corpusAvailable, corpusFile } from '../testing/corpus';
import { isCurrent } from './validity';

interface Law { id: string; site: string | null; title: string; published: string | null }

describe.skipIf(!corpusAvailable)('versions of the laws in the corpus', () => {
  let db: Db;
  const laws: Law[] = corpusAvailable
    ? readFileSync(corpusFile('documents', 'laws_lawrefbook.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Law)
    : [];
  let current = new Map<string, boolean>();
  let newer = new Map<string, string | null>();

  beforeAll(async () => {
    db = await openLibrary();
    // Only what supersession reads: site, title, type, date (the text and tokens play no part).
    const docs: PreparedDocument[] = laws.map((d) => ({
      externalId: d.id, siteCode: d.site ?? 'laws', title: d.title, body: '', infoType: '政策文件', publishedAt: d.published,
      docNumberKey: null, titleTokens: [], contentHash: d.id, chunks: [],
    }));
    await upsertDocuments(db, docs);
    const feed = await readIndexFeed(db, 0, 10_000);
    const byId = new Map(feed.map((d) => [d.id, d.externalId]));
    current = new Map(feed.map((d) => [d.externalId, isCurrent(d)]));
    newer = new Map(feed.map((d) => [d.externalId, d.supersededBy === null ? null : (byId.get(d.supersededBy) ?? null)]));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('shows only the newest 公司法 and 专利法实施细则 as current', () => {
    expect(newer.get('law-bc2bcaec19bc')).toBe('law-2dbfe2d0c173'); // 公司法 2018 → 2023
    expect(newer.get('law-084d9d9f3048')).toBe('law-1d3ffba3732f'); // 专利法实施细则 2010 → 2023
    expect([current.get('law-bc2bcaec19bc'), current.get('law-2dbfe2d0c173')]).toEqual([false, true]);
    expect([current.get('law-084d9d9f3048'), current.get('law-1d3ffba3732f')]).toEqual([false, true]);
  });

  it('supersedes only within one title, and never the newest or an undated version', () => {
    const superseded = [...newer].filter(([, to]) => to !== null);
    // Measured: 16 same-title pairs in the laws; 14 dated apart (one pair shares its day, one version is undated).
    expect(superseded.length).toBe(14);
    const title = new Map(laws.map((d) => [d.id, d.title]));
    const published = new Map(laws.map((d) => [d.id, d.published]));
    for (const [from, to] of superseded) {
      expect(title.get(to!), from).toBe(title.get(from));
      expect(published.get(from)! < published.get(to!)!, from).toBe(true);
      expect(newer.get(to!), to!).toBeNull();
    }
  });
});
