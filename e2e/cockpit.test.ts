import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Cockpit } from '@fazhi/contracts';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const signedIn = async (username: string, viewport = desktop): Promise<Page> => {
  const page = await (await browser.newContext({ viewport, locale: 'zh-CN' })).newPage();
  await signInPage(page, base, username);
  return page;
};

describe('the cockpit in the browser', () => {
  it('is the town leader\'s home page: the figure is the API\'s, and it opens its records', async () => {
    const api = (await (await h.signIn('leader')).get('/api/cockpit?year=2023')).body as Cockpit;
    const received = api.figures.find((f) => f.code === 'mediation.received');
    expect(received?.value).toBe(143);
    const page = await signedIn('leader');
    await page.goto(`${base}/console?year=2023`);
    const value = page.getByTestId('cockpit-value-mediation.received');
    await expect.poll(() => value.textContent(), { timeout: 15_000 }).toBe(String(received?.value));
    await expect.poll(() => page.getByTestId('cockpit-value-petition.received').textContent())
      .toBe(String(api.figures.find((f) => f.code === 'petition.received')?.value));
    await page.waitForLoadState('networkidle');
    await shoot(page, 'cockpit-township');
    await page.getByTestId('cockpit-figure-mediation.received').click();
    const title = page.getByTestId('metric-drawer-title');
    await expect.poll(() => title.textContent(), { timeout: 15_000 }).toBe('受理纠纷：143 件');
    await expect.poll(() => page.getByText('共 143 条').isVisible(), { timeout: 15_000 }).toBe(true);
    await shoot(page, 'cockpit-township-records');
    await page.context().close();
  });

  it('shows the county its townships side by side with the total', async () => {
    const page = await signedIn('county');
    await page.goto(`${base}/console?year=2023`);
    await expect.poll(() => page.getByTestId('cockpit-total-mediation.received').textContent(), { timeout: 15_000 }).toBe('143');
    await expect.poll(() => page.getByTestId('cockpit-table').getByText('张八桥镇').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'cockpit-county');
    await page.context().close();
  });

  it('stays one click away for staff whose home page is their work', async () => {
    const page = await signedIn('sifa');
    await expect.poll(() => page.getByTestId('home-stat-overdue').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('home-cockpit-link').click();
    await page.waitForURL(/\/console\/cockpit/);
    await page.goto(`${base}/console/cockpit?year=2023`);
    await expect.poll(() => page.getByTestId('cockpit-value-mediation.received').textContent(), { timeout: 15_000 }).toBe('143');
    // Only the modules the clerk reads.
    expect(await page.getByTestId('cockpit-value-petition.received').count()).toBe(0);
    // The statistics page opens its figures' cases in the same drawer, with mediation's columns.
    await page.goto(`${base}/console/mediation/stats?year=2023&drill=received`);
    await expect.poll(() => page.getByText('受理纠纷（143 起）').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('共 143 条').isVisible(), { timeout: 15_000 }).toBe(true);
    await shoot(page, 'mediation-stats-drawer');
    await page.context().close();
  });

  it('reads on a phone', async () => {
    const page = await signedIn('leader', phone);
    await page.goto(`${base}/console?year=2023`);
    await expect.poll(() => page.getByTestId('cockpit-value-mediation.received').textContent(), { timeout: 15_000 }).toBe('143');
    await page.waitForLoadState('networkidle');
    await shoot(page, 'cockpit-phone');
    await page.context().close();
  });
});
