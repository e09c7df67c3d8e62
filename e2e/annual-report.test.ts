import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AnnualReportView } from '@fazhi/contracts';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, screenshotDir, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const signIn = (page: Page, username: string): Promise<void> => signInPage(page, base, username);

/** The screen as seen (a drawer or the editor's bar over a long page reads better than the whole page). */
const shootView = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
};

const reportOf = async (year: number): Promise<string> =>
  (await h.db.query<{ case_id: string }>("SELECT r.case_id FROM annual_reports r JOIN orgs t ON t.id = r.township_id WHERE t.code = 'zhangbaqiao' AND r.year = $1", [year])).rows[0]?.case_id ?? '';
const versions = async (id: string): Promise<number> =>
  (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM annual_report_versions WHERE case_id = $1', [id])).rows[0]?.n ?? 0;

describe('the annual report in the browser', () => {
  it('the drafter opens the 2023 report from the list: the figures as chips, the pasted town name flagged in place, a figure inserted and saved, a stale save reloaded', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, 'dangzheng');
    await page.goto(`${base}/console/annual-reports`);
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(2);
    await shoot(page, 'annual-report-list');
    await page.getByTestId('report-2023').click();
    const id = await reportOf(2023);
    await page.waitForURL(`${base}/console/cases/${id}`);

    // The seed's sentence with its figures as live fields, and the paste from 岩头寨镇 flagged under its paragraph.
    const received = page.getByTestId('figure-mediation.received').first();
    await expect.poll(() => received.textContent(), { timeout: 15_000 }).toBe('143');
    expect(await page.getByTestId('figure-mediation.resolved').first().textContent()).toBe('138');
    const finding = page.getByTestId('report-finding').filter({ hasText: '岩头寨镇' });
    expect(await finding.count()).toBe(1);
    expect(await finding.textContent()).toContain('疑似他乡镇名称');
    expect(await page.getByTestId('report-checks').textContent()).toContain('序号不连续');
    await shoot(page, 'annual-report-editor');
    // The office may not read mediation records: the chip opens the references behind the figure, nothing of the cases.
    await received.click();
    const refs = page.getByTestId('figure-records');
    await expect.poll(() => refs.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(20);
    expect(await refs.textContent()).toContain('共 143 条');
    expect(await refs.locator('.ant-table-row').first().locator('a').count()).toBe(0);
    await shoot(page, 'annual-report-figure-refs');
    await page.keyboard.press('Escape');
    await expect.poll(() => refs.isVisible()).toBe(false);

    // The Word document in the official layout.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect((await readFile(await download.path())).subarray(0, 2).toString()).toBe('PK');

    // 编辑: a figure inserted where the cursor is, saved as version 2.
    await page.getByTestId('report-edit').click();
    const area = page.locator('.fz-report-editor__area').first();
    await area.click();
    await area.press('ControlOrMeta+End');
    await page.getByTestId('report-insert-figure').click();
    await page.keyboard.type('mediation.resolved');
    await page.getByTitle('调解成功（mediation.resolved）').click();
    await expect.poll(() => area.inputValue()).toMatch(/\{\{mediation\.resolved\}\}$/);
    await area.press('ControlOrMeta+End');
    await area.pressSequentially('起。');
    // The pasted town name is flagged under its paragraph in the editor too, and corrected there.
    const flagged = page.getByTestId('report-editor').getByTestId('report-finding').filter({ hasText: '岩头寨镇' });
    expect(await flagged.count()).toBe(1);
    await flagged.scrollIntoViewIfNeeded();
    await shootView(page, 'annual-report-editing');
    const areas = page.locator('.fz-report-editor__area');
    const pasted = await areas.evaluateAll((els) => els.findIndex((e) => (e as unknown as { value: string }).value.includes('岩头寨镇')));
    expect(pasted).toBeGreaterThan(0);
    await areas.nth(pasted).fill((await areas.nth(pasted).inputValue()).replace('岩头寨镇', '张八桥镇'));
    await page.getByTestId('report-save').click();
    await expect.poll(() => versions(id), { timeout: 15_000 }).toBe(2);
    const saved = (await h.db.query<{ text: string }>("SELECT content #>> '{sections,0,blocks,0,text}' AS text FROM annual_report_versions WHERE case_id = $1 AND version = 2", [id])).rows[0]?.text;
    expect(saved).toMatch(/\{\{mediation\.resolved\}\}起。$/);
    await expect.poll(() => page.getByTestId('report-panel').getByText('第 2 版').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('report-text').textContent()).toMatch(/138起。/);
    // Checked again on the saved text: the other township's name is gone from the findings.
    expect(await page.getByTestId('report-finding').filter({ hasText: '岩头寨镇' }).count()).toBe(0);
    expect(await page.getByTestId('report-checks').textContent()).not.toContain('疑似他乡镇名称');
    expect(await page.getByTestId('report-checks').textContent()).toContain('序号不连续');

    // Someone else saves meanwhile: the save over the old version is refused and the newer one read back.
    await page.getByTestId('report-edit').click();
    await page.locator('.fz-report-editor__area').first().fill('镇党委、政府坚持依法治镇。');
    const other = await h.signIn('dzbzr');
    const current = (await other.get(`/api/annual-reports/${id}`)).body as AnnualReportView;
    expect((await other.put(`/api/annual-reports/${id}/content`, { baseVersion: current.version, content: current.content, note: '办公室负责人修改' })).status).toBe(200);
    await page.getByTestId('report-save').click();
    const stale = page.getByTestId('report-save-error');
    await expect.poll(() => stale.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await stale.textContent()).toContain('报告已被他人修改并保存');
    await shootView(page, 'annual-report-stale');
    await stale.getByRole('button').click();
    await expect.poll(() => page.getByTestId('report-panel').getByText('第 3 版').count(), { timeout: 15_000 }).toBe(1);
    expect(await versions(id)).toBe(3);
    expect(await page.getByTestId('report-versions').textContent()).toContain('办公室负责人修改');
    await context.close();
  }, 180_000);

  it('the town leader opens the records behind 143 from its chip', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, 'leader');
    await page.goto(`${base}/console/cases/${await reportOf(2023)}`);
    const received = page.getByTestId('figure-mediation.received').first();
    await expect.poll(() => received.getAttribute('role'), { timeout: 15_000 }).toBe('button');
    await received.click();
    const drawer = page.getByTestId('figure-records');
    await expect.poll(() => drawer.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(20);
    expect(await drawer.textContent()).toContain('受理纠纷：143');
    expect(await drawer.textContent()).toContain('共 143 条');
    await shootView(page, 'annual-report-figure-records');
    // A row opens the dispute's own case page.
    await drawer.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText(/张八桥-调-2023-/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await context.close();
  }, 120_000);

  it('a visitor reads the published 2024 report on the portal on a phone', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('service-annualReport').click();
    await page.waitForURL(`${base}/annual-reports`);
    const item = page.getByTestId('public-report');
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.textContent()).toContain('关于2024年法治政府建设情况的报告');
    await shoot(page, 'annual-report-portal-list');
    await item.click();
    const text = page.getByTestId('public-report-text');
    await expect.poll(() => text.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await text.textContent()).toMatch(/受理、调解纠纷\d+起/);
    expect(await text.textContent()).not.toContain('{{');
    expect(await page.getByTestId('public-report-download').getAttribute('href')).toBe(`/api/public/annual-reports/${await reportOf(2024)}/document`);
    // Nothing wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width);
    await shoot(page, 'annual-report-portal');
    await context.close();
  }, 120_000);
});
