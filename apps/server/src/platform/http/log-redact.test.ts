import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createHarness, type Harness } from '../../test/harness.ts';
import { buildApp } from '../../app.ts';
import type { TypedApp } from './types.ts';
import { redactUrl } from './log-redact.ts';

let h: Harness;
let app: TypedApp;
const lines: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  // The real app, with its log written to a buffer this test reads.
  const log = pino({ level: 'info', base: undefined }, { write: (s: string) => { lines.push(s); } });
  app = await buildApp({ ...h.platform, log });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('request log', () => {
  it('keeps the secret parameters out and masks ID and mobile numbers anywhere in the URL', () => {
    expect(redactUrl('/api/cases?q=%E5%BC%A0%E4%B8%89&page=2&phone=13800138000')).toBe('/api/cases?q=[REDACTED]&page=2&phone=[REDACTED]');
    expect(redactUrl('/api/x?idNumber=11010119900307123X&trackingNo=2025ABCDEFGH&queryCode=123456&code=654321'))
      .toBe('/api/x?idNumber=[REDACTED]&trackingNo=[REDACTED]&queryCode=[REDACTED]&code=[REDACTED]');
    expect(redactUrl('/api/people/13912345678/cases?other=110101199003071234')).toBe('/api/people/[REDACTED]/cases?other=[REDACTED]');
    expect(redactUrl('/api/x?note=%31%33%39%31%32%33%34%35%36%37%38')).toBe('/api/x?note=[REDACTED]');
    expect(redactUrl('/api/orgs/tree')).toBe('/api/orgs/tree');
  });

  it('writes no search term, phone or ID number of a request to the log', async () => {
    lines.length = 0;
    const urls = [
      '/api/cases?q=%E5%BC%A0%E4%B8%89%E5%B0%8F&phone=13800138000&idNumber=110101199003071234&page=2',
      '/api/people/13912345678?note=11010119900307123X',
      '/api/public/track?trackingNo=2025QWERTYUI&code=987654',
    ];
    for (const url of urls) await app.inject({ method: 'GET', url });
    const logged = lines.join('');
    // One line per request, written when it is answered, with its status and time.
    const requestLines = lines.filter((l) => l.includes('"req":{'));
    expect(requestLines).toHaveLength(urls.length);
    for (const l of requestLines) expect(JSON.parse(l)).toMatchObject({ msg: 'request completed', res: { statusCode: expect.any(Number) }, responseTime: expect.any(Number) });
    expect(logged).toContain('"url":"/api/cases?q=[REDACTED]&phone=[REDACTED]&idNumber=[REDACTED]&page=2"');
    for (const secret of ['%E5%BC%A0', '张三', '13800138000', '110101199003071234', '13912345678', '11010119900307123X', '2025QWERTYUI', '987654']) {
      expect(logged).not.toContain(secret);
    }
  });
});
