// The route serves whatever bundle file it is given (widget/build.test.ts checks the bundle itself):
// caching headers, gzip, revalidation, and a coded 500 when the file is missing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../error-handler';
import { registerWidgetRoutes } from './widget';

/** A stand-in bundle: compressible like the real one, and unmistakably this file's content. */
const BUNDLE = `/* zhiwen-widget 0123456789abcdef */\n(()=>{${'customElements.define("zhiwen-search",class extends HTMLElement{});'.repeat(50)}})();\n`;

describe('GET /widget/zhiwen.js', () => {
  let app: FastifyInstance;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-widget-route-'));
    file = path.join(dir, 'zhiwen.js');
    writeFileSync(file, BUNDLE);
    app = Fastify();
    installErrorHandler(app);
    await app.register(cors, { origin: true });
    registerWidgetRoutes(app, { file });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the bundle file to any origin, cacheable, gzip when accepted', async () => {
    const plain = await app.inject({ url: '/widget/zhiwen.js', headers: { origin: 'https://www.example-city.gov.cn' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(BUNDLE);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.headers['access-control-allow-origin']).toBe('https://www.example-city.gov.cn');
    expect(plain.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(plain.headers.vary).toMatch(/Origin.*Accept-Encoding/);

    const gz = await app.inject({ url: '/widget/zhiwen.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(BUNDLE);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject({ url: '/widget/zhiwen.js' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ url: '/widget/zhiwen.js', headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const changed = await app.inject({ url: '/widget/zhiwen.js', headers: { 'if-none-match': '"other"' } });
    expect(changed.statusCode).toBe(200);
  });

  it('answers a coded 500 without server paths when the bundle file is missing, and serves it once it appears', async () => {
    const later = path.join(dir, 'later.js');
    const broken = Fastify();
    installErrorHandler(broken);
    registerWidgetRoutes(broken, { file: later });
    const res = await broken.inject({ url: '/widget/zhiwen.js' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'WIDGET_BUILD_FAILED' });
    expect(res.json().error.message).not.toContain(dir); // the path goes to the log, not to the page
    writeFileSync(later, BUNDLE);
    expect((await broken.inject({ url: '/widget/zhiwen.js' })).body).toBe(BUNDLE);
    await broken.close();
  });
});
