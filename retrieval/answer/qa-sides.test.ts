import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { prepareDocument } from '../../ingest/pipeline';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { FaqService } from '../faq';
import { SearchService } from '../search';
import { AnswerService } from './index';
import { quotableChunks } from './sentences';

const texts = (chunks: Array<{ text: string }>): string[] => quotableChunks(chunks).map((c) => c.text);

describe('what an answer may quote of a Q&A text (quotableChunks)', () => {
  it('drops the 留言 side and the labels, also when the message runs over several chunks', () => {
    expect(texts([{ text: '留言：我家孩子今年上小学，' }, { text: '想问学区怎么划分？\n答复：您好！学区按户籍和房产划分。' }]))
      .toEqual(['', '您好！学区按户籍和房产划分。']);
  });

  it('keeps the answers of a 问/答 list and drops each question', () => {
    expect(texts([{ text: '问：补贴标准是多少？\n答：每人每月500元。\n问：什么时候发放？\n答：次月15日前发放。' }]))
      .toEqual(['每人每月500元。\n次月15日前发放。']);
  });

  it('keeps text whose "question label" has no answer after it, without the label; leaves other text as it is', () => {
    expect(texts([{ text: '办理时间：工作日。\n咨询：0931-8888888' }])).toEqual(['办理时间：工作日。\n0931-8888888']);
    const plain = [{ text: '现答复如下：符合条件的可以申请。顾问：张三。' }];
    expect(quotableChunks(plain)[0]).toBe(plain[0]);
  });
});

describe('answers from a Q&A document of an earlier ingest', () => {
  let db: Db;
  let answers: AnswerService;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    await upsertDocument(db, prepareDocument({
      externalId: 'old-qa-1', siteCode: '9901000012', infoType: '互动交流', title: '居住证丢失后如何补办',
      body: '留言：您好，我的居住证丢失了，请问居住证丢失后如何补办？我现在很着急，补办需要多长时间？\n' +
        '答复：网友您好！居住证丢失的，请本人携带居民身份证到居住地社区警务室申请补办，补办一般在15个工作日内完成。感谢您的来信。',
      extra: { kind: 'qa' },
    }));
    const search = new SearchService(db);
    await search.sync();
    answers = new AnswerService({ db, search, faqs: new FaqService(db) }, { log: false });
  });
  afterAll(async () => db?.close());

  it('quotes the reply, never the citizen\'s message nor a label', async () => {
    for (const question of ['居住证丢失后如何补办', '居住证补办需要多长时间']) {
      const a = await answers.ask({ question });
      expect(a.kind).toBe('library');
      expect(a.citations[0].id).toBe('old-qa-1');
      expect(a.text).toContain('社区警务室');
      expect(a.text).not.toMatch(/留言|答复：|我的居住证|很着急/u);
    }
  });
});
