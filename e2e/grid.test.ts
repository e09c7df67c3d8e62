import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, shoot, useBrowserHarness, openSignedIn, settle } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const soon = { timeout: 10_000 };
/** The phone the grid workers carry: 390 × 844. */
const workerPhone = { width: 390, height: 844 };
/** A real 64 × 48 PNG (a grey picture), as a phone's camera file would be read. */
const crc32 = (b: Buffer): number => {
  let c = ~0;
  for (const x of b) { c ^= x; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c >>> 0;
};
const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const PNG = (() => {
  const [w, hgt] = [64, 48];
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(hgt, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * hgt, 0x80);
  for (let y = 0; y < hgt; y++) raw[y * (w * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
})();

// The worker's phone shares its position (a point in 东营村第1网格).
const openAs = (username: string, viewport = desktop) =>
  openSignedIn({ browser, base }, username, viewport, { permissions: ['geolocation'], geolocation: { latitude: 33.871234, longitude: 113.102345 } });

describe('the grid worker on a phone', () => {
  it('sees his grid and its duties, reports an event with a photo and his position, and finds it on his list with its steps', async () => {
    const { page, errors } = await openAs('wangge', workerPhone);
    await page.goto(`${base}/console/grid`);
    await settle(page);
    await expect.poll(() => page.getByTestId('grid-mine').first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText('东营村第1网格').first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText('矛盾纠纷排查').first().isVisible(), soon).toBe(true);
    await shoot(page, 'grid-mine-phone');

    await page.getByTestId('grid-report').click();
    await page.waitForURL((u) => u.pathname === '/console/grid/report');
    await settle(page);
    await page.locator('#grid-report_category').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '市政设施' }).click();
    await page.locator('#grid-report_description').fill('东营村主街北段三盏路灯不亮，夜间行人看不清路。');
    await page.getByTestId('grid-locate').click();
    await expect.poll(() => page.getByTestId('grid-position').innerText(), soon).toContain('33.871234');
    await page.locator('#grid-report_address').fill('东营村主街北段');
    await page.getByTestId('grid-photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('img.fz-grid-photo').count(), soon).toBe(1);
    // A voice note as a phone records it (AMR: its header, then silent frames).
    await page.getByTestId('grid-voice').setInputFiles({ name: 'rec.amr', mimeType: 'audio/amr', buffer: Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(13 * 50, 0x3c)]) });
    await expect.poll(() => page.getByText('rec.amr').isVisible(), soon).toBe(true);
    await shoot(page, 'grid-report-phone');
    await page.getByTestId('grid-submit').click();
    await page.waitForURL((u) => /\/console\/cases\/[0-9a-f-]{36}$/.test(u.pathname), soon);
    await settle(page);
    await expect.poll(() => page.getByText(/张八桥-格-\d{4}-\d{4}/).first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText('受理核实时限').first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText(/现场照片\.jpg/).first().isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText(/语音备注\.amr/).first().isVisible(), soon).toBe(true);
    await shoot(page, 'grid-event-phone');
    const id = /\/console\/cases\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    const row = (await h.db.query<{ data: { lat: number; lng: number; channel: string }; org: string }>(
      'SELECT k.data, o.code AS org FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.id = $1', [id])).rows[0];
    expect(row).toMatchObject({ org: 'S01G1', data: { channel: 'worker', lat: 33.871234, lng: 113.102345 } });

    // His list has it, in hand.
    await page.goto(`${base}/console/grid`);
    await settle(page);
    await expect.poll(() => page.getByText('市政设施：东营村主街北段三盏路灯不亮').first().isVisible(), soon).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the 综治中心 the dispatch desk with the worker\'s event to verify', async () => {
    const { page, errors } = await openAs('zongzhi');
    await page.goto(`${base}/console/grid`);
    await settle(page);
    await expect.poll(() => page.getByText('网格事件派遣台').isVisible(), soon).toBe(true);
    await expect.poll(() => page.getByText('市政设施：东营村主街北段三盏路灯不亮').first().isVisible(), soon).toBe(true);
    await shoot(page, 'grid-desk');
    expect(errors).toEqual([]);
  });

  it('lets the 综治中心 refer a filed dispute to people\'s mediation from the event\'s page, the two linked', async () => {
    // A dispute the worker reported, verified and filed by the 综治中心.
    const worker = await h.signIn('wangge');
    const reported = await worker.post('/api/grid/events', { category: '矛盾纠纷', description: '两户因排水沟堵塞发生争执，互不相让。', address: '东营村二组' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const centre = await h.signIn('zongzhi');
    const filed = await centre.post(`/api/cases/${reported.body.id}/transitions`, { transition: 'file', version: 1, fields: { verification: '经核实属实，双方均在' } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const kase = { id: reported.body.id as string };
    const { page, errors } = await openAs('zongzhi');
    await page.goto(`${base}/console/cases/${kase?.id ?? ''}`);
    await settle(page);
    await page.getByTestId('grid-refer-mediation').click();
    const dialog = page.getByRole('dialog');
    const choose = async (label: string, option: string) => {
      await dialog.getByLabel(label).click();
      await expect.poll(async () => {
        await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
        return dialog.getByTitle(option, { exact: true }).count();
      }, soon).toBeGreaterThan(0);
    };
    await choose('调解组织（村或乡镇）', '东营村');
    await choose('纠纷类别', '邻里');
    await dialog.getByLabel('申请人姓名', { exact: true }).fill('王大成');
    await dialog.getByLabel('被申请人姓名').fill('李小川');
    await dialog.getByLabel('转调解说明').fill('两户因排水沟堵塞发生争执，均同意由村调委会调解。');
    await dialog.getByLabel('双方当事人均同意调解').check();
    await dialog.getByRole('button', { name: /确认转调解/ }).click();
    const card = page.getByTestId('grid-referral');
    await expect.poll(() => card.getByText(/张八桥-调-\d{4}-\d{4}/).isVisible(), soon).toBe(true);
    await shoot(page, 'grid-event-referred');
    const linked = await h.db.query<{ case_type: string; org: string }>(
      'SELECT m.case_type, o.code AS org FROM case_links l JOIN cases m ON m.id = l.other_case_id JOIN orgs o ON o.id = m.org_id WHERE l.case_id = $1', [kase?.id]);
    expect(linked.rows).toEqual([{ case_type: 'mediation', org: 'S01' }]);
    expect(errors).toEqual([]);
  });

  it('takes a citizen\'s 随手拍 on the portal at phone width, with a photo and the village, and gives the tracking pair', async () => {
    const context = await browser.newContext({ viewport: workerPhone, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${base}/`);
    await page.getByText('随手拍').first().click();
    await page.waitForURL((u) => u.pathname === '/apply/grid');
    await settle(page);
    await page.getByTestId('grid-public-photo').setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('#grid-public_category').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '环境卫生' }).click();
    await page.locator('#grid-public_description').fill('西营村桥下河道里堆了很多建筑垃圾。');
    await page.locator('#grid-public_villageId').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '西营村' }).click();
    await page.locator('#grid-public_consent').check();
    await expect.poll(() => page.getByText('网格员公示').isVisible(), soon).toBe(true);
    await shoot(page, 'grid-public-phone');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => page.getByTestId('tracking-no').isVisible(), soon).toBe(true);
    await shoot(page, 'grid-public-done-phone');
    const no = (await page.getByTestId('tracking-no').innerText()).trim();
    const row = (await h.db.query<{ org: string; source: string; files: number }>(
      `SELECT o.code AS org, k.source, (SELECT count(*)::int FROM case_attachments a WHERE a.case_id = k.id) AS files
         FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.tracking_no = $1`, [no])).rows[0];
    expect(row).toEqual({ org: 'S02', source: 'public', files: 1 });
    expect(errors).toEqual([]);
  });
});
