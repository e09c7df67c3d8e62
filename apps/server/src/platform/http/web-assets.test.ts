import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { pickEncoding } from './web-pages.ts';

/**
 * The web app as a village phone gets it (docs/performance.md, "The portal"): hashed assets
 * compressed as the build wrote them and cached for a year, the page itself asked again each
 * time, and a missing asset a 404 rather than the page under a script's name.
 */
let h: Harness;
let dir = '';
const script = `export const portal = ${JSON.stringify('法治'.repeat(2000))};\n`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fazhi-web-'));
  mkdirSync(path.join(dir, 'assets'));
  const page = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/portal-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';
  writeFileSync(path.join(dir, 'index.html'), page);
  const asset = path.join(dir, 'assets', 'portal-3f9a1c.js');
  writeFileSync(asset, script);
  writeFileSync(`${asset}.br`, brotliCompressSync(script));
  writeFileSync(`${asset}.gz`, gzipSync(script));
  writeFileSync(path.join(dir, 'route-preloads.json'), JSON.stringify({
    '/apply/mediation': ['/assets/apply-page-1a2b3c.js', '/assets/select-4d5e6f.js', '/assets/apply-page-7a8b9c.css'],
    '/decisions/:id': ['/assets/public-decision-page-0f0f0f.js'],
  }));
  h = await createHarness({ webDist: dir });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) => h.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the web app\'s files', () => {
  it('sends a hashed asset in the smallest encoding the browser takes, cached for a year', async () => {
    const br = await get('/assets/portal-3f9a1c.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable', vary: expect.stringMatching(/accept-encoding/i) });
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const gz = await get('/assets/portal-3f9a1c.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/portal-3f9a1c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('asks for the page again each time, on every address of the app', async () => {
    for (const url of ['/', '/track', '/apply/mediation', '/console/cases']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('answers 404 for an asset that is not there, never the page under its name', async () => {
    const res = await get('/assets/portal-0000000.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('names a portal page\'s own code in its page for preloading, and nothing on other pages', async () => {
    const apply = (await get('/apply/mediation')).body;
    expect(apply).toContain('<link rel="modulepreload" crossorigin href="/assets/apply-page-1a2b3c.js">');
    expect(apply).toContain('<link rel="modulepreload" crossorigin href="/assets/select-4d5e6f.js">');
    expect(apply).toContain('<link rel="preload" as="style" href="/assets/apply-page-7a8b9c.css">');
    expect(apply.indexOf('modulepreload')).toBeLessThan(apply.indexOf('</head>'));
    expect((await get('/decisions/5b0e4a52-8a4f-4a7c-9d8e-2f6c1f0d9e11?from=portal')).body).toContain('/assets/public-decision-page-0f0f0f.js');
    for (const url of ['/', '/decisions', '/decisions/a/b', '/console/cases']) expect((await get(url)).body, url).not.toContain('modulepreload');
    const br = await get('/apply/mediation', 'br');
    expect(br.headers['content-encoding']).toBe('br');
  });

  it('takes the encoding the browser accepts, and none it refuses', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});
