import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { openSignedIn, phone, settle, shoot, useBrowserHarness } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 20_000 };

describe('the leadership group in the browser', () => {
  it('shows the 2023 roster and plan, and the office records an item spent from the budget line', async () => {
    const { page, errors } = await openSignedIn({ browser, base }, 'dangzheng');
    await page.goto(`${base}/console/leadership`);
    await settle(page);
    await page.getByTestId('roster-on').click();
    await page.getByTestId('roster-on').fill('2023-06-30');
    await page.keyboard.press('Enter');
    // 王志强 left the group on 31 August 2023: on 30 June he sat in it, under the secretary.
    await expect.poll(() => page.getByText('王志强', { exact: true }).isVisible(), soon).toBe(true);
    expect(await page.getByText('吕跃红', { exact: true }).isVisible()).toBe(true);
    await shoot(page, 'leadership-roster');

    await page.getByRole('tab', { name: '实施方案与督办' }).click();
    await page.getByTestId('plan-year').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('2023', { exact: true }).click();
    await expect.poll(() => page.getByText('张八桥镇2023年法治政府建设实施方案').first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByTestId('plan-tasks').locator('tbody tr.ant-table-row').count(), soon).toBe(12);
    expect(await page.getByText('逾期完成', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), soon).toBe(0);
    await shoot(page, 'leadership-plan');

    await page.getByRole('tab', { name: '法治建设经费' }).click();
    await page.getByTestId('budget-year').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('2023', { exact: true }).click();
    await expect.poll(() => page.getByText('¥46,650.50').isVisible(), soon).toBe(true);
    await page.getByTestId('spend-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('支出日期').fill('2023-12-20');
    await page.keyboard.press('Enter');
    // A float-like or negative amount is refused in the form, in Chinese.
    await dialog.getByLabel('金额（元）').fill('-5');
    await dialog.getByLabel('用途').fill('宪法宣传周活动');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => dialog.getByText('请填写不小于0的金额，最多两位小数').isVisible(), soon).toBe(true);
    await dialog.getByLabel('金额（元）').fill('1200.25');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByText('¥47,850.75').isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText('¥2,149.25').isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByRole('dialog').count(), soon).toBe(0);
    await shoot(page, 'leadership-budget');
    const stored = await h.db.query<{ amount: string; spent_on: string }>("SELECT amount::text, to_char(spent_on, 'YYYY-MM-DD') AS spent_on FROM governance_spending WHERE purpose = '宪法宣传周活动'");
    expect(stored.rows).toEqual([{ amount: '1200.25', spent_on: '2023-12-20' }]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('fits a phone: the plan list scrolls inside its table, not the page', async () => {
    const { page, errors } = await openSignedIn({ browser, base }, 'dangzheng', phone);
    await page.goto(`${base}/console/leadership?tab=plan`);
    await settle(page);
    await page.getByTestId('plan-year').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('2023', { exact: true }).click();
    await expect.poll(() => page.getByTestId('plan-tasks').locator('tbody tr.ant-table-row').count(), soon).toBe(12);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), soon).toBe(0);
    await shoot(page, 'leadership-plan-phone');
    await page.goto(`${base}/console/leadership?tab=budget`);
    await settle(page);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shoot(page, 'leadership-budget-phone');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('the office supervises a lagging task on its case page; the owner is notified and replies', async () => {
    const today = h.platform.cases.today();
    const shift = (n: number): string => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const clerk = await h.signIn('dangzheng');
    const plan = await clerk.post('/api/governance/plans', { townshipId: await h.orgId('zhangbaqiao'), year: Number(today.slice(0, 4)), title: '本年度补充实施方案', adoptedOn: shift(-6) });
    expect(plan.status).toBe(200);
    const sifaId = await h.userId('sifa');
    const task = await clerk.post('/api/cases', { type: 'plan_task', orgId: await h.orgId('sfs'), title: '补充任务：法律明白人回访', category: '普法与学法', receivedOn: shift(-5),
      assigneeIds: [sifaId], data: { planId: plan.body.id, dueOn: shift(-2), owner: '王芳' } });
    expect(task.status, JSON.stringify(task.body)).toBe(200);

    const office = await openSignedIn({ browser, base }, 'dangzheng');
    await office.page.goto(`${base}/console/cases/${task.body.id}`);
    await settle(office.page);
    await office.page.locator('.fz-case-header').getByRole('button', { name: '督办', exact: true }).click();
    const drawer = office.page.getByRole('dialog');
    await drawer.getByLabel('督办意见').fill('任务已逾期，请抓紧完成');
    await drawer.getByLabel('回复期限').fill(shift(5));
    await drawer.getByLabel('督办意见').click();
    await drawer.getByRole('button', { name: /督办|确认/ }).last().click();
    await expect.poll(() => office.page.getByText('任务已逾期，请抓紧完成').first().isVisible(), soon).toBe(true);
    await expect.poll(() => office.page.locator('.ant-drawer-open').count(), soon).toBe(0);
    await shoot(office.page, 'leadership-task-supervised');
    expect(office.errors).toEqual([]);
    await office.page.context().close();

    const owner = await openSignedIn({ browser, base }, 'sifa');
    await owner.page.goto(`${base}/console/notifications`);
    await expect.poll(() => owner.page.getByText(/督办通知/).first().isVisible(), soon).toBe(true);
    await owner.page.goto(`${base}/console/cases/${task.body.id}`);
    await settle(owner.page);
    await owner.page.locator('.fz-case-header').getByRole('button', { name: '回复督办' }).click();
    const reply = owner.page.getByRole('dialog');
    await reply.getByLabel('办理情况回复').fill('已完成回访12个村，本周内全部完成');
    await reply.getByRole('button', { name: /回复督办|确认/ }).last().click();
    await expect.poll(() => owner.page.getByText('已完成回访12个村，本周内全部完成').first().isVisible(), soon).toBe(true);
    await expect.poll(() => owner.page.locator('.ant-drawer-open').count(), soon).toBe(0);
    await shoot(owner.page, 'leadership-task-replied');
    const events = await h.db.query<{ transition: string }>("SELECT transition FROM case_events WHERE case_id = $1 AND transition IS NOT NULL ORDER BY id", [task.body.id]);
    expect(events.rows.map((e) => e.transition)).toEqual(['supervise', 'reply_supervision']);
    expect(owner.errors).toEqual([]);
    await owner.page.context().close();
  }, 120_000);
});
