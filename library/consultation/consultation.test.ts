import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../store';
import { driverCases, type TestLibrary } from '../store/test-drivers';
import {
  createEntry, entriesToCsv, entriesToXlsx, getEntry, listEntries, listOpenUnanswered, listVersions, logAnswer, logUnanswered,
  parseEntriesCsv, parseEntriesXlsx, readFaqFeed, recordFeedback, resolveUnanswered, transitionEntry, updateEntry,
} from './index';

const entry = (question: string, extra: Record<string, unknown> = {}) => ({
  question, answerHtml: `<p>${question}的答案</p>`, alternatives: [`${question}？`], ...extra,
});

for (const driver of driverCases()) describe(`consultation knowledge base store on ${driver.name}`, () => {
  let lib: TestLibrary;
  let db: Db;
  beforeAll(async () => {
    lib = await driver.open();
    db = lib.db;
  });
  afterAll(async () => lib?.dispose());

  it('stores a sanitised draft and rejects bad input saying what to fix', async () => {
    const e = await createEntry(db, { ...entry('社保卡怎么办理'), answerHtml: '<p onclick="x()">带身份证<script>bad()</script></p>', effectiveFrom: '2025-01-01' }, 'alice');
    expect(e).toMatchObject({ status: 'draft', version: 1, author: 'alice', answerHtml: '<p>带身份证</p>', answerText: '带身份证', effectiveFrom: '2025-01-01', scope: 'platform' });
    await expect(createEntry(db, { question: ' ', answerHtml: 'x' }, 'alice')).rejects.toThrow(/question is empty/);
    await expect(createEntry(db, { question: 'q', answerHtml: '<script>x</script>' }, 'alice')).rejects.toThrow(/answer is empty/);
    await expect(createEntry(db, { ...entry('q'), scope: 'site' }, 'alice')).rejects.toThrow(/siteCode/);
    await expect(createEntry(db, { ...entry('q'), effectiveFrom: '2025-02-01', expiresOn: '2025-01-01' }, 'alice')).rejects.toThrow(/expiresOn/);
    await expect(createEntry(db, { ...entry('q'), expiresOn: '明年' }, 'alice')).rejects.toThrow(/expiresOn must be a day/);
  });

  it('runs draft → pending_review → published → retired, and nobody approves their own entry', async () => {
    const e = await createEntry(db, entry('公积金怎么提取'), 'alice');
    await expect(transitionEntry(db, e.id, 'approve', 'bob')).rejects.toMatchObject({ code: 'BAD_TRANSITION' });
    await transitionEntry(db, e.id, 'submit', 'alice');
    await expect(transitionEntry(db, e.id, 'approve', 'alice')).rejects.toMatchObject({ code: 'SELF_REVIEW' });
    await transitionEntry(db, e.id, 'reject', 'bob', '请补充办理地点');
    // bob edits the draft: now bob is the last editor and may not approve either
    await updateEntry(db, e.id, { answerHtml: '<p>到公积金中心办理，地点：市民中心</p>' }, 'bob');
    await transitionEntry(db, e.id, 'submit', 'bob');
    await expect(transitionEntry(db, e.id, 'approve', 'bob')).rejects.toMatchObject({ code: 'SELF_REVIEW' });
    await expect(transitionEntry(db, e.id, 'approve', 'alice')).rejects.toMatchObject({ code: 'SELF_REVIEW' });
    const published = await transitionEntry(db, e.id, 'approve', 'carol');
    expect(published).toMatchObject({ status: 'published', reviewer: 'carol', version: 2 });
    expect(published.publishedAt).not.toBeNull();
    await expect(updateEntry(db, e.id, { question: '改' }, 'bob')).rejects.toThrow(/revise it back to draft first/);
    const retired = await transitionEntry(db, e.id, 'retire', 'alice');
    expect(retired.status).toBe('retired');

    const history = await listVersions(db, e.id);
    expect(history.map((v) => [v.action, v.actor, v.version])).toEqual([
      ['create', 'alice', 1], ['submit', 'alice', 1], ['reject', 'bob', 1], ['update', 'bob', 2],
      ['submit', 'bob', 2], ['approve', 'carol', 2], ['retire', 'alice', 2],
    ]);
    expect(history[2].note).toBe('请补充办理地点');
    expect(history[3].changed).toEqual(['answerHtml']);
    expect(history[0].snapshot.answerText).toBe('公积金怎么提取的答案');
    expect(history[3].snapshot.answerText).toBe('到公积金中心办理，地点：市民中心');
    expect(new Date(history[6].at).getTime()).toBeGreaterThanOrEqual(new Date(history[0].at).getTime());
    await expect(listVersions(db, 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets replicas follow entry changes by sequence', async () => {
    const before = (await readFaqFeed(db, 0)).at(-1)!.changeSeq;
    const e = await createEntry(db, entry('居住证办理'), 'alice');
    await transitionEntry(db, e.id, 'submit', 'alice');
    const feed = await readFaqFeed(db, before);
    expect(feed.map((f) => [f.id, f.status])).toEqual([[e.id, 'pending_review']]);
  });

  it('exports CSV and XLSX that import back to the same entries', async () => {
    const a = await createEntry(db, entry('=危险的公式', { category: '社保', relatedDocuments: ['doc-1', 'doc-2'], scope: 'region', regionCode: '330100' }), 'alice');
    const b = await createEntry(db, entry('带,逗号"引号', { alternatives: ['一', '二'] }), 'alice');
    const entries = [await getEntry(db, a.id), await getEntry(db, b.id)];
    const csv = entriesToCsv(entries);
    expect(csv.startsWith('\ufeff编号,标准问')).toBe(true);
    expect(csv).toContain("'=危险的公式");
    for (const rows of [parseEntriesCsv(csv), await parseEntriesXlsx(await entriesToXlsx(entries))]) {
      expect(rows.map((r) => r.input?.question)).toEqual(['=危险的公式', '带,逗号"引号']);
      expect(rows[0].input).toMatchObject({ category: '社保', relatedDocuments: ['doc-1', 'doc-2'], scope: 'region', regionCode: '330100', answerHtml: '<p>=危险的公式的答案</p>' });
      expect(rows[1].input?.alternatives).toEqual(['一', '二']);
    }
    const plain = parseEntriesCsv('question,answer,scope\n问一,"第一行\n第二行",全平台\n问二,答,银河系\n');
    expect(plain[0]).toMatchObject({ row: 2, input: { question: '问一', answerHtml: '<p>第一行</p><p>第二行</p>', scope: 'platform' } });
    expect(plain[1].error).toMatch(/范围 \(scope\) must be/);
    expect(() => parseEntriesCsv('foo,bar\n1,2\n')).toThrow(/标准问 \(question\) and 答案 \(answer\)/);
    await expect(parseEntriesXlsx(Buffer.from('not a zip'))).rejects.toThrow(/XLSX cannot be read/);
  });

  it('keeps feedback, queues disliked and unanswered questions, and resolves them', async () => {
    await logAnswer(db, { answerId: 'a-1', question: '护照怎么办', kind: 'library', citations: ['doc-1'] });
    expect(await recordFeedback(db, { answerId: 'a-1', helpful: true })).toMatchObject({ queued: false });
    expect(await recordFeedback(db, { answerId: 'a-1', helpful: false, comment: '没说地点' })).toMatchObject({ queued: true });
    await expect(recordFeedback(db, { answerId: 'nope', helpful: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await logUnanswered(db, { question: '火星签证', answerId: null });
    const open = await listOpenUnanswered(db);
    expect(open.map((q) => [q.question, q.reason])).toEqual([['火星签证', 'not_found'], ['护照怎么办', 'disliked']]);
    const e = await createEntry(db, entry('护照办理'), 'alice');
    expect(await resolveUnanswered(db, [open[1].id], e.id)).toBe(1);
    expect((await listOpenUnanswered(db)).map((q) => q.question)).toEqual(['火星签证']);
    const drafts = await listEntries(db, { status: 'draft', q: '护照' });
    expect(drafts.entries.map((d) => d.question)).toEqual(['护照办理']);
  });
});
