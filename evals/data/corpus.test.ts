import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { docsForSet } from './gold';

const jsonl = (rows: object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const doc = (id: string, title: string, docNumber: string | null = null) => ({
  id, site: null, title, url: null, published: null, issuer: null, doc_number: docNumber, category: '政策文件', text: `${title}正文`,
});

let dir: string;

async function writeTiny(root: string, gold: object[]): Promise<void> {
  for (const sub of ['documents', 'retrieval', 'qa', 'matching', 'classification']) await mkdir(join(root, sub), { recursive: true });
  // Names chosen so no file name hints at its pairing: pairing must come from the ids.
  await writeFile(join(root, 'documents/one.jsonl'), jsonl([doc('a1', '甲法', '国令第1号'), doc('a2', '甲法修订', '国令第1号'), doc('a3', '乙法')]));
  await writeFile(join(root, 'documents/two.jsonl'), jsonl([doc('b1', '丙通知', '某发〔2020〕2号'), doc('b2', '丁通知')]));
  await writeFile(join(root, 'retrieval/x_gold.jsonl'), jsonl(gold));
  await writeFile(join(root, 'retrieval/notes.jsonl'), jsonl([{ ignored: true }]));
  await writeFile(join(root, 'qa/faq.jsonl'), jsonl([{ id: 'q1', question: '标题\n正文', question_title: '标题', answer: '答' }]));
  await writeFile(join(root, 'matching/m.jsonl'), jsonl([{ id: 'm1', a: '你好', b: '您好', label: 1 }]));
  await writeFile(
    join(root, 'classification/c.jsonl'),
    jsonl([{ id: 't1', title: '路', text: '修路', topic: '交通运输' }, { level1: '交通运输', level2: '道路', level3: '修路' }]),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhiwen-evals-data-'));
  await writeTiny(dir, [
    { qid: 'g1', query: '丙', relevant: ['b1'] },
    { qid: 'g2', query: '甲', relevant: ['a1'], exclude: ['a2'], answer: '甲法正文' },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadCorpus', () => {
  it('builds one library from every documents/ file and reads each folder', async () => {
    const c = await loadCorpus(dir);
    expect(c.docs.map((d) => d.id)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(c.docs[0]).toMatchObject({ title: '甲法', docNumber: '国令第1号', category: '政策文件', site: null });
    expect(c.qa[0].pairs[0]).toEqual({ id: 'q1', question: '标题\n正文', questionTitle: '标题', answer: '答' });
    expect(c.matching[0]).toMatchObject({ name: 'm', pairs: [{ id: 'm1', label: 1 }] });
    expect(c.topics[0].examples).toEqual([{ id: 't1', title: '路', text: '修路', topic: '交通运输' }]);
    expect(c.taxonomy).toEqual([{ level1: '交通运输', level2: '道路', level3: '修路' }]);
    expect(c.files.map((f) => f.file)).toContain('documents/one.jsonl');
    expect(c.files.every((f) => /^[0-9a-f]{40}$/u.test(f.sha1))).toBe(true);
  });

  it('pairs gold sets with documents by their ids and keeps exclude/answer', async () => {
    const c = await loadCorpus(dir);
    const gold = c.goldSets.find((s) => s.name === 'x');
    expect(gold?.docFiles).toEqual(['documents/one.jsonl', 'documents/two.jsonl']);
    expect(gold?.queries[1]).toEqual({ qid: 'g2', query: '甲', relevant: ['a1'], exclude: ['a2'], answer: '甲法正文' });
    expect(c.goldSets.map((s) => s.name)).not.toContain('notes');
  });

  it('derives 文号 gold per documents file: one query per number, all sharing documents relevant', async () => {
    const c = await loadCorpus(dir);
    const one = c.goldSets.find((s) => s.name === '文号:one');
    expect(one?.queries).toEqual([{ qid: 'docnumber:国令第1号', query: '国令第1号', relevant: ['a1', 'a2'], exclude: [] }]);
    expect(one && docsForSet(one, c.documentFiles).map((d) => d.id)).toEqual(['a1', 'a2', 'a3']);
    expect(c.goldSets.find((s) => s.name === '文号:two')?.queries).toHaveLength(1);
  });

  it('fails, naming the ids, when a relevant id is in no documents file', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'zhiwen-evals-bad-'));
    try {
      await writeTiny(bad, [{ qid: 'g1', query: '丙', relevant: ['nope'] }]);
      await expect(loadCorpus(bad)).rejects.toThrow(/nope/u);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
