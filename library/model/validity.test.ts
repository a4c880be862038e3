import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexFeed, upsertDocuments, withdrawDocument, type PreparedDocument } from '../documents';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import { currencyPrior, isCurrent, validityLabel } from './validity';

describe('isCurrent', () => {
  it('is false for repealed, expired and superseded documents only', () => {
    expect(isCurrent({ validity: '有效' })).toBe(true);
    expect(isCurrent({ validity: '未知', supersededBy: null })).toBe(true);
    expect(isCurrent({ validity: '已修订' })).toBe(true);
    expect(isCurrent({ validity: '废止' })).toBe(false);
    expect(isCurrent({ validity: '失效' })).toBe(false);
    expect(isCurrent({ validity: '有效', supersededBy: 12 })).toBe(false);
    expect(validityLabel({ validity: '有效', supersededBy: 12 })).toBe('已修订');
    expect(validityLabel({ validity: '废止', supersededBy: 12 })).toBe('已废止');
    expect(validityLabel({ validity: '未知' })).toBeNull();
    expect(currencyPrior({ validity: '未知', supersededBy: 3 })).toBeLessThan(currencyPrior({ validity: '未知' }));
    // A measure expired by its own term gives way less than a repealed or replaced one.
    expect(currencyPrior({ validity: '废止' })).toBeLessThan(currencyPrior({ validity: '失效' }));
    expect(currencyPrior({ validity: '失效' })).toBeLessThan(currencyPrior({ validity: '有效' }));
    expect(currencyPrior({ validity: '有效', supersededBy: 3 })).toBeGreaterThan(currencyPrior({ validity: '失效' }));
  });
});

const law = (externalId: string, title: string, publishedAt: string | null, extra: Partial<PreparedDocument> = {}): PreparedDocument => ({
  externalId, siteCode: 'versions-site', title, body: `${title}正文。`, infoType: '政策文件', publishedAt,
  docNumberKey: null, titleTokens: [title], contentHash: `h-${externalId}-${publishedAt}`, chunks: [], ...extra,
});

for (const driver of driverCases()) {
  describe(`document versions on ${driver.name}`, () => {
    let lib: TestLibrary;
    const supersession = async (): Promise<Record<string, string | null>> => {
      const feed = await readIndexFeed(lib.db, 0);
      const byId = new Map(feed.map((d) => [d.id, d.externalId]));
      return Object.fromEntries(feed.filter((d) => d.siteId === feed[0].siteId).map((d) => [d.externalId, d.supersededBy === null ? null : byId.get(d.supersededBy) ?? '?']));
    };
    beforeAll(async () => {
      lib = await driver.open();
    });
    afterAll(async () => {
      await lib?.dispose();
    });

    it('marks the older version of one title superseded by the newest, whatever order they arrive in', async () => {
      await upsertDocuments(lib.db, [law('v-2023', '中华人民共和国公司法', '2023-12-29')]);
      await upsertDocuments(lib.db, [
        law('v-2018', '中华人民共和国公司法（2018年修正）', '2018-10-26'),
        law('v-undated', '中华人民共和国公司法', null),
        law('v-other', '中华人民共和国刑法修正案（十一）', '2020-12-26'),
        law('v-news', '中华人民共和国公司法', '2024-01-01', { infoType: '新闻动态' }),
      ]);
      expect(await supersession()).toEqual({ 'v-2023': null, 'v-2018': 'v-2023', 'v-undated': null, 'v-other': null, 'v-news': null });
    });

    it('moves the link when a newer version arrives, and back when it is withdrawn; the feed sees each change', async () => {
      const seq = Math.max(...(await readIndexFeed(lib.db, 0)).map((d) => d.changeSeq));
      await upsertDocuments(lib.db, [law('v-2025', '中华人民共和国公司法', '2025-06-01')]);
      expect(await supersession()).toMatchObject({ 'v-2023': 'v-2025', 'v-2018': 'v-2025', 'v-2025': null });
      expect((await readIndexFeed(lib.db, seq)).map((d) => d.externalId).sort()).toEqual(['v-2018', 'v-2023', 'v-2025']);
      await withdrawDocument(lib.db, 'v-2025');
      expect(await supersession()).toMatchObject({ 'v-2023': null, 'v-2018': 'v-2023', 'v-2025': null });
    });

    it('supersedes nothing across sites or between two versions of one day', async () => {
      await upsertDocuments(lib.db, [
        law('s-a', '示例条例', '2022-01-01'),
        law('s-b', '示例条例', '2022-01-01'),
        law('s-elsewhere', '示例条例', '2024-01-01', { siteCode: 'versions-other-site' }),
      ]);
      expect(await supersession()).toMatchObject({ 's-a': null, 's-b': null });
    });
  });
}
