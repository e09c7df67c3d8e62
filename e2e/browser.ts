import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { repoRoot } from '../apps/server/src/config.ts';
import { createHarness, type Harness } from '../apps/server/src/test/harness.ts';
import { DEMO_PASSWORD } from '../apps/server/src/seed/demo-town.ts';

/**
 * Debian's chromium, headless, driven by playwright-core. The flags keep it off the network
 * (this machine has none) and let it run as root in CI.
 */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export const shoot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

export const phone = { width: 375, height: 780 };
export const desktop = { width: 1366, height: 850 };

/** A real server on a test database with the demo town, listening on loopback, and a browser. */
export type BrowserHarness = { h: Harness; browser: Browser; base: string; close: () => Promise<void> };

export const startBrowserHarness = async (): Promise<BrowserHarness> => {
  const h = await createHarness();
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = h.app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await launchBrowser();
  return { h, browser, base, close: async () => { await browser.close(); await h.close(); } };
};

/**
 * A test file's server and browser: started once before its tests (the file's own setup in
 * `ready`, e.g. taking `h`, `browser` and `base`), closed after them.
 */
export const useBrowserHarness = (ready: (running: BrowserHarness) => void | Promise<void>): void => {
  let running: BrowserHarness | undefined;
  beforeAll(async () => {
    running = await startBrowserHarness();
    await ready(running);
  });
  afterAll(async () => { await running?.close(); });
};

/** Signs a demo account in on the console's login page and waits until the console is shown. */
export const signInPage = async (page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> => {
  await page.goto(`${base}/console/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/console') && !u.pathname.includes('login'));
};

/**
 * A fresh browser context signed in as a demo account (Chinese, Beijing time, less motion),
 * with the page's console errors and uncaught exceptions collected: a screen that logs an
 * error is not done, whatever it shows.
 */
export const openSignedIn = async (
  running: { browser: Browser; base: string }, username: string, viewport = desktop, extra: Pick<BrowserContextOptions, 'permissions' | 'geolocation'> = {},
): Promise<{ page: Page; errors: string[] }> => {
  const context = await running.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce', ...extra });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  await signInPage(page, running.base, username);
  return { page, errors };
};

/** Waits until the page's requests are done and no skeleton or spinner is left. */
export const settle = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
};

/**
 * Chooses an option of an antd select. A busy machine draws the list late, and a click on an
 * option still moving can miss: the choice is made again until the field shows it.
 */
export const chooseOption = async (page: Page, select: Locator, option: RegExp): Promise<void> => {
  await expect.poll(async () => {
    if (await select.filter({ hasText: option }).count() === 1) return true;
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 5_000 }).catch(() => undefined);
    return (await select.filter({ hasText: option }).count()) === 1;
  }, { timeout: 30_000 }).toBe(true);
};
