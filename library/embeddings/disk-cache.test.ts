import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from './embedder';
import { withDiskCache } from './disk-cache';
import { makeTinyModel } from './fixtures/make-tiny-model';
import { openEmbedder } from './open-embedder';

describe('withDiskCache (generated tiny model)', () => {
  let dir: string;
  let tiny: Embedder;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-embed-cache-'));
    tiny = await openEmbedder(await makeTinyModel(dir));
  });
  afterAll(async () => {
    await tiny?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('embeds each distinct (kind, text) once, across instances, and returns the model vectors in order', async () => {
    const cacheDir = path.join(dir, 'cache');
    const first = withDiskCache(tiny, { dir: cacheDir });
    const texts = ['社会保险', '住房公积金', '社会保险'];
    const vectors = await first.embed(texts, { kind: 'passage' });
    // A repeat within one call is embedded once, and is no hit (it was not on disk).
    expect(first.stats).toMatchObject({ hits: 0, misses: 2 });
    const direct = await tiny.embed(texts, { kind: 'passage' });
    expect(vectors.map((v) => Array.from(v))).toEqual(direct.map((v) => Array.from(v)));

    const second = withDiskCache(tiny, { dir: cacheDir });
    const again = await second.embed(['住房公积金', '社会保险'], { kind: 'passage' });
    expect(second.stats).toMatchObject({ hits: 2, misses: 0 });
    expect(Array.from(again[0])).toEqual(Array.from(direct[1]));
    // Another kind, or another variant, is another key.
    await second.embed(['社会保险'], { kind: 'query' });
    expect(second.stats.misses).toBe(1);
    const other = withDiskCache(tiny, { dir: cacheDir, variant: 'prefix=query: ' });
    await other.embed(['社会保险'], { kind: 'passage' });
    expect(other.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(path.basename(first.file)).toBe('tiny-bert-zh-64.v1.tsv');
  });

  it('skips a torn last line (a run stopped mid-write) and embeds that text again', async () => {
    const cacheDir = path.join(dir, 'torn');
    const a = withDiskCache(tiny, { dir: cacheDir });
    await a.embed(['公积金'], { kind: 'passage' });
    const line = readFileSync(a.file, 'utf8');
    appendFileSync(a.file, line.slice(0, 60));
    const b = withDiskCache(tiny, { dir: cacheDir });
    await b.embed(['公积金', '社保卡'], { kind: 'passage' });
    expect(b.stats).toMatchObject({ hits: 1, misses: 1 });
  });
});
