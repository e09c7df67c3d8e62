import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CommandMap } from '@fazhi/contracts';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, shoot, useBrowserHarness, signInPage } from './browser.ts';

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
