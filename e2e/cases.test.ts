import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Agent, Harness } from '../apps/server/src/test/harness.ts';
import path from 'node:path';
import { desktop, phone, screenshotDir, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const newPage = async (viewport = desktop): Promise<Page> => {
  // Reduced motion: charts drawn at once, so a screenshot shows them as they end up.
  const context = await browser.newContext({ viewport, locale: 'zh-CN', reducedMotion: 'reduce' });
  return context.newPage();
};

const signIn = (page: Page, username: string): Promise<void> => signInPage(page, base, username);

type Row = { id: string; ref: string; title: string };
/** Page loads and searches on a busy test machine: give each wait a few seconds, not vitest's default one. */
const soon = { timeout: 10_000 };

/** Words a clerk would type: the matters of the demo town's disputes. */
const matterWords = ['宅基地', '排水沟', '养殖场', '押金', '探视', '工资', '补偿', '界址', '滴水', '漏水', '噪音', '树木', '租赁', '拖欠', '赡养', '彩礼', '通道', '院墙', '承包地'];

/**
 * An open mediation case in 已受理 and a Chinese word from its facts that the search finds it by
 * (among the accepted cases): the demo town is generated, so the word is taken from the case itself.
 */
const acceptedCaseAndWord = async (clerk: Agent): Promise<{ row: Row; word: string }> => {
  const accepted = (await clerk.get('/api/cases?type=mediation&status=accepted&pageSize=50')).body.items as Row[];
  for (const row of accepted) {
    const body = ((await clerk.get(`/api/cases/${row.id}`)).body.body as string) ?? '';
    // The facts after "甲与乙：", so the word is about the matter, not a party's name.
    const facts = body.slice(body.indexOf('：') + 1);
    const windows = facts.split(/[^\u4e00-\u9fa5]+/).flatMap((p) => [...p].map((_, i) => p.slice(i, i + 3)).filter((w) => w.length === 3));
    for (const word of [...matterWords.filter((w) => facts.includes(w)), ...windows]) {
      const hits = (await clerk.get(`/api/cases?q=${encodeURIComponent(word)}&status=accepted&pageSize=10`)).body.items as Row[];
      if (hits.some((x) => x.id === row.id)) return { row, word };
    }
  }
  throw new Error('the demo town has no accepted mediation case to search for');
};

describe('cases in the browser', () => {
  it('a clerk finds a case by a Chinese word from its text, opens it, takes a transition, sees the timeline and the deadline explanation', async () => {
    const clerk = await h.signIn('sifa');
    const { row, word } = await acceptedCaseAndWord(clerk);

    const page = await newPage();
    await signIn(page, 'sifa');
    // The form is filled once the page has loaded its first list: it refills itself from the
    // address bar as it loads, and would clear what was typed before.
    const firstList = page.waitForResponse((r) => /\/api\/cases(\?|$)/.test(r.url()));
    await page.goto(`${base}/console/cases`);
    await firstList;
    await page.getByLabel('关键词').fill(word);
    // The clerk reads mediation cases and the township's annual report: a type first, then its states.
    await page.getByLabel('事项类型').click();
    await page.getByTitle('人民调解', { exact: true }).click();
    await page.getByLabel('状态').click();
    await page.getByTitle('已受理', { exact: true }).click();
    await expect.poll(() => page.getByLabel('关键词').inputValue(), soon).toBe(word);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    const hit = page.getByRole('row').filter({ has: page.getByRole('link', { name: row.ref }) });
    await expect.poll(() => hit.count(), soon).toBe(1);
    // The matched word is highlighted (a <mark>, built from positions, not HTML).
    await expect.poll(() => hit.locator('mark').first().textContent(), soon).toContain(word);
    await shoot(page, 'cases-search');

    await hit.getByRole('link', { name: row.ref }).click();
    await page.waitForURL(`**/console/cases/${row.id}`);
    const header = page.locator('.fz-case-header');
    await expect.poll(() => header.getByText('已受理', { exact: true }).isVisible(), soon).toBe(true);
    const timeline = page.getByTestId('case-timeline');
    expect(await timeline.getByText('开始调解', { exact: true }).count()).toBe(0);
    // The deadline's explanation, cited from the case type's basis, is on the page.
    const explanation = page.getByTestId('deadline-explanation').first();
    await expect.poll(() => explanation.isVisible(), soon).toBe(true);
    expect(await explanation.textContent()).toMatch(/起计算|届满日/);
    await shoot(page, 'case-accepted');

    await header.getByRole('button', { name: '开始调解' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备注（选填）').fill('双方同意于本周五到村委会调解');
    await dialog.getByRole('button', { name: '确认开始调解' }).click();

    await expect.poll(() => header.getByText('调解中', { exact: true }).isVisible(), soon).toBe(true);
    await expect.poll(() => timeline.getByText('开始调解', { exact: true }).count(), soon).toBe(1);
    expect(await timeline.getByText('双方同意于本周五到村委会调解').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('deadline-explanation').first().isVisible(), soon).toBe(true);
    // A staff note on the timeline: the box empties and the note is there.
    const note = '已电话联系被申请人，其同意参加调解';
    await page.getByPlaceholder('添加备注（仅工作人员可见）').fill(note);
    await page.getByRole('button', { name: '添加备注' }).click();
    await expect.poll(() => timeline.getByText(note).isVisible(), soon).toBe(true);
    expect(await page.getByPlaceholder('添加备注（仅工作人员可见）').inputValue()).toBe('');
    await shoot(page, 'case-mediating');
    await page.context().close();

    const stored = await h.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [row.id]);
    expect(stored.rows[0]?.status).toBe('mediating');

    // At phone width: one column, the actions in a bar fixed at the bottom of the screen.
    const mobile = await newPage(phone);
    await signIn(mobile, 'sifa');
    await mobile.goto(`${base}/console/cases/${row.id}`);
    const bar = mobile.getByTestId('case-actionbar');
    await expect.poll(() => bar.isVisible(), soon).toBe(true);
    const box = await bar.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(phone.height - 2);
    await shoot(mobile, 'case-phone');
    await mobile.screenshot({ path: path.join(screenshotDir, 'case-phone-screen.png') });
    await mobile.context().close();
  }, 120_000);

  it('a clerk assigns a handler and links a related case from the case page, at desktop and phone width', async () => {
    const clerk = await h.signIn('sifa');
    const s01 = await h.orgId('S01');
    const make = async (title: string, body: string) => (await clerk.post('/api/cases', { type: 'mediation', orgId: s01, title, category: '邻里', body })).body as Row;
    const kase = await make('东营村果园灌溉用水纠纷', '两户因果园灌溉轮流用水的先后发生争执。');
    const other = await make('东营村灌溉水渠占用纠纷', '一户在灌溉水渠上搭建棚子，阻碍放水。');

    const page = await newPage();
    await signIn(page, 'sifa');
    await page.goto(`${base}/console/cases/${kase.id}`);
    const facts = page.locator('.fz-case-facts');
    await facts.getByRole('button', { name: /指\s*派/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await page.keyboard.type('李调解');
    const option = page.locator('.ant-select-item-option').filter({ hasText: '东营村 李调解' });
    // The list is searched on the server: click once the answer to the typed words is in
    // (a click while the list is being replaced can land on an option that goes away).
    await expect.poll(() => page.locator('.ant-select-item-option').count(), soon).toBe(1);
    await option.click();
    await expect.poll(() => dialog.locator('.ant-select-selection-item').filter({ hasText: '李调解' }).count(), soon).toBe(1);
    await shoot(page, 'case-assign-modal');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => facts.getByText('东营村 李调解').isVisible(), soon).toBe(true);
    const assigned = await h.db.query<{ name: string }>('SELECT u.display_name AS name FROM case_assignees a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1', [kase.id]);
    expect(assigned.rows.map((r) => r.name)).toEqual(['东营村 李调解']);

    await page.getByRole('button', { name: '关联事项' }).click();
    // The link dialog (the assignment drawer may still be closing beside it).
    const linkDialog = page.getByRole('dialog').filter({ has: page.locator('#otherCaseId') });
    await linkDialog.getByRole('combobox', { name: /关联到/ }).click();
    // Searched on the server as the words are typed: pick from the answer to the whole words
    // (a click while the list is being replaced can land on an option that goes away).
    const answered = page.waitForResponse((r) => r.url().includes(`q=${encodeURIComponent('灌溉')}`), soon);
    await page.keyboard.type('灌溉');
    await answered;
    const found = page.locator('.ant-select-item-option').filter({ hasText: other.ref });
    await found.waitFor(soon);
    // The case itself is never offered.
    expect(await page.locator('.ant-select-item-option').filter({ hasText: kase.ref }).count()).toBe(0);
    await found.click();
    await expect.poll(async () => (await linkDialog.getByText(other.ref).count()) > 0, soon).toBe(true);
    await linkDialog.getByText('同一事项', { exact: true }).click();
    await shoot(page, 'case-link-modal');
    await linkDialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByRole('link', { name: other.ref }).isVisible(), soon).toBe(true);
    const links = await h.db.query<{ kind: string }>('SELECT kind FROM case_links WHERE case_id = $1 AND other_case_id = $2', [kase.id, other.id]);
    expect(links.rows).toEqual([{ kind: 'same_matter' }]);
    await shoot(page, 'case-assigned-linked');
    await page.context().close();

    // At phone width the same buttons, large enough for a thumb; the picker fits the screen.
    const mobile = await newPage(phone);
    await signIn(mobile, 'sifa');
    await mobile.goto(`${base}/console/cases/${kase.id}`);
    await mobile.locator('.fz-case-facts').getByRole('button', { name: /调\s*整/ }).waitFor(soon);
    await shoot(mobile, 'case-assign-phone');
    await mobile.locator('.fz-case-facts').getByRole('button', { name: /调\s*整/ }).click();
    await mobile.getByRole('dialog').getByRole('combobox').click();
    await mobile.locator('.ant-select-item-option').first().waitFor(soon);
    await mobile.screenshot({ path: path.join(screenshotDir, 'case-assign-modal-phone.png') });
    await mobile.context().close();

    // 综治中心 reads mediation cases but does not handle them: no buttons for it.
    const reader = await newPage();
    await signIn(reader, 'zongzhi');
    await reader.goto(`${base}/console/cases/${kase.id}`);
    await reader.getByText(other.ref).waitFor(soon);
    expect(await reader.locator('.fz-case-facts').getByRole('button').count()).toBe(0);
    expect(await reader.getByRole('button', { name: '关联事项' }).count()).toBe(0);
    await reader.context().close();
  }, 120_000);

  it('says when a search matched more cases than it ranks, and shows the year\'s figures with the 好差评 rate', async () => {
    // 1,005 copies of one village's case with a word no demo case has.
    await h.db.query(
      `INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, received_on, created_by, data, search_text, created_at)
       SELECT k.township_id, k.org_id, k.case_type, '浏览-调-2099-' || lpad(g::text, 5, '0'), 2099, g, '光伏板遮挡采光纠纷（' || g || '）', k.body, k.category,
              k.status, k.status_kind, k.received_on, k.created_by, k.data, '光伏板 遮挡 采光 纠纷', now() - make_interval(secs => g)
         FROM (SELECT * FROM cases WHERE case_type = 'mediation' LIMIT 1) k, generate_series(1, 1005) g`);
    const page = await newPage();
    await signIn(page, 'sifa');
    await page.goto(`${base}/console/cases?q=${encodeURIComponent('光伏板')}`);
    await expect.poll(() => page.getByText('匹配的事项超过 1000 件').isVisible(), soon).toBe(true);
    await shoot(page, 'cases-search-capped');
    await page.goto(`${base}/console/mediation/stats`);
    await page.getByLabel('年度').click();
    // The option once the list is drawn (a click during its opening can miss on a busy machine); the year goes into the address.
    const year = page.getByTitle('2023年', { exact: true });
    await year.waitFor(soon);
    await year.click();
    await page.waitForURL(/year=2023/, soon);
    await expect.poll(() => page.getByTestId('kpi-received').textContent(), soon).toContain('143');
    await expect.poll(() => page.getByText('好评率').isVisible(), soon).toBe(true);
    // The breakdown by mediation body is charted with the others.
    await expect.poll(() => page.getByRole('img', { name: '各调解组织受理纠纷' }).isVisible(), soon).toBe(true);
    // The year's list has closed (it fades out) before the page is shot.
    await expect.poll(() => page.getByTitle('2026年', { exact: true }).isVisible(), soon).toBe(false);
    await shoot(page, 'mediation-stats');
    await page.context().close();
    // The same two screens on a phone.
    const mobile = await newPage(phone);
    await signIn(mobile, 'sifa');
    await mobile.goto(`${base}/console/cases?q=${encodeURIComponent('光伏板')}`);
    await expect.poll(() => mobile.getByText('匹配的事项超过 1000 件').isVisible(), soon).toBe(true);
    // The list fades in once loaded (antd's Spin): shoot it as it ends up.
    type Node = { parentElement: Node | null };
    await expect.poll(() => mobile.locator('.fz-case-card').first().evaluate((el) => {
      const style = (globalThis as unknown as { getComputedStyle: (e: Node) => { opacity: string } }).getComputedStyle;
      for (let e: Node | null = el; e; e = e.parentElement) if (style(e).opacity !== '1') return false;
      return true;
    }), soon).toBe(true);
    await shoot(mobile, 'cases-search-capped-phone');
    await mobile.goto(`${base}/console/mediation/stats`);
    await expect.poll(() => mobile.getByText('好评率').isVisible(), soon).toBe(true);
    await shoot(mobile, 'mediation-stats-phone');
    await mobile.context().close();
  });
});
