import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedder, type Embedder } from '../../library/embeddings';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import { createFaqMatcher } from './create-faq-matcher';
import { createHybridFaqMatcher, nearestEntries } from './hybrid-faq-matcher';

/**
 * The generated tiny model embeds a text as its bag of characters: "close" means "shares characters",
 * which jieba's words do not see (申领 is one word; the entry says 申请 and 领取). Plumbing and fusion
 * are tested here; the real model's figures are evals/systems/tune-faq.ts's.
 */
const ENTRIES = [
  { id: 'card', question: '社保卡如何申请领取', answer: '本人带身份证到社保窗口办理，当场领取。' },
  { id: 'weather', question: '天气预报在哪里看', answer: '请关注气象台每日发布的天气预报。' },
  { id: 'fund', question: '住房公积金提取条件', answer: '购房、租房、离职可以提取住房公积金。' },
];

describe('hybrid FAQ matching (generated tiny model)', () => {
  let dir: string;
  let tiny: Embedder;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-faq-hybrid-'));
    tiny = await openEmbedder(await makeTinyModel(dir), { queryInstruction: '' });
  });
  afterAll(async () => {
    await tiny?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds by vectors what no word matches, with no confidence from vectors alone', async () => {
    const lexical = createFaqMatcher(ENTRIES);
    const hybrid = await createHybridFaqMatcher(ENTRIES, { embedder: tiny });
    expect(await lexical.match('卡申领', 3)).toEqual([]);
    const found = await hybrid.match('卡申领', 3);
    expect(found[0]).toMatchObject({ id: 'card', confidence: 0 });
    expect(found.map((m) => m.id)).toHaveLength(3);
  });

  it('keeps a lexical match first, with its lexical confidence', async () => {
    const lexical = await createFaqMatcher(ENTRIES).match('住房公积金提取条件是什么', 3);
    const hybrid = await (await createHybridFaqMatcher(ENTRIES, { embedder: tiny })).match('住房公积金提取条件是什么', 3);
    expect(hybrid[0]).toMatchObject({ id: 'fund', confidence: lexical[0].confidence });
    expect(hybrid[0].confidence).toBeGreaterThan(0);
  });

  it('ranks entries by their best phrasing', () => {
    const v = (...xs: number[]) => Float32Array.from(xs);
    const phrasings = [
      { entry: 0, vector: v(1, 0) },
      { entry: 1, vector: v(0.6, 0.8) },
      { entry: 1, vector: v(0.8, 0.6) },
    ];
    expect(nearestEntries(v(1, 0), phrasings)).toEqual([
      { id: 0, score: 1 },
      { id: 1, score: expect.closeTo(0.8, 6) },
    ]);
  });
});
