import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { registerSecurityHeaders } from './security-headers.ts';

const options: HelmetOptions = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'https://*.tianditu.gov.cn'], frameAncestors: ["'none'"], upgradeInsecureRequests: null } },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  strictTransportSecurity: true,
  crossOriginEmbedderPolicy: false,
};

/** The headers helmet's own middleware puts on a real answer of a plain Node server. */
const helmetOwn = async (): Promise<Record<string, string>> => {
  const middleware = helmet(options);
  const server = createServer((req, res) => middleware(req, res, () => { res.end('ok'); }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const got = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const skip = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    return Object.fromEntries([...got.headers].filter(([k]) => !skip.has(k)));
  } finally {
    server.close();
  }
};

describe('security headers', () => {
  it('are the ones helmet sets, on answers, errors and unknown paths alike; a route may still set its own', async () => {
    const expected = await helmetOwn();
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(expected['strict-transport-security']).toBeDefined();
    const app = Fastify();
    registerSecurityHeaders(app, options);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => { throw new Error('boom'); });
    app.get('/file', async (_req, reply) => reply.header('content-security-policy', "default-src 'none'; sandbox").send('x'));
    for (const url of ['/ok', '/boom', '/nowhere']) {
      const res = await app.inject({ url });
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${url} ${name}`).toBe(value);
    }
    expect((await app.inject({ url: '/file' })).headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    await app.close();
  });
});
