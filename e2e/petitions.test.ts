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
    // The choice is in the field before the form is sent: a busy machine draws the list late, and a
    // click on an option still moving can miss, so the choice is made again until it shows.
    await expect.poll(async () => {
      if (await dialog.locator('.ant-select').filter({ hasText: '诉讼' }).count() === 1) return true;
      await dialog.getByLabel('法定途径').click();
      await page.getByTitle('诉讼', { exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
      return dialog.locator('.ant-select').filter({ hasText: '诉讼' }).count().then((n) => n === 1);
    }, { timeout: 30_000 }).toBe(true);
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

  it('a clerk refers an accepted dispute to the village\'s mediators; the linked mediation case opens from the petition', async () => {
    const row = (await h.db.query<{ id: string }>(
      `SELECT k.id FROM cases k WHERE k.case_type = 'petition' AND k.status = 'accepted'
          AND EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = k.id) ORDER BY k.ref DESC LIMIT 1`)).rows[0];
    if (!row) throw new Error('no accepted demo petition');
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, 'xinfang');
    await page.goto(`${base}/console/cases/${row.id}`);
    await page.getByTestId('petition-refer-mediation').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('调解组织所在村（或乡镇调委会）').click();
    await page.keyboard.type('东营村');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('.ant-select').filter({ hasText: '东营村' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => {
      if (await dialog.locator('.ant-select').filter({ hasText: '邻里' }).count() === 1) return true;
      await dialog.getByLabel('纠纷类别').click();
      await page.getByTitle('邻里', { exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
      return dialog.locator('.ant-select').filter({ hasText: '邻里' }).count().then((n) => n === 1);
    }, { timeout: 30_000 }).toBe(true);
    await dialog.getByLabel('被申请人（对方当事人）').fill('赵某');
    await dialog.getByLabel('转调解说明').fill('双方均同意由东营村人民调解委员会调解。');
    await shoot(page, 'petition-refer-mediation');
    // Without both parties' consent the form says why and sends nothing.
    await dialog.getByRole('button', { name: '确认转调解' }).click();
    await expect.poll(() => dialog.getByText('须经双方当事人同意才能转人民调解').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByLabel('双方当事人均已同意人民调解').check();
    await dialog.getByRole('button', { name: '确认转调解' }).click();
    // The petition office sees where it went; the village's mediator opens it.
    const referred = page.getByTestId('petition-mediation-case');
    await expect.poll(() => referred.isVisible(), { timeout: 15_000 }).toBe(true);
    const ref = /张八桥-调-\d{4}-\d{4}/.exec((await referred.textContent()) ?? '')?.[0] ?? '';
    expect(ref).not.toBe('');
    await shoot(page, 'petition-referred');
    const made = (await h.db.query<{ id: string }>('SELECT id FROM cases WHERE ref = $1', [ref])).rows[0]?.id ?? '';
    const village = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const mediatorPage = await village.newPage();
    await signIn(mediatorPage, 'tiaojie1');
    await mediatorPage.goto(`${base}/console/cases/${made}`);
    await expect.poll(() => mediatorPage.locator('.fz-case-header').getByText('（信访转人民调解）', { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shoot(mediatorPage, 'petition-referred-mediation-case');
    await village.close();
    await context.close();
  }, 120_000);
});
