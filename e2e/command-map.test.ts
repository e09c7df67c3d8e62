import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CommandMap } from '@fazhi/contracts';
import { createHarness, type Harness } from '../apps/server/src/test/harness.ts';
import { sampleCaseType } from '../apps/server/src/test/sample-case-type.ts';
import { desktop, launchBrowser, shoot, useBrowserHarness, signInPage } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const signedIn = async (username: string): Promise<Page> => {
  const page = await (await browser.newContext({ viewport: desktop, locale: 'zh-CN' })).newPage();
  await signInPage(page, base, username);
  return page;
};

/** Whether the chart's canvas has painted polygons: pixels that are neither blank nor the frame's background. */
const paintedShare = (page: Page): Promise<number> => page.getByTestId('command-map-chart').locator('canvas').first().evaluate((c) => {
  type Canvas2D = { width: number; height: number; getContext: (kind: '2d') => { getImageData: (x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray } } | null };
  const canvas = c as unknown as Canvas2D;
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let i = 0; i < data.length; i += 4 * 97) if ((data[i + 3] ?? 0) > 0) painted++;
  return painted / (data.length / (4 * 97));
});

describe('the command map in the browser', () => {
  it('draws the township\'s villages offline, lists them with 三零, and opens a village on click; grids on the toggle', async () => {
    const api = (await (await h.signIn('zongzhi')).get(`/api/geo/command-map?year=${new Date().getFullYear()}`)).body as CommandMap;
    expect(api.villages).toHaveLength(18);
    const page = await signedIn('zongzhi');
    // Nothing may leave the machine: every request to another origin fails the test.
    const outside: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(base)) outside.push(r.url()); });
    await page.getByRole('menuitem', { name: '综治中心指挥图' }).click();
    await page.waitForURL(/\/console\/command-map/);
    await expect.poll(() => page.getByRole('heading', { name: '张八桥镇综治中心指挥图' }).or(page.getByText('张八桥镇综治中心指挥图')).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const table = page.getByTestId('command-map-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(18);
    await expect.poll(() => table.getByText('东营村').isVisible()).toBe(true);
    await expect.poll(() => paintedShare(page), { timeout: 15_000 }).toBeGreaterThan(0.3);
    await page.waitForLoadState('networkidle');
    await shoot(page, 'command-map-villages');

    // A click in the middle of the map opens the village drawn there.
    const chart = page.getByTestId('command-map-chart');
    const box = await chart.boundingBox();
    if (!box) throw new Error('no chart');
    const panelTitle = page.getByTestId('command-map-panel').locator('.ant-card-head-title');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    const names = api.villages.map((v) => v.name);
    await expect.poll(async () => names.includes((await panelTitle.textContent()) ?? ''), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('command-map-panel').getByText('零上访').isVisible()).toBe(true);
    await shoot(page, 'command-map-village-chosen');

    // The same place by grid.
    await page.getByText('按网格').click();
    await expect.poll(() => paintedShare(page), { timeout: 15_000 }).toBeGreaterThan(0.3);
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await expect.poll(async () => /第[123]网格$/u.test((await panelTitle.textContent()) ?? ''), { timeout: 15_000 }).toBe(true);
    await shoot(page, 'command-map-grids');
    expect(outside).toEqual([]);
    await page.context().close();
  });

  it('is not on the menu of staff without grid.read', async () => {
    const page = await signedIn('tiaojie1');
    expect(await page.getByRole('menuitem', { name: '综治中心指挥图' }).count()).toBe(0);
    await page.context().close();
  });
});

/** A 256 × 256 PNG of one colour, as a tile server would send (CRC-less chunks are refused, so they are computed). */
const solidPng = (rgb: [number, number, number]): Buffer => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3).map((_, i) => rgb[i % 3] ?? 0)]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};

describe('the command map with a tile server configured', () => {
  it('draws the tiles beneath the boundaries, asking the configured server (allowed by the page\'s CSP) for the view\'s tiles', async () => {
    const asked: string[] = [];
    const png = solidPng([200, 230, 255]);
    const tiles: Server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const tilePort = (tiles.address() as { port: number }).port;
    const th = await createHarness({ mapTiles: { url: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`, attribution: '测试底图', maxZoom: 18 } });
    await th.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = th.app.server.address();
    const tbase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const tb = await launchBrowser();
    try {
      const page = await (await tb.newContext({ viewport: desktop, locale: 'zh-CN' })).newPage();
      const refused: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy|Refused/i.test(m.text())) refused.push(m.text()); });
      await signInPage(page, tbase, 'zongzhi');
      await page.goto(`${tbase}/console/command-map`);
      await expect.poll(() => page.getByText('底图：测试底图').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => asked.length, { timeout: 15_000 }).toBeGreaterThan(0);
      // Tiles of one zoom level covering 张八桥镇 (33.87° N, 113.05° E) in the Web Mercator tiling.
      await page.waitForLoadState('networkidle');
      const cut = asked.map((u) => u.split('/').slice(1).map((n) => Number.parseInt(n, 10)) as [number, number, number]);
      const z = cut[0]?.[0] ?? 0;
      expect(z).toBeGreaterThanOrEqual(10);
      expect(cut.every(([zz]) => zz === z)).toBe(true);
      const rad = (33.87 * Math.PI) / 180;
      const [cx, cy] = [Math.floor(((113.05 + 180) / 360) * 2 ** z), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z)];
      expect(cut.some(([, x, y]) => x === cx && y === cy)).toBe(true);
      expect(cut.length).toBeLessThanOrEqual(150);
      await page.waitForLoadState('networkidle');
      await shoot(page, 'command-map-tiles');
      expect(refused).toEqual([]);
      await page.context().close();
    } finally {
      await tb.close();
      await th.close();
      await new Promise((resolve) => tiles.close(resolve));
    }
  });
});

describe('the command map with grid events', () => {
  it('colours the villages by the share of this year\'s events still open, and lists a village\'s open events', async () => {
    // A stand-in for the grid module's case type where that module is not on this server (a
    // module's own type wins over a test's of the same code); the map counts by status kind only.
    const th = await createHarness({}, { caseTypes: [{ ...sampleCaseType, code: 'grid_event', refCode: '格', label: { zh: '网格事件', en: 'Grid event' },
      readPermission: 'grid.read', handlePermission: 'grid.handle' }] });
    await th.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = th.app.server.address();
    const tbase = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const tb = await launchBrowser();
    try {
      const year = new Date().getFullYear();
      const township = await th.orgId('zhangbaqiao');
      // Statuses of whichever grid_event type runs here (the grid module's, or the stand-in).
      const type = th.platform.cases.types.get('grid_event');
      const openStatus = type?.initial ?? 'registered';
      const closedStatus = Object.entries(type?.states ?? {}).find(([, st]) => st.kind === 'closed')?.[0] ?? 'replied';
      const add = async (grid: string, n: number, open: boolean): Promise<void> => {
        await th.db.query(`INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, status, status_kind, received_on)
          VALUES ($1, $2, 'grid_event', $3, $4, $5, $6, $7, $8, $9)`,
        [township, await th.orgId(grid), `张八桥-格-${year}-${String(n).padStart(4, '0')}`, year, n, `${grid} 路灯损坏 ${n}`, open ? openStatus : closedStatus, open ? 'open' : 'closed', `${year}-01-05`]);
      };
      let n = 9000;
      for (const open of [true, true, true, false]) await add('S01G1', ++n, open);
      for (const open of [false, false]) await add('S05G2', ++n, open);
      for (const open of [true, false]) await add('S10G3', ++n, open);
      const page = await (await tb.newContext({ viewport: desktop, locale: 'zh-CN' })).newPage();
      await signInPage(page, tbase, 'zongzhi');
      await page.goto(`${tbase}/console/command-map`);
      const row = page.getByTestId('command-map-table').locator('tr', { hasText: '东营村' });
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('75%');
      expect(await page.getByText('网格事件功能尚未启用').count()).toBe(0);
      await expect.poll(() => page.getByTestId('command-map-table').locator('tr', { hasText: '前楼村' }).textContent()).toContain('0%');
      await page.getByTestId('command-map-table').getByText('东营村').click();
      const panel = page.getByTestId('command-map-panel');
      await expect.poll(() => panel.getByText('S01G1 路灯损坏', { exact: false }).count(), { timeout: 15_000 }).toBe(3);
      await page.waitForLoadState('networkidle');
      await shoot(page, 'command-map-coloured');
      await page.context().close();
    } finally {
      await tb.close();
      await th.close();
    }
  });
});
