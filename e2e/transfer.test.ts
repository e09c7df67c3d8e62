import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, shoot, useBrowserHarness, openSignedIn, settle } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 10_000 };

/** A signed-in page that records every console error and page script error. */
const openAs = (username: string, viewport = desktop) => openSignedIn({ browser, base }, username, viewport);

describe('passing a case to another office', () => {
  it('东营村\'s mediator passes an open case to the 司法所 and then only reads it; the 司法所 may act on it', async () => {
    const mediator = await h.signIn('tiaojie1');
    const open = (await mediator.get('/api/cases?type=mediation&statusKind=open&pageSize=50')).body.items as { id: string; ref: string; orgName: string }[];
    const kase = open.find((c) => c.orgName === '东营村');
    if (!kase) throw new Error('东营村 has no open mediation case in the demo town');

    const { page, errors } = await openAs('tiaojie1');
    await page.goto(`${base}/console/cases/${kase.id}`);
    await settle(page);
    const transfer = page.getByTestId('case-transfer');
    await expect.poll(() => transfer.isVisible(), soon).toBe(true);
    await transfer.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText(`转交其他单位（${kase.ref}）`).isVisible(), soon).toBe(true);
    // The township's offices and villages, the sender's own not among them.
    await dialog.getByTestId('transfer-to').click();
    const station = page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '司法所' });
    await expect.poll(() => station.count(), soon).toBe(1);
    expect(await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: /^东营村$/ }).count()).toBe(0);
    await expect.poll(() => station.isVisible(), soon).toBe(true);
    await page.waitForTimeout(400);
    await page.screenshot({ path: '/tmp/transfer-picker.png' });
    await station.click();
    expect(await dialog.getByTestId('transfer-keep-read').isChecked()).toBe(true);
    // The reason is required: the form says so before anything is sent.
    await dialog.getByRole('button', { name: /^转\s*交$/ }).click();
    await expect.poll(() => dialog.getByText('请填写转交理由').isVisible(), soon).toBe(true);
    await dialog.getByTestId('transfer-reason').fill('涉及多村，需司法所统一调处');
    await expect.poll(() => dialog.getByText('请填写转交理由').count(), soon).toBe(0);
    await page.screenshot({ path: '/tmp/transfer-modal.png' });
    await shoot(page, 'transfer-modal');
    await dialog.getByRole('button', { name: /^转\s*交$/ }).click();
    await expect.poll(() => page.getByText('已转交司法所（公共法律服务工作站）').isVisible(), soon).toBe(true);
    await expect.poll(() => dialog.isVisible(), soon).toBe(false);

    // The sender reads the case: no actions, the 转交 entry with from, to and reason.
    await settle(page);
    const header = page.locator('.fz-case-header');
    await expect.poll(() => header.locator('button').count(), soon).toBe(0);
    const entry = page.locator('.fz-tl__details').filter({ hasText: '涉及多村，需司法所统一调处' });
    await expect.poll(() => entry.count(), soon).toBe(1);
    const text = await entry.innerText();
    expect(text).toContain('转出单位：东营村');
    expect(text).toContain('接收单位：司法所（公共法律服务工作站）');
    expect(text).toContain('转交理由：涉及多村，需司法所统一调处');
    expect(await page.getByText('转交', { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/transfer-after.png', fullPage: true });
    await shoot(page, 'transfer-sender-reads');
    expect(errors).toEqual([]);
    await page.context().close();

    // The 司法所 has it, with its actions.
    const station2 = await openAs('sifa');
    await station2.page.goto(`${base}/console/cases/${kase.id}`);
    await settle(station2.page);
    const theirs = station2.page.locator('.fz-case-header');
    await expect.poll(() => theirs.getByTestId('case-transfer').isVisible(), soon).toBe(true);
    expect(await theirs.locator('.fz-case-actions__main').count()).toBe(1);
    await shoot(station2.page, 'transfer-receiver');
    expect(station2.errors).toEqual([]);
    await station2.page.context().close();

    // At phone width the 转交 button sits in the action bar with the steps.
    const small = await openAs('sifa', phone);
    await small.page.goto(`${base}/console/cases/${kase.id}`);
    await settle(small.page);
    const bar = small.page.getByTestId('case-actionbar');
    await expect.poll(() => bar.getByTestId('case-transfer').isVisible(), soon).toBe(true);
    const box = await bar.boundingBox();
    expect(box && box.height).toBeLessThan(80);
    await small.page.screenshot({ path: '/tmp/transfer-phone.png' });
    expect(small.errors).toEqual([]);
    await small.page.context().close();
  }, 120_000);

  it('the sender finds what it passed on under 已转出, read-only, and not in its own list', async () => {
    const mediator = await h.signIn('tiaojie1');
    const s01 = (await h.db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'S01'")).rows[0]?.id;
    const kase = (await mediator.post('/api/cases', { type: 'mediation', orgId: s01, title: '东营村跨村灌溉用水纠纷', category: '邻里' })).body as { id: string; ref: string };
    const sfs = (await h.db.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'sfs'")).rows[0]?.id;
    expect((await mediator.post(`/api/cases/${kase.id}/transfer`, { toOrgId: sfs, reason: '需司法所统一调处' })).status).toBe(200);

    const { page, errors } = await openAs('tiaojie1');
    await page.goto(`${base}/console/cases?q=${encodeURIComponent(kase.ref)}`);
    await settle(page);
    expect(await page.getByRole('link', { name: kase.ref }).count()).toBe(0);
    await page.getByTestId('cases-scope').getByText('已转出').click();
    await page.waitForURL(/sent=1/);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: kase.ref }) });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.innerText()).toContain('司法所（公共法律服务工作站）');
    await shoot(page, 'cases-sent');
    await row.getByRole('link', { name: kase.ref }).click();
    await page.waitForURL(`**/console/cases/${kase.id}`);
    await settle(page);
    await expect.poll(() => page.locator('.fz-case-header').locator('button').count(), soon).toBe(0);
    expect(await page.getByTestId('mediation-sessions').getByRole('button', { name: '记录调解' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});

describe('period lengths a township may set', () => {
  it('the administrator sets 张八桥镇\'s mediation period to 20 days and is refused 61', async () => {
    const { page, errors } = await openAs('admin');
    await page.goto(`${base}/console/calendar`);
    await settle(page);
    const section = page.getByTestId('clock-lengths');
    await expect.poll(() => section.getByText('期限设置').isVisible(), soon).toBe(true);
    await expect.poll(() => section.getByTestId('clock-township').innerText(), soon).toContain('张八桥镇');
    const row = section.getByRole('row').filter({ hasText: '调解期限' });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.innerText()).toMatch(/30 日[\s\S]*30 日[\s\S]*15–60 日/);

    const input = section.getByTestId('clock-input-mediation');
    await input.fill('20');
    await section.getByTestId('clock-save-mediation').click();
    await expect.poll(() => page.getByText('已保存：调解期限 20 日').isVisible(), soon).toBe(true);
    await expect.poll(() => section.getByTestId('clock-length-mediation').innerText(), soon).toBe('20 日');

    // Out of bounds: the server refuses and its message is shown on the row. The browser logs
    // the refused request (422) as a console error: that one is expected, nothing else is.
    await input.fill('61');
    await expect.poll(() => row.getByText('超出可设范围（15–60），保存将被拒绝').isVisible(), soon).toBe(true);
    await section.getByTestId('clock-save-mediation').click();
    await expect.poll(() => section.getByTestId('clock-error-mediation').innerText(), soon).toBe('期限长度超出允许设定的范围');
    await expect.poll(() => section.getByTestId('clock-length-mediation').innerText(), soon).toBe('20 日');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: '/tmp/clock-lengths.png' });
    await shoot(page, 'clock-lengths');
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 422/.test(e)).length).toBeLessThanOrEqual(1);

    // The length is in force for the township.
    const admin = await h.signIn('admin');
    const township = await h.orgId('zhangbaqiao');
    const listed = (await admin.get(`/api/case-types/mediation/clocks?townshipId=${township}`)).body.items as { clock: string; length: number }[];
    expect(listed.find((c) => c.clock === 'mediation')?.length).toBe(20);
    await page.context().close();
  }, 60_000);
});
