import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import type { EvalDoc } from '../data/types';
import { parseEmbedLimits, zhiwenHybrid } from './zhiwen-hybrid';
import { zhiwenVector } from './zhiwen-vector';

const doc = (id: string, title: string, text: string): EvalDoc => ({
  id,
  title,
  text,
  category: null,
  docNumber: null,
  issuer: null,
  published: null,
  site: null,
});

describe('zhiwen-hybrid (generated tiny model: plumbing only, no quality)', () => {
  let dir: string;
  let modelDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-hybrid-eval-'));
    modelDir = await makeTinyModel(dir);
    vi.stubEnv('ZHIWEN_EVAL_EMBED_CACHE', path.join(dir, 'cache'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.resetModules();
  });
  const library = [
    doc('a', '住房公积金提取', '职工提取住房公积金需要提供身份证。'),
    doc('b', '天气预报', '明天多云转晴，气温十五到二十度。'),
    doc('c', '社保卡申领指南', '社保卡申领流程：网上申请，窗口领取。'),
  ];

  it('indexes with embeddings and ranks: an exact title first, vector neighbours after the words', async () => {
    const factory = zhiwenHybrid(modelDir);
    expect(factory.description).toMatch(/^Zhiwen hybrid.*not indexed yet$/);
    const system = await factory.create();
    try {
      await system.index(library);
      expect(factory.description).toMatch(/embedded 3 chunks in [\d.]+ s \(3 by the model/);
      expect(system.name).toBe('zhiwen-hybrid');
      const ranked = await system.search('天气预报', 10);
      expect(ranked[0]).toBe('b');
      // The other two share no word with the query: only the vector half finds them.
      expect([...ranked].sort()).toEqual(['a', 'b', 'c']);
      expect(await system.search('  ', 10)).toEqual([]);
    } finally {
      await system.close?.();
    }
  });

  it('vector only: documents by their nearest chunk, from the disk cache on the second index', async () => {
    const factory = zhiwenVector(modelDir);
    const again = zhiwenVector(modelDir);
    const [first, second] = [await factory.create(), await again.create()];
    try {
      await first.index(library);
      await second.index(library);
      expect(again.description).toMatch(/embedded 3 chunks .*\(0 by the model/);
      // The tiny model embeds a bag of characters: 社保卡申领 shares the most with c, then a (提取 → 取).
      const ranked = await second.search('社保卡申领', 10);
      expect(ranked[0]).toBe('c');
      expect(ranked).toEqual(await first.search('社保卡申领', 10));
      expect(await second.search('社保卡申领', 1)).toEqual(['c']);
    } finally {
      await first.close?.();
      await second.close?.();
    }
  });

  it('embeds only the first chunks of documents a limit names', async () => {
    expect(parseEmbedLimits('law-:1, ncp:3')).toEqual([
      { prefix: 'law-', maxChunks: 1 },
      { prefix: 'ncp', maxChunks: 3 },
    ]);
    expect(() => parseEmbedLimits('law')).toThrow(/not <id prefix>:<max chunks>/);
    const long = doc('law-1', '长法', Array.from({ length: 40 }, (_, i) => `第${i + 1}条 本条规定社会保险缴费的第${i + 1}项事宜，具体办法由主管部门另行制定并公布实施。`).join('\n'));
    const factory = zhiwenHybrid(modelDir, { limits: parseEmbedLimits('law-:1') });
    const system = await factory.create();
    try {
      await system.index([...library, long]);
      expect(factory.description).toMatch(/limited to 1 chunk\(s\) of law-\* documents.*embedded 4 chunks/);
    } finally {
      await system.close?.();
    }
  });

  it('is listed only when ZHIWEN_EMBED_MODEL names a model', async () => {
    vi.stubEnv('ZHIWEN_EMBED_MODEL', '');
    const without = await import('./registry');
    expect(without.SYSTEMS.map((s) => s.name)).not.toContain('zhiwen-hybrid');
    expect(() => without.selectSystems(['zhiwen-hybrid'])).toThrow(/set ZHIWEN_EMBED_MODEL/);
    vi.resetModules();
    vi.stubEnv('ZHIWEN_EMBED_MODEL', 'none');
    expect((await import('./registry')).SYSTEMS.map((s) => s.name)).not.toContain('zhiwen-hybrid');
    vi.resetModules();
    vi.stubEnv('ZHIWEN_EMBED_MODEL', modelDir);
    const withModel = await import('./registry');
    // The OpenSearch pair joins the list only with OPENSEARCH_URL (CI sets it): the model's systems follow zhiwen.
    const names = withModel.SYSTEMS.map((s) => s.name).filter((n) => !n.startsWith('zhiwen-opensearch') && n !== 'zhiwen-separate');
    expect(names.slice(-3)).toEqual(['zhiwen', 'zhiwen-vector', 'zhiwen-hybrid']);
    vi.stubEnv('ZHIWEN_EMBED_MODEL', '');
  });
});
