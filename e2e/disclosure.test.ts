import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { createHash } from 'node:crypto';
import { installJobSchema } from '../apps/server/src/platform/jobs/jobs.ts';
import { samplePdf } from '../apps/server/src/modules/attachments/attachments.test-support.ts';
import { desktop, phone, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
  await installJobSchema(h.ownerUrl, h.platform.log);
});

const signIn = (page: Page, username: string): Promise<void> => signInPage(page, base, username);

describe('disclosure on request in the browser', () => {
  it('an applicant applies on the portal from a phone, the clerk asks for a correction, the applicant tracks it', async () => {
    const citizen = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await citizen.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('service-disclosure').click();
    await page.waitForURL((u) => u.pathname === '/apply/disclosure');
    await page.getByLabel('所需政府信息的名称、文号或特征描述').fill('东营村2024年村道维修资金的使用情况');
    await page.getByLabel('姓名或名称').fill('赵红梅');
    await page.getByLabel('身份证号码或统一社会信用代码').fill('11010519491231002X');
    await page.getByLabel('联系电话').fill('13900139000');
    await page.locator('.fz-apply__consent').click();
    await shoot(page, 'disclosure-apply-phone');
    await page.getByTestId('disclosure-apply-submit').click();
    const no = (await page.getByTestId('tracking-no').textContent({ timeout: 30_000 }))?.trim() ?? '';
    const code = (await page.getByTestId('query-code').textContent())?.trim() ?? '';
    expect(no).toMatch(/^[0-9A-Z]{6,}$/);
    expect(code).toMatch(/^\d{6}$/);

    const office = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const desk = await office.newPage();
    await signIn(desk, 'dangzheng');
    await desk.goto(`${base}/console/disclosure/new`);
    await expect.poll(() => desk.getByText('登记政府信息公开申请').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'disclosure-intake-desktop');
    await desk.goto(`${base}/console/disclosure`);
    await desk.getByText('申请公开：东营村2024年村道维修资金的使用情况').first().click();
    await desk.waitForURL((u) => u.pathname.startsWith('/console/cases/'));
    await expect.poll(() => desk.getByText('答复期限').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'disclosure-case-desktop');
    await desk.getByRole('button', { name: /更多操作/ }).click().catch(() => undefined);
    await desk.getByText('一次性告知补正').first().click();
    await desk.getByLabel('需要补正的事项').fill('请写明所需资金的具体项目名称。');
    await desk.getByRole('button', { name: '确认一次性告知补正' }).click();
    await expect.poll(() => desk.getByText('待申请人补正').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => desk.getByTestId('disclosure-doc-correction_notice').isVisible()).toBe(true);
    await shoot(desk, 'disclosure-correction-desktop');
    await desk.goto(`${base}/console/disclosure`);
    await desk.getByText('全部申请').click();
    await expect.poll(() => desk.getByText('共 25 条').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(desk, 'disclosure-desk-desktop');

    await page.goto(`${base}/track?no=${no}`);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.getByText('请按补正告知书补正申请').first().isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(page, 'disclosure-track-phone');
    // The proactive-disclosure site: published items by category, found by a Chinese word,
    // with the file that passed the secrecy review with the item.
    const item = (await h.db.query<{ id: string; township_id: string }>(
      "SELECT id, township_id FROM cases WHERE case_type = 'proactive' AND status = 'published' AND title LIKE '%农村低保和特困供养资金发放情况%' ORDER BY ref DESC LIMIT 1")).rows[0];
    const pdf = samplePdf();
    const key = await h.platform.files.put(pdf, { size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex'), contentType: 'application/pdf' });
    await h.db.query(`INSERT INTO case_attachments (case_id, township_id, file_name, size, content_type, sm3, sha256, storage_key, created_at)
      VALUES ($1, $2, '低保资金发放花名册（已脱敏）.pdf', $3, 'application/pdf', $4, $5, $6, '2000-01-01')`,
    [item?.id, item?.township_id, pdf.length, createHash('sm3').update(pdf).digest('hex'), createHash('sha256').update(pdf).digest('hex'), key]);
    await page.goto(`${base}/apply/disclosure`);
    await page.getByTestId('proactive-link').click();
    await page.waitForURL((u) => u.pathname === '/disclosure');
    await page.getByTestId('public-items-search').locator('input').fill('低保');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('农村低保和特困供养资金发放情况').first().isVisible(), { timeout: 30_000 }).toBe(true);
    const fileLink = page.getByRole('link', { name: /低保资金发放花名册/ });
    await expect.poll(() => fileLink.isVisible(), { timeout: 15_000 }).toBe(true);
    const fetched = await page.request.get(`${base}${await fileLink.getAttribute('href') ?? ''}`);
    expect(fetched.status()).toBe(200);
    expect(Buffer.from(await fetched.body()).equals(pdf)).toBe(true);
    await shoot(page, 'disclosure-public-phone');
    await citizen.close();
    await office.close();
    const status = (await h.db.query<{ status: string }>('SELECT status FROM cases WHERE tracking_no = $1', [no])).rows[0]?.status;
    expect(status).toBe('correcting');
  }, 180_000);

  it('the clerk reads the yearly report, opens the records behind a number, and records a review on a request', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signIn(page, 'dangzheng');
    const api = (await (await h.signIn('dangzheng')).get('/api/disclosure/transparency-report?year=2023')).body as { applications: { cells: { total: number } | null }[] };
    await page.goto(`${base}/console/disclosure`);
    await page.getByTestId('disclosure-report-link').click();
    await page.waitForURL(/\/console\/disclosure\/report/);
    await page.getByTestId('report-year').click();
    await expect.poll(async () => {
      await page.locator('.ant-select-dropdown:visible').getByTitle('2023年', { exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
      return page.getByTestId('report-year').textContent();
    }, { timeout: 15_000 }).toContain('2023年');
    const received = String(api.applications[0]?.cells?.total ?? 0);
    await expect.poll(() => page.getByTestId('report-drill-disclosure.received').first().textContent(), { timeout: 15_000 }).toBe(received);
    await expect.poll(() => page.getByTestId('report-remedies').getByText('行政复议', { exact: true }).isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'disclosure-transparency-report');
    await page.getByTestId('report-drill-disclosure.received').first().click();
    await expect.poll(() => page.getByTestId('metric-drawer-title').textContent(), { timeout: 15_000 }).toContain(`${received} 件`);
    await page.keyboard.press('Escape');

    // A request answered in 2023: the clerk records the applicant's review, as the reply letter told them they may.
    const kase = (await h.db.query<{ id: string }>(
      `SELECT k.id FROM cases k WHERE k.case_type = 'disclosure' AND k.year = 2023 AND k.steps ? 'reply'
          AND NOT EXISTS (SELECT 1 FROM disclosure_remedies r WHERE r.case_id = k.id) ORDER BY k.ref DESC LIMIT 1`)).rows[0];
    await page.goto(`${base}/console/cases/${kase?.id ?? ''}`);
    const card = page.getByTestId('disclosure-remedies');
    await expect.poll(() => card.getByText('申请人未就本申请申请行政复议或提起行政诉讼').isVisible(), { timeout: 15_000 }).toBe(true);
    await card.getByRole('button', { name: /登记复议或诉讼/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('combobox').first().click();
    await expect.poll(async () => {
      await page.locator('.ant-select-dropdown:visible').getByTitle('行政复议', { exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
      return drawer.getByTestId('remedy-kind').getByTitle('行政复议').isVisible();
    }, { timeout: 15_000 }).toBe(true);
    await drawer.getByLabel('复议机关或受理法院').fill('宝丰县人民政府');
    await drawer.getByLabel('申请复议或起诉日期').fill('2024-01-08');
    await drawer.getByLabel('申请复议或起诉日期').press('Enter');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => card.getByText('宝丰县人民政府 · 2024-01-08 提起').isVisible(), { timeout: 15_000 }).toBe(true);
    await shoot(page, 'disclosure-case-remedy');
    const stored = await h.db.query("SELECT kind, authority, to_char(filed_on, 'YYYY-MM-DD') AS filed_on FROM disclosure_remedies WHERE case_id = $1", [kase?.id]);
    expect(stored.rows).toEqual([{ kind: 'review', authority: '宝丰县人民政府', filed_on: '2024-01-08' }]);
    await context.close();
  }, 180_000);
});
