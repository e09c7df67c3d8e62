import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../apps/server/src/config.ts';
import { phone, shoot, useBrowserHarness } from './browser.ts';

/**
 * The public portal on a village phone (issue 11): each page opened with an empty cache over a
 * line throttled to 1.6 Mbit/s down, 0.75 up, 150 ms round trips (Chromium's network
 * emulation). The times are recorded, not asserted (test-results/portal-speed.json, and the
 * figures in docs/performance.md, "The portal"); what is asserted is what the citizen relies
 * on: the page's content appears, none of the console's code is downloaded for it, and the
 * bytes stay within a budget a 1.6 Mbit/s line carries in about two seconds (sizes, unlike
 * times, do not depend on the machine's load). Before the portal was split from the console
 * and compressed, '/' took 1,454 KB; compressed but not split, 436 KB.
 */
const budgetKb = 420;
let browser: Browser;
let base = '';
useBrowserHarness((r) => { browser = r.browser; base = r.base; });

const pages = [
  { path: '/', shows: '服务入口' },
  { path: '/apply/mediation', shows: '提交申请' },
  { path: '/track', shows: '办理进度查询' },
] as const;

/** Chunks only the console needs; a portal page must never fetch them. */
const consoleOnly = /\/assets\/(console-layout|home-page|case-detail-page|table|echart|installCanvasRenderer|menu|users-page|cases-page)-[\w-]+\.js$/;

describe('the portal on a slow phone line', () => {
  it('shows each page with none of the console\'s code, and records how long it took', async () => {
    const figures: Record<string, unknown>[] = [];
    for (const p of pages) {
      const context = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      // What went wrong, should the content never appear: failed requests and error answers.
      const trouble: string[] = [];
      page.on('requestfailed', (r) => trouble.push(`${r.url()} failed: ${r.failure()?.errorText ?? '?'}`));
      page.on('response', (r) => { if (r.status() >= 400) trouble.push(`${r.url()} answered ${r.status()}`); });
      page.on('pageerror', (e) => trouble.push(`page error: ${e.message}`));
      const started = Date.now();
      await page.goto(`${base}${p.path}`, { waitUntil: 'commit' });
      try {
        await page.getByText(p.shows, { exact: true }).first().waitFor({ timeout: 90_000 });
      } catch (e) {
        const shot = await shoot(page, `portal-speed-${p.path.replace(/\W+/g, '-')}`).catch(() => 'none');
        const body = await page.locator('body').innerText().catch(() => '');
        throw new Error(`${p.path}: "${p.shows}" not shown after ${Date.now() - started} ms; ${urls.length} requests; `
          + `trouble: ${trouble.join('; ') || 'none'}; page text: ${body.slice(0, 300)}; screenshot: ${shot}`, { cause: e });
      }
      const content = Date.now() - started;
      await page.waitForLoadState('networkidle');
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
      expect(urls.filter((u) => consoleOnly.test(u)), p.path).toEqual([]);
      expect(bytes / 1024, p.path).toBeLessThan(budgetKb);
      figures.push({ page: p.path, firstContentfulPaintMs: fcp === null ? null : Math.round(fcp), contentShownMs: content,
        requests: urls.length, kilobytes: Math.round(bytes / 1024) });
      await context.close();
    }
    const dir = path.join(repoRoot, 'test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'portal-speed.json'), `${JSON.stringify({ at: new Date().toISOString(), line: '1.6 Mbit/s down, 0.75 up, 150 ms', figures }, null, 2)}\n`);
    console.log(figures.map((f) => JSON.stringify(f)).join('\n'));
  }, 240_000);
});
