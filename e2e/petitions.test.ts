import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, shoot, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;
let running: BrowserHarness | undefined;

beforeAll(async () => {
  running = await startBrowserHarness();
  ({ h, browser, base } = running);
});
afterAll(async () => { await running?.close(); });

const signIn = async (page: Page, username: string): Promise<void> => {
  await page.goto(`${base}/console/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill('Fazhi@2023demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/console') && !u.pathname.includes('login'));
};

describe('petitions in the browser', () => {
  it('a clerk registers a walk-in petition at the counter and routes it to the court; the petitioner\'s tracking page shows the step', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, 'xinfang');
    await page.goto(`${base}/console/petitions`);
    await page.getByRole('tab', { name: '全部在办' }).click();
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shoot(page, 'petition-desk');
    await page.getByTestId('petition-new').click();
    await page.waitForURL(/\/console\/petitions\/new$/);
    await page.getByLabel('姓名').fill('王建国');
    await page.getByLabel('联系电话').fill('13903751234');
    await page.getByLabel('事项类别').click();
    await page.getByLabel('事项类别').fill('涉法涉诉');
    await page.keyboard.press('Enter');
    await page.getByLabel('事项标题').fill('对民间借贷判决执行不满');
    await page.getByLabel('信访请求').fill('请求督促法院执行生效判决');
    await page.getByLabel('事实和理由').fill('本人胜诉的民间借贷案件判决生效后，对方至今未履行。');
    await shoot(page, 'petition-intake');
    await page.getByTestId('petition-submit').click();
    // The clerk hands the petitioner the number and the code, shown this once.
    const trackingNo = ((await page.getByTestId('tracking-no').textContent({ timeout: 15_000 })) ?? '').trim();
    const queryCode = ((await page.getByTestId('query-code').textContent()) ?? '').trim();
    expect(queryCode).toMatch(/^\d{6}$/);
    await shoot(page, 'petition-registered');
    await page.getByTestId('petition-open').click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const row = (await h.db.query<{ tracking_no: string; channel: string }>("SELECT tracking_no, data ->> 'channel' AS channel FROM cases WHERE id = $1", [caseId])).rows[0];
    expect(row).toEqual({ tracking_no: trackingNo, channel: '走访' });
    await expect.poll(() => page.getByTestId('petition-panel').isVisible(), { timeout: 15_000 }).toBe(true);

    // 依法分流 through the engine's own step (its fields from the case type's schema).
    await page.getByRole('button', { name: '依法分流（导入法定途径）' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('法定途径').click();
    await page.getByTitle('诉讼', { exact: true }).click();
    // The choice is in the field before the form is sent (a busy machine draws the list late).
    await expect.poll(() => dialog.locator('.ant-select').filter({ hasText: '诉讼' }).count(), { timeout: 10_000 }).toBe(1);
    await dialog.getByLabel('有权处理的机关').fill('宝丰县人民法院');
    await dialog.getByLabel('告知内容').fill('已告知信访人依法向宝丰县人民法院申请强制执行。');
    await dialog.getByRole('button', { name: '确认依法分流（导入法定途径）' }).click();
    await expect.poll(async () => (await h.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status, { timeout: 15_000 }).toBe('routed');
    await expect.poll(() => page.getByText('诉讼 → 宝丰县人民法院').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('petition-doc-routing_notice').isDisabled()).toBe(false);
    await shoot(page, 'petition-case-routed');

    // The petitioner follows it on a phone with the number and the code.
    const citizen = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const mobile = await citizen.newPage();
    await mobile.goto(`${base}/track?no=${trackingNo}`);
    await mobile.getByLabel('查询码').fill(queryCode);
    await mobile.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => mobile.getByText('已告知依法通过法定途径处理').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shoot(mobile, 'petition-tracking-phone');
    await citizen.close();
    await context.close();
  }, 120_000);
});
