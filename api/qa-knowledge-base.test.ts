/**
 * Q&A feeds through the front door: ingested as knowledge-base entries (published by the operator's
 * flag), loaded by the FAQ index, answered by /v1/ask with the official reply, never the question.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planInputs, readPlannedFile, type FeedItem } from '../ingest/feeds';
import { ingestItems, type IngestSummary } from '../ingest/pipeline';
import { loadSampleLibrary } from '../ingest/sample/load-sample';
import { listEntries } from '../library/consultation';
import { corpusAvailable, corpusFile } from '../library/testing/corpus';
import { openLibrary, type Db } from '../library/store';
import { FaqService } from '../retrieval/faq';
import { SearchService } from '../retrieval/search';
import { buildApp } from './app';
import { composeServices } from './compose';

const LABEL = /^(?:留言|答复|回复|问|答)[：:]/u;

async function ingestFile(db: Db, file: string, publish: boolean, limit = Infinity): Promise<IngestSummary> {
  const plan = await planInputs([file]);
  async function* items(): AsyncGenerator<FeedItem> {
    let n = 0;
    for await (const item of readPlannedFile(plan.files[0])) {
      if (n++ >= limit) return;
      yield item;
    }
  }
  return ingestItems(db, items(), { qa: { publish } });
}

describe('Q&A feeds answer /v1/ask from the knowledge base', () => {
  let db: Db;
  let dir: string;
  let faqs: FaqService;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openLibrary();
    await loadSampleLibrary(db);
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-qa-api-'));
    const search = new SearchService(db);
    await search.sync();
    faqs = new FaqService(db);
    app = await buildApp(composeServices({ db, search, faqs }), { rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const ask = async (question: string) => (await app.inject({ method: 'POST', url: '/v1/ask', payload: { question } })).json();

  it('answers nothing from drafts, and the entry\'s reply once the feed is ingested with --publish-qa', async () => {
    const file = path.join(dir, 'hotline.jsonl');
    await writeFile(file, [
      { 编号: 'h-1', 留言标题: '独生子女父母奖励金怎么申领？', 留言内容: '我今年满60岁，独生子女父母奖励金怎么申领？电话13812345678。', 答复内容: '您好！请持户口簿、身份证和独生子女父母光荣证到户籍所在地乡镇（街道）卫生健康办申领，每人每月80元。' },
      { 编号: 'h-2', 留言标题: '残疾人证怎么办理？', 留言内容: '残疾人证怎么办理？', 答复内容: '请携带身份证、户口簿和近期照片到县残联申请评残。' },
    ].map((r) => JSON.stringify(r)).join('\n'));
    expect((await ingestFile(db, file, false)).qa).toMatchObject({ added: 2, drafts: 2 });
    await faqs.sync();
    expect((await ask('独生子女父母奖励金怎么申领？')).kind).not.toBe('faq');

    expect((await ingestFile(db, file, true)).qa).toMatchObject({ published: 2, drafts: 0 });
    await faqs.sync();
    const a = await ask('独生子女父母奖励金怎么申领');
    expect(a).toMatchObject({ kind: 'faq', generator: 'faq', faq: { question: '独生子女父母奖励金怎么申领？' } });
    expect(a.text).toBe('您好！请持户口簿、身份证和独生子女父母光荣证到户籍所在地乡镇（街道）卫生健康办申领，每人每月80元。');
    expect((await db.query(`SELECT 1 FROM documents WHERE external_id IN ('h-1', 'h-2')`)).rows).toEqual([]);
  });

  it.skipIf(!corpusAvailable)('answers questions of the real policy Q&A with their entry\'s reply, never the question or a label', async () => {
    const SAMPLE = 200;
    const summary = await ingestFile(db, corpusFile('qa', 'ncp2020_policy_qa.jsonl'), true, SAMPLE);
    expect(summary.rejected).toEqual([]);
    expect(summary.qa.added).toBe(SAMPLE);
    await faqs.sync();
    const { entries } = await listEntries(db, { status: 'published', limit: 1000 });
    const fromFeed = entries.filter((e) => e.source?.feed.endsWith('ncp2020_policy_qa.jsonl'));
    expect(fromFeed).toHaveLength(SAMPLE);
    const byQuestion = new Map<string, typeof fromFeed>();
    for (const e of fromFeed) byQuestion.set(e.question, [...(byQuestion.get(e.question) ?? []), e]);
    // Ten questions asked once in the sample, spread over it.
    const asked = fromFeed.filter((e) => byQuestion.get(e.question)!.length === 1).filter((_, i) => i % 19 === 0).slice(0, 10);
    expect(asked).toHaveLength(10);
    for (const entry of asked) {
      const a = await ask(entry.question);
      expect(a.kind, entry.question).toBe('faq');
      expect(a.faq.id).toBe(entry.id);
      expect(a.text).toBe(entry.answerText);
      expect(a.text).not.toContain(entry.question);
      expect(a.text).not.toMatch(LABEL);
    }
  });
});
