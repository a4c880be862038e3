import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestLogOptions, trustProxyOption } from './client-address';

describe('the request log', () => {
  it('prints client addresses cut to /24 and /48, the client read through the trusted proxy', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const app = Fastify({ logger: { ...requestLogOptions(), stream }, trustProxy: trustProxyOption(['10.0.0.2/32']) });
    app.get('/ping', async () => ({ ok: true }));
    await app.inject({ url: '/ping', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '198.51.100.77' } });
    await app.inject({ url: '/ping', remoteAddress: '2001:db8:abcd:12:34::9' });
    await app.inject({ url: '/ping', remoteAddress: '::ffff:203.0.113.45' });
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('"remoteAddress":"198.51.100.0"');
    expect(logged).toContain('"remoteAddress":"2001:db8:abcd::"');
    expect(logged).toContain('"remoteAddress":"203.0.113.0"');
    for (const full of ['198.51.100.77', '2001:db8:abcd:12', '203.0.113.45', '10.0.0.2']) expect(logged).not.toContain(full);
    expect(logged).not.toContain('remotePort');
  });
});
