/**
 * One contract, every AnswerGenerator: the extractive quotes, the grounded LLM (against a local fake
 * OpenAI-compatible server that quotes its passage), and the LLM falling back when the model fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPassageDocuments } from '../../library/consultation';
import { upsertDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { prepareDocument } from '../../ingest/pipeline';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { createOpenAiChat, GroundedGenerator } from '../llm';
import { startFakeOpenAi, type FakeOpenAi, type FakeReply } from '../llm/fake-openai';
import { SearchService } from '../search';
import { extractAnswer } from './extractive';
import { ExtractiveGenerator } from './extractive-generator';
import type { AnswerGenerator, AnswerSentence, GenerationInput } from './generator';
import { GroundedLlmGenerator } from './llm-generator';
import { readQuestion } from './question-kind';
import { quotableChunks } from './sentences';

/** What the fake model says: the passage's sentence holding 工作日 (or an error). */
let reply: (user: string) => FakeReply = () => '';

describe('AnswerGenerator contract', () => {
  let db: Db;
  let search: SearchService;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    await upsertDocument(db, prepareDocument({
      externalId: 'inject-2', siteCode: '9901000012', infoType: '办事指南', validity: '有效', title: '社保卡补办说明', issuer: '示例市人力资源和社会保障局',
      body: '社保卡遗失后可到各区政务服务中心人社窗口补办社保卡。\n补办社保卡一般5个工作日内完成，工本费按规定收取。',
    }));
    search = new SearchService(db);
    await search.sync();
    fake = await startFakeOpenAi((r) => reply(r.messages[1].content));
  });
  afterAll(async () => {
    await fake?.close();
    await db?.close();
  });

  const idf = () => 1;
  async function input(question: string, onSentence?: (s: AnswerSentence) => void): Promise<GenerationInput> {
    const { documents, query: understood } = await search.retrieve({ q: question, limit: 5 });
    const docs = await fetchPassageDocuments(db, documents.filter((d) => d.current).map((d) => d.externalId));
    const retrieved = documents.flatMap((d) => (docs.has(d.externalId) ? [{ doc: { ...docs.get(d.externalId)!, chunks: quotableChunks(docs.get(d.externalId)!.chunks) }, score: d.score }] : []));
    const query = readQuestion(question, idf, understood.expansions);
    const { extract } = extractAnswer(query, retrieved, search.index.size.chunks);
    if (!extract) throw new Error(`no extract for ${question}`);
    return { question, query, retrieved, extract, onSentence };
  }

  const llm = (timeoutMs = 5000) => new GroundedGenerator(createOpenAiChat({ baseUrl: fake.baseUrl, model: 'fake', apiKey: 'k', timeoutMs }), timeoutMs);
  const quotes = new ExtractiveGenerator();
  const implementations: Array<{ name: string; make: () => AnswerGenerator; model: (user: string) => FakeReply; expect: 'extractive' | 'llm'; fallback: boolean }> = [
    { name: 'extractive', make: () => quotes, model: () => '', expect: 'extractive', fallback: false },
    {
      name: 'grounded LLM', make: () => new GroundedLlmGenerator(llm(), quotes, idf), expect: 'llm', fallback: false,
      model: (user) => `${/补办社保卡一般5个工作日内完成/.test(user) ? '补办社保卡一般5个工作日内完成' : '社保卡遗失后到窗口补办'}[1]。`,
    },
    {
      name: 'grounded LLM, model failing', make: () => new GroundedLlmGenerator(llm(), quotes, idf), expect: 'extractive', fallback: true,
      model: () => ({ status: 500, message: 'overloaded' }),
    },
  ];

  for (const impl of implementations) {
    describe(impl.name, () => {
      it('writes sentences that each cite a retrieved, current document, and streams exactly them in order', async () => {
        reply = impl.model;
        const streamed: AnswerSentence[] = [];
        const given = await input('社保卡补办需要多少天', (s) => streamed.push(s));
        const out = await impl.make().generate(given);
        expect(out.generator).toBe(impl.expect);
        expect(out.sentences.length).toBeGreaterThan(0);
        expect(out.sentences.length).toBeLessThanOrEqual(5);
        const numbers = new Set(out.citations.map((c) => c.n));
        const retrievedIds = new Set(given.retrieved.map((r) => r.doc.externalId));
        for (const s of out.sentences) {
          expect(s.cites.length).toBeGreaterThan(0);
          for (const n of s.cites) {
            expect(numbers.has(n)).toBe(true);
            expect(s.text).toContain(`[${n}]`);
          }
        }
        for (const c of out.citations) {
          expect(retrievedIds.has(c.id)).toBe(true);
          expect(c.current).toBe(true);
        }
        expect(out.citations[0].id).toBe('inject-2');
        expect(out.sentences.map((s) => s.text).join('')).toContain('5个工作日');
        expect(out.llm?.fallback !== undefined).toBe(impl.fallback);
        // A fallback after a failed model streams only the quotes.
        expect(streamed).toEqual(out.sentences);
      });
    });
  }

  it('extractive answers are at most two sentences and never start with an article heading', async () => {
    for (const question of ['公积金怎么提取', '租房可以提取公积金吗', '居住证办理需要什么材料']) {
      const out = await quotes.generate(await input(question));
      expect(out.sentences.length).toBeLessThanOrEqual(2);
      expect(out.sentences[0].text).not.toMatch(/^第[一二三四五六七八九十]+章/);
    }
  });
});
