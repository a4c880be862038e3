/**
 * Masking whatever the info type, in everything stored for display (title, body, chunks and their
 * tokens, `extra`), and re-masking on re-ingest of a document stored by an older masking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDocuments } from '../../library/documents';
import type { DocumentInput } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { LibraryWriter, prepareDocument } from '../pipeline';

const ID = '430102199001011238';
const MOBILE = '13812345678';

const news: DocumentInput = {
  externalId: 'news-1',
  siteCode: 'www.example-city.gov.cn',
  title: `寻找失主：身份证${ID}，联系${MOBILE}`,
  body: [
    '市公安局拾得居民身份证一张',
    `近日，市民在人民广场拾得居民身份证一张，证件号码${ID}，失主可拨打${MOBILE}联系认领，`,
    '或到市公安局户政大厅办理，咨询电话：0731-84111111，市民热线12345。',
    '依据《居民身份证法》第十二条规定办理，国办发〔2019〕5号。',
  ].join('\n'),
  infoType: '新闻动态',
  extra: { pageMeta: { 联系电话: MOBILE, 来源: '市公安局' }, author: `记者 ${MOBILE}` },
};

const storedTexts = (d: ReturnType<typeof prepareDocument>): string =>
  [d.title, d.body, JSON.stringify(d.extra), ...d.chunks.flatMap((c) => [c.heading ?? '', c.text, ...c.tokens]), ...d.titleTokens].join('\n');

describe('masking in every stored display text', () => {
  it('masks a 新闻动态 document\'s title, body, chunks, tokens and extra, keeping what is public', () => {
    const prepared = prepareDocument(news);
    expect(prepared.infoType).toBe('新闻动态');
    const all = storedTexts(prepared);
    expect(all).not.toContain(ID);
    expect(all).not.toContain(MOBILE);
    expect(prepared.title).toBe('寻找失主：身份证430***********1238，联系138****5678');
    expect(prepared.extra).toMatchObject({ pageMeta: { 联系电话: '138****5678', 来源: '市公安局' }, author: '记者 138****5678' });
    for (const kept of ['0731-84111111', '12345', '第十二条', '国办发〔2019〕5号']) expect(prepared.body).toContain(kept);
    expect(prepared.extra?.masked).toMatchObject({ idCards: 2, mobiles: 4 });
  });

  it('masks citizens\' names in messages only', () => {
    const reply = prepareDocument({
      externalId: 'reply-1', siteCode: 'wz.example.gov.cn', infoType: '互动交流',
      title: '关于小区停水问题的回复', body: '张某某您好！您反映的小区停水问题已收悉。经查，市民李明反映属实。',
    });
    expect(reply.body).toBe('张**您好！您反映的小区停水问题已收悉。经查，市民李**反映属实。');
    const policy = prepareDocument({
      externalId: 'policy-1', siteCode: 'www.example-city.gov.cn', infoType: '政策文件',
      title: '关于李明同志任职的通知', body: '各区人民政府：\n经研究，决定任命李明同志为市住建局局长。\n联系人：宋克难，联系电话：010-84207245',
    });
    expect(policy.body).toContain('李明同志');
    expect(policy.body).toContain('宋克难');
  });
});

describe('re-ingest after a change of masking', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openLibrary();
  });
  afterAll(async () => db?.close());

  it('rewrites a document stored unmasked by an older version (its content hash differs), and masks it', async () => {
    // What an older Zhiwen stored: the same document, unmasked (masking ran only for 互动交流).
    const current = prepareDocument(news);
    const old = {
      ...current, title: news.title, body: news.body, contentHash: 'stored-by-an-older-masking',
      chunks: [{ ordinal: 0, heading: null, text: news.body, tokens: [MOBILE] }],
    };
    await upsertDocuments(db, [old]);
    const [stored] = await new LibraryWriter(db).store([prepareDocument(news)]);
    expect(stored.outcome).toBe('updated');
    const { rows } = await db.query<{ t: string }>(
      `SELECT d.title || d.body || d.extra::text || string_agg(c.text || c.tokens, '') AS t
         FROM documents d JOIN chunks c ON c.document_id = d.id WHERE d.external_id = 'news-1' GROUP BY d.id`,
    );
    expect(rows[0].t).not.toContain(MOBILE);
    expect(rows[0].t).not.toContain(ID);
    // The same content again is a no-op: masking is deterministic.
    expect((await new LibraryWriter(db).store([prepareDocument(news)]))[0].outcome).toBe('unchanged');
  });
});
