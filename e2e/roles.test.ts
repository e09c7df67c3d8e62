import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { desktop, phone, shoot, useBrowserHarness } from './browser.ts';

let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ browser, base } = running);
});

/** Each demo account and the list it works from. */
const roles = [
  { username: 'admin', list: '/console/users' },
  { username: 'leader', list: '/console/cases' },
  { username: 'sifa', list: '/console/mediation' },
  { username: 'tiaojie1', list: '/console/mediation' },
  { username: 'zongzhi', list: '/console/cases' },
  { username: 'xinfang', list: '/console/cases' },
  { username: 'dangzheng', list: '/console/cases' },
  { username: 'zhifa', list: '/console/cases' },
  { username: 'county', list: '/console/mediation/screening' },
] as const;

/** A page that records every console error, failed request report and page script error. */
const openPage = async (viewport: typeof desktop): Promise<{ page: Page; errors: string[] }> => {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, errors };
};

const settle = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
  await page.waitForTimeout(300);
};

/** What a user should never read: a data key before a colon ("visit："), or a catalogue key. */
const rawKey = /(^|[^A-Za-z])[a-z][A-Za-z_]+[：:]|\b[a-z]+\.[a-z]+\.[a-zA-Z.]+\b/;

const visibleText = (page: Page): Promise<string> => page.locator('body').innerText();

/** Every empty state on screen says why; none is antd's bare 暂无数据. */
const bareEmpties = async (page: Page): Promise<string[]> =>
  (await page.locator('.ant-empty-description').allInnerTexts()).filter((s) => ['暂无数据', 'No data', ''].includes(s.trim()));

describe('every role\'s first hour', () => {
  for (const viewport of [desktop, phone]) {
    const size = viewport.width;
    for (const role of roles) {
      it(`${role.username} at ${size} px: home, menu and main list`, async () => {
        const { page, errors } = await openPage(viewport);
        await page.goto(`${base}/console/login`);
        await page.getByPlaceholder('用户名').fill(role.username);
        await page.getByPlaceholder('密码').fill('Fazhi@2023demo');
        await page.getByRole('button', { name: /登\s*录/ }).click();
        await page.waitForURL((u) => u.pathname === '/console' || u.pathname === '/console/');
        await settle(page);
        await shoot(page, `role-${role.username}-${size}-home`);
        expect(await visibleText(page)).not.toMatch(rawKey);
        expect(await bareEmpties(page)).toEqual([]);

        // The menu: a drawer on a phone, the side bar at desk width.
        if (size < 768) {
          await page.getByRole('button', { name: '打开菜单' }).click();
          await expect.poll(() => page.locator('.ant-drawer .ant-menu').first().isVisible()).toBe(true);
          await shoot(page, `role-${role.username}-${size}-menu`);
          await page.keyboard.press('Escape');
        }

        await page.goto(`${base}${role.list}`);
        await settle(page);
        await shoot(page, `role-${role.username}-${size}-list`);
        expect(await visibleText(page)).not.toMatch(rawKey);
        expect(await bareEmpties(page)).toEqual([]);
        if (role.list === '/console/cases' && size > 768) {
          // The type list either lists types or says why it cannot.
          await page.getByLabel('事项类型').click();
          await expect.poll(async () => (await page.locator('.ant-select-dropdown .ant-select-item-option').count())
            + (await page.locator('.ant-select-dropdown .fz-empty-reason').count())).toBeGreaterThan(0);
          await shoot(page, `role-${role.username}-${size}-types`);
          expect(await bareEmpties(page)).toEqual([]);
          await page.keyboard.press('Escape');
        }
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('a guessed URL shows 页面不存在 and highlights no menu entry', async () => {
    const { page } = await openPage(desktop);
    await page.goto(`${base}/console/login`);
    await page.getByPlaceholder('用户名').fill('sifa');
    await page.getByPlaceholder('密码').fill('Fazhi@2023demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/console' || u.pathname === '/console/');
    await page.goto(`${base}/console/no-such-page`);
    await expect.poll(() => page.getByText('页面不存在').first().isVisible()).toBe(true);
    expect(await page.locator('.ant-menu-item-selected').count()).toBe(0);
    await page.context().close();
  });
});

describe('the portal for a citizen on a phone', () => {
  it('shows the open services and the office\'s contact on the first screen, and answers a wrong code quietly', async () => {
    const { page, errors } = await openPage(phone);
    await page.goto(`${base}/`);
    await settle(page);
    await page.screenshot({ path: 'test-results/screenshots/portal-phone-first-screen.png' });
    const fold = phone.height;
    for (const id of ['service-mediation', 'service-tracking', 'portal-contact']) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect((box?.y ?? fold) + (box?.height ?? 0), id).toBeLessThanOrEqual(fold);
    }
    const contact = await page.getByTestId('portal-contact').innerText();
    expect(contact).toContain('0375-');
    expect(contact).toContain('周一至周五');
    expect(await page.getByText('工作人员登录').count()).toBe(1);
    await shoot(page, 'portal-phone');

    await page.getByTestId('service-tracking').click();
    await page.getByLabel('受理编号').fill('2026ABCDEFGH');
    await page.getByLabel('查询码').fill('000000');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => page.getByText('受理编号或查询码不正确').first().isVisible()).toBe(true);
    await shoot(page, 'track-wrong-code');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
