import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { chooseOption, desktop, phone, shoot, useBrowserHarness, openSignedIn, settle } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 10_000 };

const openAs = (username: string, viewport = desktop) => openSignedIn({ browser, base }, username, viewport);

describe('the complaint desk', () => {
  it('a clerk registers a phone complaint, records the reply, and the complainant rates it on the tracking page', async () => {
    const { page, errors } = await openAs('xinfang');
    await page.goto(`${base}/console/complaints`);
    await settle(page);
    await expect.poll(() => page.getByText('投诉件办理台').isVisible(), soon).toBe(true);
    await shoot(page, 'complaints-desk');
    await page.getByTestId('complaint-new').click();
    await page.waitForURL((u) => u.pathname === '/console/complaints/new');
    await settle(page);
    // 电话 is the default channel; the category, the matter, the complainant.
    await chooseOption(page, page.locator('.ant-select').filter({ has: page.locator('#complaint-intake_category') }), /工作作风/);
    await page.locator('#complaint-intake_subject').fill('东营村村委会值班');
    await page.locator('#complaint-intake_facts').fill('工作日上午到村委会开证明，值班室没有人，打电话也无人接听。');
    await page.locator('#complaint-intake_complainant_name').fill('周春燕');
    await page.locator('#complaint-intake_complainant_phone').fill('13612345678');
    await shoot(page, 'complaints-intake');
    await page.getByTestId('complaint-submit').click();
    const codes = page.getByTestId('complaint-codes');
    await expect.poll(() => codes.isVisible(), soon).toBe(true);
    const [, no, code] = /受理编号 (\S+)，查询码 (\d{6})/.exec(await codes.innerText()) ?? [];
    expect(no).toBeTruthy();
    await page.getByRole('button', { name: '打开该投诉件' }).click();
    await page.waitForURL((u) => /\/console\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await settle(page);
    await expect.poll(() => page.getByText('答复期限').first().isVisible(), soon).toBe(true);
    // 记录答复: what was said and how (a choice from the step's schema).
    await page.getByRole('button', { name: '记录答复' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').first().fill('已约谈该村党支部书记，落实坐班值班并公示值班电话，证明已开具。');
    await chooseOption(page, dialog.locator('.ant-select').first(), /^电话$/);
    await shoot(page, 'complaints-reply');
    await dialog.getByRole('button', { name: /确认/ }).click();
    // Recorded: the case is answered in the database (the state's name is also on the progress line before it is reached).
    await expect.poll(async () => (await h.db.query<{ status: string }>('SELECT status FROM cases WHERE tracking_no = $1', [no])).rows[0]?.status, { timeout: 15_000 }).toBe('replied');
    await expect.poll(() => page.getByText('已答复（待评价）').first().isVisible(), soon).toBe(true);
    await shoot(page, 'complaints-case');

    // The complainant, on a phone: the tracking page shows the dated steps and asks for the rating.
    const context = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const citizen = await context.newPage();
    citizen.on('pageerror', (e) => errors.push(`${citizen.url()}: ${e.message}`));
    await citizen.goto(`${base}/track?no=${no ?? ''}`);
    await citizen.getByLabel('查询码').fill(code ?? '');
    await citizen.getByRole('button', { name: /查\s*询/ }).click();
    const rate = citizen.getByTestId('complaint-satisfaction');
    await expect.poll(() => rate.isVisible(), soon).toBe(true);
    await expect.poll(() => citizen.getByText('已答复，请评价').first().isVisible(), soon).toBe(true);
    await shoot(citizen, 'complaints-track-phone');
    await rate.getByText('基本满意').click();
    await rate.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => citizen.getByText('感谢您的评价').isVisible(), soon).toBe(true);
    await expect.poll(() => citizen.getByText('已办结').first().isVisible(), soon).toBe(true);
    await shoot(citizen, 'complaints-rated-phone');
    const id = (await h.db.query<{ id: string; status: string }>('SELECT id, status FROM cases WHERE tracking_no = $1', [no])).rows[0];
    expect(id?.status).toBe('closed');
    expect(errors).toEqual([]);
  }, 120_000);
});
