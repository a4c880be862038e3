import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEntries, listVersions, transitionEntry } from '../../library/consultation';
import { openLibrary, type Db } from '../../library/store';
import { planInputs, readPlannedFile, type FeedItem } from '../feeds';
import {
  enqueueInputs, INGEST_QUEUE, MemoryJobQueue, startIngestWorker, waitForDrain,
  type IngestDocumentData, type IngestDocumentResult,
} from '../jobs';
import { Ingestor, ingestItems, LibraryWriter, PUBLISH_QA_NOTE, type IngestSummary } from './index';

const PAIRS = [
  { id: 'hz-1', question_title: '公积金贷款额度怎么算？', question: '我叫李明，手机13912345678，在A市缴存公积金三年，想知道贷款额度怎么算？', answer: '您好！贷款额度按缴存余额的15倍计算，最高60万元。', department: 'A市住房公积金中心', date: '2019-03-01 10:00:00', answer_date: '2019-03-05', url: 'https://gjj.example.gov.cn/hd/1' },
  { id: 'hz-2', question: '社保卡丢了怎么补办？身份证号11010519491231002X。', answer: '请本人携带身份证到就近社保服务网点补办。\n补办工本费20元。', topic: '社会保障' },
  { id: 'hz-3', question: '新生儿医保在哪里办理？', answer: '可在“A市医保”公众号线上办理，也可到户籍所在地社区服务中心办理。', site: 'city' },
  { id: 'hz-bad', question: '这个问题还没有答复', answer: '' },
];
const jsonl = (rows: object[]): string => rows.map((r) => JSON.stringify(r)).join('\n');

describe('Q&A feeds become knowledge-base entries, not documents', () => {
  let db: Db;
  let dir: string;
  let writer: LibraryWriter;
  beforeAll(async () => {
    db = await openLibrary();
    writer = new LibraryWriter(db);
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-qa-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function ingestFeed(name: string, rows: object[], publish = false): Promise<IngestSummary> {
    const file = path.join(dir, name);
    await writeFile(file, jsonl(rows));
    const plan = await planInputs([file]);
    expect(plan.files.map((f) => f.kind)).toEqual(['qa']);
    async function* items(): AsyncGenerator<FeedItem> {
      yield* readPlannedFile(plan.files[0]);
    }
    return ingestItems(db, items(), { writer, qa: { publish } });
  }
  const count = async (sql: string): Promise<number> => (await db.query<{ n: number }>(sql)).rows[0].n;

  it('writes drafts with their source, masked, and rejects a record without a reply; no document', async () => {
    const summary = await ingestFeed('hotline.jsonl', PAIRS);
    expect(summary).toMatchObject({ added: 0, updated: 0, qa: { added: 3, drafts: 3, masked: 2, converted: 0 } });
    expect(summary.rejected).toEqual([
      { source: path.join(dir, 'hotline.jsonl'), lineNumber: 4, id: 'hz-bad', reason: 'answer is empty (a consultation without a reply is not published)' },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM documents')).toBe(0);
    const { entries } = await listEntries(db);
    expect(entries.map((e) => [e.question, e.status, e.author, e.reviewer, e.scope, e.siteCode])).toEqual([
      ['公积金贷款额度怎么算？', 'draft', 'ingest:hotline.jsonl', null, 'platform', null],
      ['社保卡丢了怎么补办？', 'draft', 'ingest:hotline.jsonl', null, 'platform', null],
      ['新生儿医保在哪里办理？', 'draft', 'ingest:hotline.jsonl', null, 'site', 'city'],
    ]);
    expect(entries[0].source).toMatchObject({
      recordId: 'hz-1', feed: path.join(dir, 'hotline.jsonl'), line: 1, site: 'hotline', url: 'https://gjj.example.gov.cn/hd/1',
      askedAt: '2019-03-01 10:00:00', answeredAt: '2019-03-05', department: 'A市住房公积金中心',
    });
    expect(entries[0].source!.message).toContain('139****5678');
    // A citizen's name in a message is masked like a phone (message mode).
    expect(entries[0].source!.message).toContain('我叫李**');
    expect(entries[0].source!.message).not.toContain('李明');
    expect(entries[1]).toMatchObject({ answerHtml: '<p>请本人携带身份证到就近社保服务网点补办。</p><p>补办工本费20元。</p>', category: '社会保障' });
    const stored = JSON.stringify(entries);
    expect(stored).not.toMatch(/13912345678|11010519491231002X/u);
    expect((await listVersions(db, entries[0].id)).map((v) => [v.action, v.actor, v.note])).toEqual([
      ['import', 'ingest:hotline.jsonl', `from ${path.join(dir, 'hotline.jsonl')} line 1`],
    ]);
  });

  it('adds nothing when the same feed is ingested again', async () => {
    const before = await count('SELECT count(*)::int AS n FROM faq_versions');
    const summary = await ingestFeed('hotline.jsonl', PAIRS);
    expect(summary.qa).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(await count('SELECT count(*)::int AS n FROM faq_versions')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM faq_entries')).toBe(3);
  });

  it('makes a new version of an entry whose answer changed in the feed', async () => {
    const changed = PAIRS.map((p) => (p.id === 'hz-1' ? { ...p, answer: '您好！贷款额度按缴存余额的20倍计算，最高80万元。' } : p));
    const summary = await ingestFeed('hotline.jsonl', changed);
    expect(summary.qa).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    const entry = (await listEntries(db, { q: '公积金贷款额度' })).entries[0];
    expect(entry).toMatchObject({ version: 2, status: 'draft', answerText: '您好！贷款额度按缴存余额的20倍计算，最高80万元。' });
    const history = await listVersions(db, entry.id);
    expect(history.map((v) => [v.version, v.action, v.changed])).toEqual([[1, 'import', expect.any(Array)], [2, 'update', ['answerHtml']]]);
    expect(history[0].snapshot.answerText).toContain('15倍');
  });

  it('publishes with --publish-qa without a reviewer, and says so in the history', async () => {
    const summary = await ingestFeed('hotline.jsonl', PAIRS, true);
    // hz-1 went back to the feed's first answer: a new version, published; the others are published as they are.
    expect(summary.qa).toMatchObject({ added: 0, updated: 1, published: 2, drafts: 0, live: 3 });
    const { entries } = await listEntries(db, { status: 'published' });
    expect(entries).toHaveLength(3);
    for (const e of entries) expect(e).toMatchObject({ reviewer: null, author: 'ingest:hotline.jsonl', publishedAt: expect.any(String) });
    const last = (await listVersions(db, entries[1].id)).at(-1)!;
    expect(last).toMatchObject({ action: 'publish', actor: 'ingest:hotline.jsonl', note: PUBLISH_QA_NOTE, snapshot: { status: 'published' } });
    // Without the flag, a changed record of a published entry waits for review again.
    const changed = PAIRS.map((p) => (p.id === 'hz-2' ? { ...p, answer: '请本人携带身份证到任一社保服务网点补办，免收工本费。' } : p));
    const again = await ingestFeed('hotline.jsonl', changed);
    expect(again.qa).toMatchObject({ updated: 1, unchanged: 2, drafts: 1 });
    expect(again.qa.notes).toEqual([{ id: 'hz-2', note: expect.stringContaining('was published; its new version is a draft awaiting review') }]);
  });

  it('leaves a retired entry alone when its record changes', async () => {
    const entry = (await listEntries(db, { q: '新生儿医保' })).entries[0];
    await transitionEntry(db, entry.id, 'retire', 'editor-1');
    const changed = PAIRS.map((p) => (p.id === 'hz-3' ? { ...p, answer: '请到社区服务中心办理。' } : p));
    const summary = await ingestFeed('hotline.jsonl', changed, true);
    expect(summary.qa.kept).toBe(1);
    expect((await listEntries(db, { q: '新生儿医保' })).entries[0]).toMatchObject({ status: 'retired', version: entry.version });
  });

  it('withdraws the Q&A document an earlier ingest made of the same record', async () => {
    const old = {
      externalId: 'old-7', siteCode: 'hotline', title: '低保怎么申请？', infoType: '互动交流' as const,
      body: '留言：低保怎么申请？\n答复：请向户籍所在地乡镇人民政府（街道办事处）提出书面申请。', extra: { kind: 'qa' },
    };
    async function* oldIngest(): AsyncGenerator<FeedItem> {
      yield { source: 'old.jsonl', id: old.externalId, document: old };
    }
    expect((await ingestItems(db, oldIngest(), { writer })).added).toBe(1);
    const summary = await ingestFeed('old.jsonl', [{ id: 'old-7', question: '低保怎么申请？', answer: '请向户籍所在地乡镇人民政府（街道办事处）提出书面申请。' }]);
    expect(summary.qa).toMatchObject({ added: 1, converted: 1 });
    const { rows } = await db.query<{ status: string }>(`SELECT status FROM documents WHERE external_id = 'old-7'`);
    expect(rows).toEqual([{ status: 'withdrawn' }]);
  });

  it('takes the same path through ingest jobs, --publish-qa included', async () => {
    const file = path.join(dir, 'jobs-feed.jsonl');
    await writeFile(file, jsonl([{ id: 'job-1', question: '居住证怎么办理？', answer: '持身份证和居住证明到社区警务室申请。' }]));
    const queue = new MemoryJobQueue<IngestDocumentData, IngestDocumentResult>(INGEST_QUEUE);
    const worker = startIngestWorker(new Ingestor(db), queue);
    try {
      expect((await enqueueInputs(queue, [file], { publishQa: true })).enqueued).toBe(1);
      expect(await waitForDrain(queue, { intervalMs: 20 })).toMatchObject({ completed: 1, dead: 0 });
    } finally {
      await worker.close();
      await queue.close();
    }
    expect((await listEntries(db, { q: '居住证' })).entries[0]).toMatchObject({ status: 'published', author: 'ingest:jobs-feed.jsonl', reviewer: null });
    expect(await count(`SELECT count(*)::int AS n FROM documents WHERE external_id = 'job-1'`)).toBe(0);
  });
});
