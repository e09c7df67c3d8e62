import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../apps/server/src/test/harness.ts';
import { desktop, phone, shoot, signInPage, useBrowserHarness } from './browser.ts';

let h: Harness;
let browser: Browser;
let base: string;

useBrowserHarness(async (running) => {
  ({ h, browser, base } = running);
});

const newPage = async (viewport = desktop): Promise<Page> => {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  return context.newPage();
};

const signIn = async (page: Page, username: string, password: string): Promise<void> => {
  await page.goto(`${base}/console/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
};

describe('console in the browser', () => {
  it('opened by its address, a case, the list and the to-do list ask for their data with the session check, once', async () => {
    const staff = await h.signIn('sifa');
    const id = ((await staff.get('/api/cases?pageSize=1')).body.items as { id: string }[])[0]?.id ?? '';
    const page = await newPage();
    await signInPage(page, base, 'sifa');
    for (const [address, data] of [[`/console/cases/${id}`, `/api/cases/${id}`], ['/console/cases?type=mediation', '/api/cases?'], ['/console/tasks', '/api/tasks?']] as const) {
      await page.goto(`${base}${address}`);
      await page.waitForLoadState('networkidle');
      const timings = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((e) => ({ url: new URL(e.name).pathname + new URL(e.name).search, start: e.startTime, end: (e as unknown as { responseEnd: number }).responseEnd })));
      const asked = timings.filter((t) => t.url.startsWith(data));
      const session = timings.find((t) => t.url === '/api/auth/me');
      // Once: the page took the early answer instead of asking again.
      expect(asked, address).toHaveLength(1);
      // Early: it left before the session check had come back, not after the page had rendered.
      expect(asked[0]!.start, address).toBeLessThan(session!.end);
    }
    await expect.poll(() => page.getByText('我的待办').first().isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows a wrong password in Chinese', async () => {
    const page = await newPage();
    await signIn(page, 'tiaojie1', 'not-the-password');
    await expect.poll(() => page.getByText('用户名或密码错误').isVisible()).toBe(true);
    await shoot(page, 'sign-in-wrong-password');
    await page.context().close();
  });

  it('forces the initial password to be changed, shows the org tree, and signs out', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.post('/api/users', { username: 'browseruser', displayName: '浏览器测试', orgId: await h.orgId('S01') });
    const roles = (await admin.get('/api/roles')).body.items as { id: string; code: string }[];
    const mediator = roles.find((r) => r.code === 'mediator')?.id;
    await admin.put(`/api/users/${created.body.userId}/grants`, { grants: [{ roleId: mediator, orgId: await h.orgId('S01'), scope: 'subtree' }] });
    const page = await newPage();
    await signIn(page, 'browseruser', created.body.initialPassword);
    await page.waitForURL(/change-password/);
    await shoot(page, 'change-password-forced');
    await page.getByLabel('当前密码').fill(created.body.initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Dongying-2024!');
    await page.getByLabel('确认新密码').fill('Dongying-2024!');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((u) => !u.pathname.includes('change-password'));
    await page.goto(`${base}/console/orgs`);
    const tree = page.getByTestId('org-tree');
    await page.waitForLoadState('networkidle');
    await shoot(page, 'org-tree');
    await expect.poll(() => tree.getByText('东营村').first().isVisible()).toBe(true);
    expect(await tree.getByText('西营村').count()).toBe(0);
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/login/);
    expect((await h.db.query("SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'browseruser'")).rows[0]?.n).toBe(0);
    await page.context().close();
  });

  it('renders the admin screens and the portal at desktop and phone width', async () => {
    const page = await newPage();
    await signIn(page, 'admin', 'Fazhi@2023demo');
    await page.waitForURL((u) => u.pathname === '/console' || u.pathname === '/console/');
    await shoot(page, 'home-admin');
    for (const [path, name] of [['/console/users', 'users'], ['/console/roles', 'roles'], ['/console/audit', 'audit'], ['/console/sign-ins', 'sign-ins']] as const) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await shoot(page, name);
    }
    await page.context().close();
    const mobile = await newPage(phone);
    await mobile.goto(`${base}/`);
    await expect.poll(() => mobile.getByText('张八桥镇').first().isVisible()).toBe(true);
    await shoot(mobile, 'portal-phone');
    await signIn(mobile, 'tiaojie1', 'Fazhi@2023demo');
    await mobile.waitForURL((u) => u.pathname.startsWith('/console') && !u.pathname.includes('login'));
    await shoot(mobile, 'home-phone');
    await mobile.context().close();
  });
});
