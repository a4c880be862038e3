import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTinyModel } from '../../library/embeddings/fixtures/make-tiny-model';
import type { EvalDoc } from '../data/types';
import { zhiwenHybrid } from './zhiwen-hybrid';

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
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('indexes with embeddings and ranks: an exact title first, vector neighbours after the words', async () => {
    const factory = zhiwenHybrid(modelDir);
    expect(factory.description).toMatch(/tiny-bert-zh vectors.*reciprocal rank.*GENERATED TEST MODEL/);
    const system = await factory.create();
    try {
      await system.index([
        doc('a', '住房公积金提取', '职工提取住房公积金需要提供身份证。'),
        doc('b', '天气预报', '明天多云转晴，气温十五到二十度。'),
        doc('c', '社保卡申领指南', '社保卡申领流程：网上申请，窗口领取。'),
      ]);
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
    expect(withModel.SYSTEMS.map((s) => s.name).slice(-2)).toEqual(['zhiwen', 'zhiwen-hybrid']);
  });
});
