import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHarness, type Agent, type Harness } from '../apps/server/src/test/harness.ts';
import { desktop, launchBrowser, phone, shoot } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  h = await createHarness();
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = h.app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const newPage = async (viewport = desktop): Promise<Page> => {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  return context.newPage();
};

const signIn = async (page: Page, username: string): Promise<void> => {
  await page.goto(`${base}/console/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill('Fazhi@2023demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/console') && !u.pathname.includes('login'));
};

type Row = { id: string; ref: string; title: string };

/**
 * An open mediation case in 已受理 and a Chinese word from its facts that finds it on the first
 * page of the search: the demo town is generated, so the word is picked from the case itself.
 */
const acceptedCaseAndWord = async (clerk: Agent): Promise<{ row: Row; word: string }> => {
  const accepted = (await clerk.get('/api/cases?type=mediation&status=accepted&pageSize=50')).body.items as Row[];
  for (const row of accepted) {
    const body = ((await clerk.get(`/api/cases/${row.id}`)).body.body as string) ?? '';
    const phrases = body.split(/[^\u4e00-\u9fa5]+/).filter((p) => p.length >= 3);
    for (const phrase of phrases) {
      for (let i = 0; i + 3 <= phrase.length; i++) {
        const word = phrase.slice(i, i + 3);
        const hits = (await clerk.get(`/api/cases?q=${encodeURIComponent(word)}&pageSize=10`)).body.items as Row[];
        if (hits.some((x) => x.id === row.id)) return { row, word };
      }
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
    await page.goto(`${base}/console/cases`);
    await page.getByLabel('关键词').fill(word);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const hit = page.getByRole('row').filter({ has: page.getByRole('link', { name: row.ref }) });
    await expect.poll(() => hit.count()).toBe(1);
    // The matched word is highlighted (a <mark>, built from positions, not HTML).
    await expect.poll(() => hit.locator('mark').first().textContent()).toContain(word);
    await shoot(page, 'cases-search');

    await hit.getByRole('link', { name: row.ref }).click();
    await page.waitForURL(`**/console/cases/${row.id}`);
    const header = page.locator('.fz-case-header');
    await expect.poll(() => header.getByText('已受理', { exact: true }).isVisible()).toBe(true);
    const timeline = page.getByTestId('case-timeline');
    expect(await timeline.getByText('开始调解', { exact: true }).count()).toBe(0);
    // The deadline's explanation, cited from the case type's basis, is on the page.
    const explanation = page.getByTestId('deadline-explanation').first();
    await expect.poll(() => explanation.isVisible()).toBe(true);
    expect(await explanation.textContent()).toMatch(/起计算|届满日/);
    await shoot(page, 'case-accepted');

    await header.getByRole('button', { name: '开始调解' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备注（选填）').fill('双方同意于本周五到村委会调解');
    await dialog.getByRole('button', { name: '确认开始调解' }).click();

    await expect.poll(() => header.getByText('调解中', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => timeline.getByText('开始调解', { exact: true }).count()).toBe(1);
    expect(await timeline.getByText('双方同意于本周五到村委会调解').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('deadline-explanation').first().isVisible()).toBe(true);
    await shoot(page, 'case-mediating');
    await page.context().close();

    const stored = await h.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [row.id]);
    expect(stored.rows[0]?.status).toBe('mediating');

    // At phone width: one column, the actions in a bar fixed at the bottom of the screen.
    const mobile = await newPage(phone);
    await signIn(mobile, 'sifa');
    await mobile.goto(`${base}/console/cases/${row.id}`);
    const bar = mobile.getByTestId('case-actionbar');
    await expect.poll(() => bar.isVisible()).toBe(true);
    const box = await bar.boundingBox();
    expect(box && box.y + box.height).toBeGreaterThan(phone.height - 2);
    await shoot(mobile, 'case-phone');
    await mobile.context().close();
  });
});
