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

const openAs = (username: string, viewport = desktop) => openSignedIn({ browser, base }, username, viewport);

describe('the focus-group registers', () => {
  it('a village 网格长 opens a person from the masked list, records a visit, and sees the full data only through the logged button', async () => {
    const { page, errors } = await openAs('wanggezhang');
    await page.goto(`${base}/console/safety/registers`);
    await settle(page);
    await expect.poll(() => page.getByText('重点人群登记').first().isVisible(), soon).toBe(true);
    await shoot(page, 'safety-registers');
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect.poll(() => first.isVisible(), soon).toBe(true);
    const masked = await first.locator('td').nth(2).innerText();
    expect(masked).toMatch(/^.\*+$/);
    await first.click();
    await page.waitForURL((u) => /\/console\/safety\/registers\/[0-9a-f-]{36}$/.test(u.pathname));
    await settle(page);
    const id = page.url().split('/').pop() ?? '';
    const visitsBefore = (await h.db.query('SELECT count(*)::int AS n FROM safety_visits WHERE person_id = $1', [id])).rows[0].n;
    await page.getByTestId('safety-visit-add').click();
    await page.getByTestId('safety-visit-findings').fill('入户走访，本人在家务农，情绪稳定，家属表示会配合做好日常看护。');
    await shoot(page, 'safety-visit-form');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // Saved: the drawer's success message, and the visit in the database (the text alone is also in the form until it closes).
    await expect.poll(() => page.getByText('走访已登记').isVisible(), soon).toBe(true);
    await expect.poll(async () => (await h.db.query('SELECT count(*)::int AS n FROM safety_visits WHERE person_id = $1', [id])).rows[0].n, soon).toBe(visitsBefore + 1);
    await expect.poll(() => page.locator('.ant-table-tbody').getByText('入户走访，本人在家务农').isVisible(), soon).toBe(true);
    // 查看完整信息: the whole name shows, and the view is on the audit trail.
    const audited = async () => (await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view' AND entity_id = $1", [id])).rows[0].n;
    expect(await audited()).toBe(0);
    await page.getByTestId('safety-reveal').click();
    await expect.poll(() => page.getByText('完整信息（已留痕）').isVisible(), soon).toBe(true);
    expect(await page.getByTestId('safety-name').innerText()).not.toContain('*');
    expect(await audited()).toBe(1);
    await shoot(page, 'safety-person');
    expect(errors).toEqual([]);
  });

  it('shows the registers on a phone', async () => {
    const { page, errors } = await openAs('wanggezhang', phone);
    await page.goto(`${base}/console/safety/registers`);
    await settle(page);
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').first().isVisible(), soon).toBe(true);
    await shoot(page, 'safety-registers-phone');
    expect(errors).toEqual([]);
  });
});

describe('the camera registry', () => {
  it('asks for the reason before a live view, and records the view (no video platform: 未接入)', async () => {
    const { page, errors } = await openAs('zongzhi');
    await page.goto(`${base}/console/safety/cameras`);
    await settle(page);
    await expect.poll(() => page.getByText('视频平台未接入').isVisible(), soon).toBe(true);
    await shoot(page, 'safety-cameras');
    const before = (await h.db.query('SELECT count(*)::int AS n FROM safety_camera_views')).rows[0].n;
    await page.getByTestId('camera-view-41042100011328000001').click();
    await page.getByTestId('camera-reason').fill('核查村委会门口夜间车辆剐蹭');
    await shoot(page, 'safety-camera-reason');
    await page.getByRole('dialog').getByRole('button', { name: '实时调阅' }).click();
    await expect.poll(() => page.getByTestId('camera-no-stream').isVisible(), soon).toBe(true);
    const rows = (await h.db.query('SELECT reason FROM safety_camera_views ORDER BY at DESC LIMIT 1')).rows;
    expect((await h.db.query('SELECT count(*)::int AS n FROM safety_camera_views')).rows[0].n).toBe(before + 1);
    expect(rows[0]?.reason).toBe('核查村委会门口夜间车辆剐蹭');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    // 登记备案 for a camera overdue: it leaves the overdue list.
    await page.getByText('只看备案逾期').click();
    await settle(page);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '41042100011328000006' });
    await expect.poll(() => row.isVisible(), soon).toBe(true);
    await shoot(page, 'safety-cameras-overdue');
    await row.getByRole('button', { name: '登记备案' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await h.db.query("SELECT filed_on FROM safety_cameras WHERE device_id = '41042100011328000006'")).rows[0]?.filed_on !== null, soon).toBe(true);
    await expect.poll(() => row.isVisible(), soon).toBe(false);
    expect(errors).toEqual([]);
  });
});
