import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { installJobSchema } from '../apps/server/src/platform/jobs/jobs.ts';
import { applyOnlineAs } from '../apps/server/src/modules/mediation/mediation.test-support.ts';
import { desktop, phone, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
  // As at a server's start: an online application queues its SMS on the job queue.
  await installJobSchema(h.ownerUrl, h.platform.log);
});

const title = '王某与赵某排水沟堵塞纠纷';

const signIn = (page: Page, username: string): Promise<void> => signInPage(page, base, username);

/** Draws a wavy stroke on the signature pad with the mouse (pointer events, as a finger would). */
const drawSignature = async (page: Page): Promise<void> => {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not laid out');
  await page.mouse.move(box.x + 24, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i <= 24; i++) await page.mouse.move(box.x + 24 + i * 11, box.y + box.height / 2 + Math.sin(i / 2) * 40);
  await page.mouse.up();
};

describe('people\'s mediation in the browser', () => {
  it('a village mediator registers a dispute on a phone-sized screen, records a session, produces the agreement', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, 'tiaojie1');

    // 登记纠纷 (our screen): the village is preselected from the mediator's grant.
    await page.goto(`${base}/console/mediation/new`);
    await expect.poll(() => page.getByTitle('东营村').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByLabel('纠纷类型').click();
    await page.getByLabel('纠纷类型').fill('邻里');
    await page.keyboard.press('Enter');
    await page.getByLabel('纠纷名称').fill(title);
    await page.getByLabel('事实与理由').fill('双方房屋相邻，赵某修建院墙堵塞共用排水沟，雨后积水倒灌王某院内，双方多次争吵。');
    await page.getByLabel('调解请求').fill('请求赵某恢复排水沟原状。');
    // A first tap without the parties' names: errors next to the fields, nothing typed is lost.
    await page.getByRole('button', { name: /登\s*记/ }).click();
    await expect.poll(() => page.getByText('请填写姓名', { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByLabel('纠纷名称').inputValue()).toBe(title);
    await shoot(page, 'mediation-register-errors-phone');
    const names = page.getByLabel('姓名/名称');
    await names.nth(0).fill('王建国');
    await names.nth(1).fill('赵志刚');
    await page.getByLabel('证件号码').nth(0).fill('410421198503151230');
    await expect.poll(() => page.getByText('身份证号码不正确').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('证件号码').nth(0).fill('410421198503151238');
    await page.getByLabel('联系电话').nth(0).fill('13903751234');
    await shoot(page, 'mediation-register-phone');
    // A double tap makes one case (the form's Idempotency-Key).
    await page.getByRole('button', { name: /登\s*记/ }).dblclick();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const made = await h.db.query<{ n: number; org: string; parties: number }>(
      `SELECT count(*)::int AS n, min(o.name) AS org, (SELECT count(*)::int FROM case_parties p WHERE p.case_id = $2) AS parties
         FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.title = $1`, [title, caseId]);
    expect(made.rows[0]).toEqual({ n: 1, org: '东营村', parties: 2 });

    // The one case page: the steps in the action bar, taken in one form with the fields each step needs.
    await page.getByText(title).first().waitFor();
    await shoot(page, 'mediation-case-page-phone');
    const bar = page.getByTestId('case-actionbar');
    for (const step of ['受理', '开始调解']) {
      await bar.getByRole('button', { name: step, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: `确认${step}` }).click();
      await expect.poll(async () => (await h.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status, { timeout: 10_000 })
        .toBe(step === '受理' ? 'accepted' : 'mediating');
    }

    // Before the first session each party is told of its rights and duties (人民调解法 第二十三、二十四条):
    // the applicant signs the notice on the screen, the respondent on paper.
    const notices = async (): Promise<number> => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_rights_notices WHERE case_id = $1', [caseId])).rows[0]?.n ?? 0;
    const card = page.getByTestId('rights-notice-card');
    await card.getByRole('button', { name: '告知确认' }).first().click();
    await page.getByTestId('rights-notice-text').waitFor();
    await drawSignature(page);
    await shoot(page, 'mediation-rights-notice-phone');
    await page.getByRole('button', { name: '确认已告知' }).click();
    await expect.poll(notices, { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: '告知确认' }).first().click();
    await page.locator('.ant-drawer').getByText('纸质告知书签名').click();
    await page.getByRole('button', { name: '确认已告知' }).click();
    await expect.poll(notices, { timeout: 10_000 }).toBe(2);

    // 记录调解 and a signature drawn on the screen.
    await page.getByTestId('mediation-sessions').getByRole('button', { name: '记录调解' }).click();
    await page.getByLabel('调解地点').fill('村公共法律服务室');
    await page.getByLabel('笔录内容').fill('经调解，双方同意：赵某于十日内恢复排水沟原状，王某不再追究积水损失。');
    await page.getByRole('button', { name: '保存笔录' }).click();
    await page.getByTestId('mediation-session').waitFor();
    await page.getByRole('button', { name: /签\s*名/ }).first().click();
    await page.getByLabel('签名人').fill('王建国');
    await drawSignature(page);
    await shoot(page, 'mediation-signature-phone');
    await page.getByRole('button', { name: '确认签名' }).click();
    await page.getByText('王建国 · 手写板签名 · 有效').waitFor();
    const sig = await h.db.query<{ image: string; text_sm3: string; record_sm3: string }>(
      `SELECT s.signatures -> 0 ->> 'image' AS image, s.signatures -> 0 ->> 'textSm3' AS text_sm3, s.record_sm3 FROM mediation_sessions s WHERE s.case_id = $1`, [caseId]);
    expect(sig.rows[0]?.image).toMatch(/^data:image\/png;base64,/);
    expect(sig.rows[0]?.text_sm3).toBe(sig.rows[0]?.record_sm3);

    // 调解工作台: today's session of this case, from the one request across cases.
    const ref = (await h.db.query<{ ref: string }>('SELECT ref FROM cases WHERE id = $1', [caseId])).rows[0]?.ref ?? '';
    await page.goto(`${base}/console/mediation`);
    const today = page.getByTestId('today-sessions');
    await today.getByText(ref).waitFor({ timeout: 15_000 });
    expect(await today.getByText('村公共法律服务室').count()).toBeGreaterThan(0);
    await shoot(page, 'mediation-desk-phone');
    // The old address of the mediation work page lands on the one case page.
    await page.goto(`${base}/console/mediation/cases/${caseId}/sessions`);
    await page.waitForURL(`**/console/cases/${caseId}`);
    await page.getByTestId('mediation-session').waitFor();

    // The parties' basic facts the agreement states (第二十九条): what the ID number cannot tell, and all of the respondent's.
    const facts = async (name: string, fill: (drawer: Locator) => Promise<void>) => {
      await card.locator('.ant-list-item', { hasText: name }).getByRole('button', { name: '补充基本情况' }).click();
      const drawer = page.getByRole('dialog', { name: `${name}的基本情况` });
      await drawer.getByLabel('民族').waitFor();
      await shoot(page, 'mediation-party-facts-phone');
      await drawer.getByLabel('民族').fill('汉');
      await drawer.getByLabel('职业或者工作单位').fill('农民');
      await fill(drawer);
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(async () => (await h.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM mediation_party_facts f JOIN case_parties p ON p.id = f.party_id WHERE p.case_id = $1 AND p.name = $2', [caseId, name])).rows[0]?.n, { timeout: 10_000 }).toBe(1);
    };
    await facts('王建国', async (drawer) => { await drawer.getByLabel('住所').fill('张八桥镇东营村三组'); });
    await facts('赵志刚', async (drawer) => {
      await drawer.getByLabel('性别').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '男' }).click();
      await drawer.getByLabel('出生日期').click();
      await drawer.getByLabel('出生日期').fill('1979-06-02');
      await page.keyboard.press('Enter');
      await drawer.getByLabel('住所').fill('张八桥镇东营村三组');
    });

    // 达成调解协议: the mediator's own facts, the points in dispute, each side's responsibility, the terms.
    await bar.getByRole('button', { name: '达成调解协议' }).click();
    await page.getByLabel('纠纷的主要事实（调解员查明）').fill('经查，赵志刚修建院墙时堵塞两户共用的排水沟，致雨后积水倒灌王建国院内。');
    await page.getByLabel('争议事项').fill('排水沟是否恢复原状；积水损失如何承担。');
    await page.getByLabel('各方当事人的责任').fill('赵志刚堵塞共用排水沟，负主要责任。');
    await page.getByLabel('协议内容').fill('一、赵志刚于十日内恢复排水沟原状；二、王建国不再追究积水损失。');
    await page.getByRole('dialog').getByRole('button', { name: '确认达成调解协议' }).click();
    await expect.poll(async () => (await h.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0]?.status, { timeout: 10_000 }).toBe('agreed');
    await shoot(page, 'mediation-agreed-phone');

    // 调解协议书 as a Word document.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-agreement').click()]);
    expect(download.suggestedFilename()).toMatch(/^张八桥-调-\d{4}-\d{4}-人民调解协议书\.docx$/);
    expect((await readFile(await download.path())).subarray(0, 2).toString()).toBe('PK');
    // The whole file (卷宗) in one document.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-docx').click()]);
    expect(file.suggestedFilename()).toMatch(/^张八桥-调-\d{4}-\d{4}-人民调解卷宗\.docx$/);
    await context.close();
  }, 180_000);

  it('the county opens the file review of 2023: each township scored, and the files that fail with the reason', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn(page, 'county');
    await page.goto(`${base}/console/mediation/file-review?year=2023&failed=1`);
    const items = page.getByTestId('file-review-items');
    await items.getByText(/未告知权利义务/).first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole('cell', { name: '张八桥镇' }).count()).toBe(1);
    await shoot(page, 'mediation-file-review-desktop');
    await context.close();
  }, 60_000);

  it('a 司法所 clerk opens a mediation case from the list and takes a step, records an investigation, assigns mediators and sees the documents on its one page', async () => {
    const kase = await applyOnlineAs(h, 'one-case-page-0001', { phone: '13800004444' });
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn(page, 'sifa');
    await page.goto(`${base}/console/cases`);
    await page.getByLabel('关键词').fill(kase.ref);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.getByRole('link', { name: kase.ref }).click();
    await page.waitForURL(`**/console/cases/${kase.id}`);

    // One page: the engine's header and steps, the module's sessions and documents, one list of people.
    const sessions = page.getByTestId('mediation-sessions');
    await sessions.waitFor({ timeout: 15_000 });
    expect(await page.getByText('调解文书').isVisible()).toBe(true);
    expect(await page.getByTestId('doc-investigation').isDisabled()).toBe(true);

    // A step, in the one form.
    await page.locator('.fz-case-header').getByRole('button', { name: '受理', exact: true }).click();
    const step = page.getByRole('dialog');
    await step.getByLabel('备注（选填）').fill('材料齐全，予以受理');
    await step.getByRole('button', { name: '确认受理' }).click();
    await expect.poll(() => page.locator('.fz-case-header').getByText('已受理', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);

    // Accepted, not yet mediating: an investigation may be recorded on the same page, a session not yet.
    expect(await sessions.getByRole('button', { name: '记录调解' }).count()).toBe(0);
    await sessions.getByRole('button', { name: '记录调查' }).click();
    await page.getByLabel('调解地点').fill('司法所调解室');
    await page.getByLabel('笔录内容').fill('走访邻居，核实排水沟为两户共用。');
    await page.getByRole('button', { name: '保存笔录' }).click();
    await sessions.getByTestId('mediation-investigation').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('doc-investigation').isEnabled(), { timeout: 10_000 }).toBe(true);

    // One assignment list: the handlers and the mediators, in one drawer, shown together with their roles.
    await page.locator('.fz-case-facts').getByRole('button', { name: /指\s*派/ }).click();
    const people = page.getByRole('dialog');
    await people.getByTestId('assign-mediators').locator('.ant-checkbox-input').first().check();
    await people.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByTestId('case-people').getByText('主调解员').count(), { timeout: 10_000 }).toBe(1);
    const lead = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_case_mediators WHERE case_id = $1 AND lead', [kase.id]);
    expect(lead.rows[0]?.n).toBe(1);
    await shoot(page, 'mediation-one-case-page');

    // The same page in English.
    await page.evaluate("window.localStorage.setItem('fazhi.locale', 'en')");
    await page.reload();
    await page.getByText('Session records').waitFor({ timeout: 15_000 });
    expect(await page.getByText('Lead mediator', { exact: false }).count()).toBeGreaterThan(0);
    await shoot(page, 'mediation-one-case-page-en');
    await context.close();
  }, 120_000);

  it('a citizen applies online on a phone and is told the tracking number and query code went to her phone by SMS', async () => {
    const context = await browser.newContext({ viewport: phone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(`${base}/apply/mediation`);
    await page.getByLabel('所在村（社区）').click();
    await page.getByLabel('所在村（社区）').fill('东营村');
    await page.keyboard.press('Enter');
    await page.getByLabel('纠纷类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '邻里' }).first().click();
    await page.getByLabel('姓名', { exact: true }).fill('赵春燕');
    await page.getByLabel('手机号码').fill('13912345678');
    await page.getByLabel('姓名/名称').fill('钱某');
    await page.getByLabel('事实与理由').fill('邻居在共用通道上堆放杂物，影响通行，多次沟通无果。');
    await page.getByLabel('调解请求').fill('请求清除通道杂物。');
    await page.locator('.fz-apply__consent').click();
    await page.getByRole('button', { name: '提交申请' }).click();
    const note = page.getByTestId('apply-sms');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.textContent()).toContain('139****5678');
    const trackingNo = (await page.getByTestId('tracking-no').textContent()) ?? '';
    const queued = await h.db.query<{ template: string }>("SELECT template FROM outbox WHERE params ->> 'trackingNo' = $1", [trackingNo.trim()]);
    expect(queued.rows).toEqual([{ template: 'application.received' }]);
    await shoot(page, 'apply-done-phone');
    await context.close();
  }, 60_000);
  it('the 司法所 clerk adds a personal mediation studio and a mediator with a training; a missing name is said at the field', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await signIn(page, 'sifa');
    await page.goto(`${base}/console/mediation/committees`);
    await page.getByRole('button', { name: '新增调解组织' }).click();
    const studio = '东营村李某个人调解工作室';
    const committees = async (): Promise<number> => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mediation_committees')).rows[0]?.n ?? 0;
    const before = await committees();
    // Saved without a name: the reason next to the field, and nothing written.
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('请填写组织名称（至少2个字）').isVisible()).toBe(true);
    expect(await committees()).toBe(before);
    await page.getByLabel('所属组织').click();
    await page.getByLabel('所属组织').fill('东营村');
    await page.locator('.ant-select-tree-title', { hasText: '东营村' }).first().click();
    await page.getByLabel('组织类型').click();
    await page.locator('.ant-select-item-option', { hasText: '个人调解工作室' }).click();
    await page.getByLabel('组织名称').fill(studio);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => page.getByText('已保存').isVisible()).toBe(true);
    await page.getByRole('tab', { name: /个人调解工作室/ }).click();
    const item = page.locator('.ant-collapse-item', { hasText: studio });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await committees()).toBe(before + 1);

    // A mediator for the studio, with phone and a training (日期, 名称, 学时).
    await item.locator('button', { hasText: '新增调解员' }).click();
    await expect.poll(() => page.getByText(`新增调解员：${studio}`).isVisible()).toBe(true);
    await page.getByLabel('姓名').fill('李德明');
    await page.getByLabel('联系电话').fill('13903751234');
    await page.getByRole('button', { name: '添加培训' }).click();
    await page.getByPlaceholder('日期').fill('2026-03-10');
    await page.keyboard.press('Enter');
    await page.getByPlaceholder('培训名称').fill('人民调解员岗位培训');
    await page.getByPlaceholder('学时').fill('8');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => item.getByText('李德明').isVisible(), { timeout: 15_000 }).toBe(true);
    // On screen the phone is masked; stored, it is sealed.
    expect(await item.getByText('139****1234').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(`新增调解员：${studio}`).isVisible()).toBe(false);
    await shoot(page, 'mediation-committees-studio');
    const { rows } = await h.db.query<{ phone: Buffer | null; hours: number }>(
      `SELECT m.phone_enc AS phone, (SELECT coalesce(sum((x ->> 'hours')::numeric), 0)::int FROM jsonb_array_elements(m.trainings) x) AS hours
         FROM mediators m JOIN mediation_committees c ON c.id = m.committee_id WHERE c.name = $1 AND m.name = '李德明'`, [studio]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.phone?.length).toBeGreaterThan(32);
    expect(rows[0]?.phone?.includes('13903751234')).toBe(false);
    expect(rows[0]?.hours).toBe(8);
    await context.close();
  }, 60_000);
});
