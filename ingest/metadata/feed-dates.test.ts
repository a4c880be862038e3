/**
 * A feed's `published` against the dates a law's text gives (通过, 公布): the feed's date is the
 * published date, and answers cite it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPassageDocuments } from '../../library/consultation';
import { openLibrary, type Db } from '../../library/store';
import { citationLine, citationOf } from '../../retrieval/answer';
import { planInputs, readPlannedFile, type FeedItem } from '../feeds';
import { ingestItems } from '../pipeline';

const LAW = {
  id: 'law-dates-1',
  site: 'flk.npc.gov.cn',
  title: '上海市人民代表大会专门委员会工作条例',
  url: null,
  published: '2020-10-09',
  issuer: '上海市人民代表大会常务委员会',
  doc_number: null,
  category: '政策文件',
  text:
    '上海市人民代表大会专门委员会工作条例\n2020年9月25日 上海市第十五届人民代表大会常务委员会第二十五次会议通过\n' +
    '第一章  总则\n第一条 为了进一步加强和完善市人民代表大会专门委员会工作，保障专门委员会依法履行职责，制定本条例。\n' +
    '第二条 专门委员会是市人民代表大会的常设机构，受市人民代表大会领导。',
};

describe('a law feed record with `published` and another date in its text', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openLibrary();
    const dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-dates-'));
    const feed = path.join(dir, 'laws.jsonl');
    await writeFile(feed, `${JSON.stringify(LAW)}\n${JSON.stringify({ ...LAW, id: 'law-dates-2', published: null, title: `${LAW.title}（未注明发布日期）` })}\n`);
    const plan = await planInputs([feed]);
    async function* items(): AsyncGenerator<FeedItem> {
      for (const f of plan.files) yield* readPlannedFile(f);
    }
    const summary = await ingestItems(db, items());
    expect(summary.rejected).toEqual([]);
  });
  afterAll(async () => db?.close());

  it('stores the feed\'s published date, the text\'s 通过 date as written, and cites the published one', async () => {
    const docs = await fetchPassageDocuments(db, ['law-dates-1', 'law-dates-2']);
    const law = docs.get('law-dates-1')!;
    expect(law.publishedAt?.slice(0, 10)).toBe('2020-10-09');
    expect(law.writtenAt).toBe('2020-09-25');
    const citation = citationOf(law, 1);
    expect(citation.date).toBe('2020-10-09');
    expect(citationLine(citation)).toContain('2020-10-09');
  });

  it('cites the written date when the feed gives no published date', async () => {
    const docs = await fetchPassageDocuments(db, ['law-dates-2']);
    const undated = docs.get('law-dates-2')!;
    expect(undated.publishedAt).toBeNull();
    expect(citationOf(undated, 1).date).toBe('2020-09-25');
  });
});
