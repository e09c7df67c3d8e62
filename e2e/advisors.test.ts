import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, openSignedIn, phone, settle, shoot, useBrowserHarness } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 20_000 };

describe('legal advisors in the browser', () => {
  it('the advisor gives an opinion with an issue from his queue; the clerk records how the issue was dealt with', async () => {
    // The office's contract waiting in the demo town (西营村村道维修工程施工合同审查) is 西营村's, routed to guwen; a new one of 党政办's goes to the township's advisor, guwen too.
    const { page: advisor, errors } = await openSignedIn({ browser, base }, 'guwen');
    await advisor.goto(`${base}/console/advisors`);
    await settle(advisor);
    await expect.poll(() => advisor.getByText('西营村村道维修工程施工合同审查').isVisible(), soon).toBe(true);
    await shoot(advisor, 'advisors-queue-desktop');
    await advisor.getByText('西营村村道维修工程施工合同审查').click();
    await advisor.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/);
    const header = advisor.locator('.fz-case-header');
    await header.getByRole('button', { name: '受理审查' }).click();
    await advisor.getByRole('dialog').getByRole('button', { name: /受理审查|确认/ }).last().click();
    await expect.poll(() => header.getByText('审查中', { exact: true }).isVisible(), soon).toBe(true);
    await header.getByRole('button', { name: '出具审查意见' }).click();
    const drawer = advisor.getByRole('dialog');
    await drawer.getByText('修改后同意', { exact: true }).click();
    await drawer.getByLabel('审查意见（主体、权限、程序、内容是否合法，风险提示）').fill('合同主体适格，工期和质量保证条款需完善。');
    await drawer.getByTestId('opinion-add-issue').click();
    await drawer.getByLabel('问题').fill('未约定质量保证金');
    await drawer.getByLabel('修改建议').fill('增加质量保证金条款');
    await drawer.getByLabel('审查用时（小时）').fill('1.5');
    await drawer.getByRole('button', { name: /出具审查意见|确认/ }).last().click();
    await expect.poll(() => header.getByText('已出具意见（待反馈采纳情况）', { exact: true }).isVisible(), soon).toBe(true);
    const panel = advisor.getByTestId('legal-review-issues');
    await expect.poll(() => panel.getByText('未约定质量保证金').isVisible(), soon).toBe(true);
    await shoot(advisor, 'advisors-opinion-desktop');
    const caseUrl = advisor.url();
    expect(errors).toEqual([]);
    await advisor.context().close();

    // The clerk of 党政办 records the resolution, on a phone.
    const { page: clerk, errors: clerkErrors } = await openSignedIn({ browser, base }, 'dangzheng', phone);
    await clerk.goto(caseUrl);
    await settle(clerk);
    await clerk.getByRole('button', { name: '反馈意见采纳情况' }).first().click();
    const form = clerk.getByRole('dialog');
    await form.getByTestId('resolve-outcome-1').getByText('未采纳').click();
    await form.getByRole('button', { name: /反馈意见采纳情况|确认/ }).last().click();
    // Not adopted needs its reason: the form says so and nothing is sent.
    await expect.poll(() => form.getByText('不采纳的，请说明理由').isVisible(), soon).toBe(true);
    await form.getByLabel('处理说明').fill('保证金已在招标文件中约定');
    await form.getByRole('button', { name: /反馈意见采纳情况|确认/ }).last().click();
    await expect.poll(() => clerk.getByText('已反馈采纳情况', { exact: true }).first().isVisible(), soon).toBe(true);
    await expect.poll(() => clerk.getByTestId('legal-review-issues').getByText('保证金已在招标文件中约定').isVisible(), soon).toBe(true);
    await shoot(clerk, 'advisors-resolved-phone');
    const stored = await h.db.query<{ outcome: string; handling: string }>(
      "SELECT i.outcome, i.handling FROM legal_review_issues i JOIN cases k ON k.id = i.case_id WHERE k.title = '西营村村道维修工程施工合同审查'");
    expect(stored.rows).toEqual([{ outcome: '未采纳', handling: '保证金已在招标文件中约定' }]);
    expect(clerkErrors).toEqual([]);
    await clerk.context().close();
  }, 150_000);

  it('shows the service log with its hours and the villages\' advisors, at desktop and phone widths', async () => {
    for (const [viewport, name] of [[desktop, 'desktop'], [phone, 'phone']] as const) {
      const { page, errors } = await openSignedIn({ browser, base }, 'dangzheng', viewport);
      await page.goto(`${base}/console/advisors`);
      await settle(page);
      await shoot(page, `advisors-queue-${name}`);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `queue ${name}`).toBeLessThanOrEqual(viewport.width);
      await page.getByRole('tab', { name: '服务台账' }).click();
      await page.locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('2023', { exact: true }).click();
      await expect.poll(() => page.getByTestId('advisor-hours').textContent(), soon).toMatch(/全年 98 次/);
      await shoot(page, `advisors-services-${name}`);
      await page.getByRole('tab', { name: '村（社区）法律顾问' }).click();
      await expect.poll(() => page.getByTestId('advisor-coverage').textContent(), soon).toBe('18/18 个村（社区）配备了法律顾问');
      await shoot(page, `advisors-advisors-${name}`);
      // Nothing wider than the screen on a phone.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), name).toBeLessThanOrEqual(viewport.width);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  }, 150_000);
});
