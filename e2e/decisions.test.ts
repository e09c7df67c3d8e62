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
  it('the office keeps the year\'s catalogue, sees each item\'s decision and the meeting that decided it; the portal shows it on a phone', async () => {
    const office = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const desk = await office.newPage();
    await signIn(desk, 'dangzheng');
    // The register: a draft open for comment shows its minimum period with the day it ends.
    await desk.goto(`${base}/console/decisions`);
    await expect.poll(() => desk.getByTestId('waiting-comment').first().isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await desk.getByTestId('waiting-comment').first().textContent()).toMatch(/公开征求意见期间至\d{2}-\d{2}/);
    await desk.goto(`${base}/console/decisions?tab=catalogue`);
    const catalogue = desk.getByTestId('decision-catalogue');
    await expect.poll(() => catalogue.getByText('张八桥镇2023年镇区污水管网建设项目').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await desk.getByTestId('catalogue-status').textContent()).toBe('已公布');
    expect(await catalogue.textContent()).toContain('目录事项5项，已启动决策5项，已作出决定5项');
    expect(await catalogue.textContent()).toContain('县发展改革委统一制定全县停车收费标准');
    await shoot(desk, 'decision-catalogue-desktop');
    // From the item to its decision, from the decision to the meeting that decided it, and back through the meeting's agenda.
    await catalogue.getByTestId('catalogue-decision').first().click();
    await desk.waitForURL((u) => /^\/console\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    const decisionUrl = desk.url();
    const links = desk.getByTestId('decision-links');
    await expect.poll(() => links.getByText(/2023年决策事项目录第1项/).isVisible(), { timeout: 30_000 }).toBe(true);
    await links.getByTestId('decision-meeting-link').first().click();
    await desk.waitForURL((u) => u.href !== decisionUrl);
    const agenda = desk.getByTestId('meeting-agenda');
    await expect.poll(() => agenda.getByText('本次会议作出决定').isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'meeting-agenda-desktop');
    // The township's standards, read on the register; set by the administrator on the settings screen.
    await desk.goto(`${base}/console/decisions?tab=settings`);
    await expect.poll(() => desk.getByTestId('decision-settings').getByText('涉及资金50万元以上').isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'decision-settings-desktop');
    const adminPage = await (await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signIn(adminPage, 'admin');
    await adminPage.goto(`${base}/console/calendar`);
    await expect.poll(() => adminPage.getByTestId('decision-settings-form').isVisible(), { timeout: 30_000 }).toBe(true);
    await adminPage.getByTestId('decision-settings-card').scrollIntoViewIfNeeded();
    await shoot(adminPage, 'decision-settings-admin');
    // The leader reads the catalogue but has nothing to add to it.
    const lead = await (await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signIn(lead, 'leader');
    await lead.goto(`${base}/console/decisions?tab=catalogue`);
    await expect.poll(() => lead.getByText('张八桥镇2023年镇区污水管网建设项目').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await lead.getByTestId('catalogue-add').count()).toBe(0);
    // At phone width the catalogue's table scrolls inside its card; the page stays the screen's width.
    const small = await (await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signIn(small, 'dangzheng');
    await small.goto(`${base}/console/decisions?tab=catalogue`);
    await expect.poll(() => small.getByText('张八桥镇2023年镇区污水管网建设项目').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await small.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shoot(small, 'decision-catalogue-phone');
    await small.goto(`${base}/console/decisions`);
    await expect.poll(() => small.getByTestId('waiting-comment').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(small, 'decision-register-phone');

    const citizen = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await citizen.newPage();
    await page.goto(`${base}/decisions`);
    await page.getByTestId('public-catalogue-link').click();
    await page.waitForURL((u) => u.pathname === '/decisions/catalogue');
    await expect.poll(() => page.getByText('2023年度重大行政决策事项目录').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('public-catalogue').first().textContent()).toContain('镇党委2023-01-16同意');
    // Phone width: nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shoot(page, 'decision-catalogue-portal-phone');
  }, 180_000);
});
