import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const signIn = (page: Page, username: string): Promise<void> => signInPage(page, base, username);

describe('major decisions in the browser', () => {
  it('a resident comments on a draft from a phone; the office sees it masked on the case page and answers it', async () => {
    const citizen = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await citizen.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('service-decisions').click();
    await page.waitForURL((u) => u.pathname === '/decisions');
    await page.getByText(/农村公益性公墓建设规划/).first().click();
    await page.waitForURL((u) => /^\/decisions\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect.poll(() => page.getByText('规划建设农村公益性公墓3处').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByLabel('意见内容').fill('建议公墓周边种植绿化带，并修通机耕路。');
    await page.getByLabel('姓名（选填）').fill('赵红梅');
    await page.getByLabel('联系电话（选填）').fill('13900139000');
    await shoot(page, 'decision-comment-phone');
    await page.getByTestId('decision-comment-submit').click();
    await expect.poll(() => page.getByTestId('decision-comment-thanks').isVisible(), { timeout: 30_000 }).toBe(true);
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';

    const office = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const desk = await office.newPage();
    await signIn(desk, 'dangzheng');
    await desk.goto(`${base}/console/decisions`);
    await expect.poll(() => desk.getByText('重大行政决策登记簿').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => desk.getByText(/农村公益性公墓建设规划/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'decision-register-desktop');
    await desk.goto(`${base}/console/cases/${caseId}`);
    const panel = desk.getByTestId('decision-comments');
    await expect.poll(() => panel.getByText('建议公墓周边种植绿化带，并修通机耕路。').isVisible(), { timeout: 30_000 }).toBe(true);
    // Masked on screen: the name's first character and the phone's ends only.
    expect(await panel.textContent()).toContain('赵**');
    expect(await panel.textContent()).toContain('139****9000');
    expect(await panel.textContent()).not.toContain('13900139000');
    await shoot(desk, 'decision-case-desktop');
    await panel.getByRole('button', { name: /答\s*复/ }).first().click();
    await desk.getByLabel('答复内容').fill('已在规划中增加绿化带和道路建设内容。');
    await desk.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => panel.getByText('已在规划中增加绿化带和道路建设内容。').isVisible(), { timeout: 30_000 }).toBe(true);
    const stored = (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_comments WHERE case_id = $1 AND answer IS NOT NULL', [caseId])).rows[0]?.n;
    expect(stored).toBe(1);
  }, 120_000);
});
