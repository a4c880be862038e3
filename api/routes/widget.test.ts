import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../error-handler';
import { registerWidgetRoutes } from './widget';

describe('GET /widget/zhiwen.js', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installErrorHandler(app);
    await app.register(cors, { origin: true });
    registerWidgetRoutes(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the bundled web component to any origin, cacheable, gzip when accepted', async () => {
    const plain = await app.inject({ url: '/widget/zhiwen.js', headers: { origin: 'https://www.example-city.gov.cn' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.headers['access-control-allow-origin']).toBe('https://www.example-city.gov.cn');
    expect(plain.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(plain.headers.vary).toMatch(/Origin.*Accept-Encoding/);
    expect(plain.body).toContain('zhiwen-search');
    expect(plain.body).not.toMatch(/^\s*(import|export)\s/m); // one classic script: no module syntax left

    const gz = await app.inject({ url: '/widget/zhiwen.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
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

  it('answers a coded 500 without server paths when the widget does not build', async () => {
    const broken = Fastify();
    installErrorHandler(broken);
    registerWidgetRoutes(broken, { entry: '/nonexistent/widget.ts' });
    const res = await broken.inject({ url: '/widget/zhiwen.js' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error).toMatchObject({ code: 'WIDGET_BUILD_FAILED' });
    expect(res.json().error.message).not.toContain('/nonexistent'); // the path goes to the log, not to the page
    await broken.close();
  });
});
