import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 20_000 };

describe('rule-of-law meetings in the browser', () => {
  it('the office registers a leadership group meeting and records it held, the quorum checked', async () => {
    const page = await (await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signInPage(page, base, 'dangzheng');
    await page.goto(`${base}/console/meetings`);
    // The leadership group's four meetings of 2023, under their kind.
    await page.locator('.ant-segmented').getByText('法治建设领导小组会议', { exact: true }).click();
    // Polled, not read once: until the filtered list arrives the register still shows every kind,
    // where some of the group's meetings may already be on the first page.
    // Four rows, all the group's: the other kinds are filtered out.
    await expect.poll(async () => [await page.locator('.ant-table-tbody tr.ant-table-row').count(),
      await page.getByText(/^2023年第\d次法治建设工作领导小组会议$/).count()], soon).toEqual([4, 4]);
    await expect.poll(() => page.getByText('2023年第4次法治建设工作领导小组会议').isVisible(), soon).toBe(true);
    await shoot(page, 'meetings-register');
    await page.getByTestId('meeting-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('meeting-kind').click();
    await expect.poll(async () => {
      await page.locator('.ant-select-dropdown:visible').getByTitle('法治建设领导小组会议', { exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
      return dialog.getByTestId('meeting-kind').getByTitle('法治建设领导小组会议').isVisible();
    }, soon).toBe(true);
    await dialog.getByLabel('名称').fill('本年第1次法治建设工作领导小组会议');
    await dialog.getByLabel('拟议议题或学习内容').fill('听取法治建设工作汇报');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/);
    const header = page.locator('.fz-case-header');
    await header.getByRole('button', { name: '记录会议召开情况' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('主持人').fill('党委书记');
    await drawer.getByLabel('应到人数（组成人员）').fill('11');
    await drawer.getByLabel('实到人数').fill('5');
    await drawer.getByLabel('出席人员（以顿号分隔）').fill('党委书记、杨镇长、李副镇长、司法所长、派出所长');
    await drawer.getByLabel('议题或学习内容').fill('听取法治建设工作汇报');
    await drawer.getByRole('button', { name: /记录会议召开情况|确认/ }).last().click();
    // Five of eleven is no quorum: the clerk is told so, in Chinese, and nothing is recorded.
    await expect.poll(() => page.getByText(/出席会议的人数不足/).first().isVisible(), soon).toBe(true);
    await shoot(page, 'meeting-no-quorum');
    await drawer.getByLabel('实到人数').fill('6');
    await drawer.getByLabel('出席人员（以顿号分隔）').fill('党委书记、杨镇长、李副镇长、王副镇长、司法所长、派出所长');
    await drawer.getByRole('button', { name: /记录会议召开情况|确认/ }).last().click();
    await expect.poll(() => header.getByText('已召开（纪要待签发）', { exact: true }).isVisible(), soon).toBe(true);
    await shoot(page, 'meeting-held');
    const stored = await h.db.query<{ status: string; present: string }>("SELECT status, steps -> 'hold' ->> 'present' AS present FROM cases WHERE title = '本年第1次法治建设工作领导小组会议'");
    expect(stored.rows).toEqual([{ status: 'held', present: '6' }]);
    await page.context().close();
  }, 120_000);
});
