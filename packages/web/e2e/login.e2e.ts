// Browser test against the real server with demo data (E2E_BASE_URL, set by scripts/e2e.mjs):
// a branch secretary logs in, sees the branch dashboard, logs out; pages fit a 390px-wide phone;
// a member sees their own record, labelled from the server's code tables, and no 组织管理 menu entry.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launchBrowser, login as loginAs, newPage as openPage } from './browser';

const USERNAME = 'zhibu1';
const MEMBER_USERNAME = 'dangyuan1';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const newPage = (width: number, height: number) => openPage(browser, width, height);
const login = (page: Parameters<typeof loginAs>[0], username = USERNAME) => loginAs(page, username);

describe('login', () => {
  it('logs a branch secretary in to the branch dashboard and out again', async () => {
    const { context, page } = await newPage(1280, 800);
    try {
      await login(page);
      await page.getByText('党员总数').first().waitFor();

      const me = await page.evaluate(async () => {
        const res = await fetch('/api/auth/me');
        return (await res.json()) as { user: { displayName: string }; grants: { id: number; orgName: string | null }[]; activeGrantId: number | null };
      });
      const currentUser = page.getByTestId('current-user');
      await expect.poll(() => currentUser.textContent()).toBe(me.user.displayName);

      // The dashboard is the one of the branch the active grant is scoped to.
      const grant = me.grants.find((g) => g.id === me.activeGrantId) ?? me.grants[0];
      expect(grant?.orgName).toBeTruthy();
      await expect.poll(() => page.getByTestId('dashboard-org').textContent()).toContain(grant?.orgName ?? '');
      await page.getByText('下级组织').first().waitFor();

      await page.getByTestId('logout').click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      const after = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(after).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('rejects unknown credentials with the server message', async () => {
    const { context, page } = await newPage(1280, 800);
    try {
      await page.goto(`${baseUrl}/login`);
      // An unknown account, so that no demo account's failure counter moves towards a lockout.
      await page.getByLabel('用户名').fill('e2e_nobody');
      await page.getByLabel('密码').fill('Wrong#2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  it('fits a 390px-wide phone without horizontal overflow', async () => {
    const { context, page } = await newPage(390, 844);
    try {
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('button', { name: '登录' }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await login(page);
      await page.getByText('党员总数').first().waitFor();
      await page.getByTestId('menu-toggle').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});

describe('member home', () => {
  it('shows a member their record with labels, and no 组织管理 in the menu', async () => {
    const { context, page } = await newPage(390, 844);
    try {
      await login(page, MEMBER_USERNAME);
      await page.getByText('我的信息').waitFor();
      const tables = await page.evaluate(async () => {
        const res = await fetch('/api/meta/code-tables');
        return (await res.json()) as { memberStatuses: { code: string; label: string }[] };
      });
      const member = await page.evaluate(async () => (await (await fetch('/api/me/member')).json()) as { status: string });
      const statusLabel = tables.memberStatuses.find((s) => s.code === member.status)?.label;
      expect(statusLabel).toBeTruthy();
      // The 党籍状态 tag shows the server's label, not the code.
      await page.locator('.ant-tag', { hasText: statusLabel ?? '' }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.getByTestId('menu-toggle').click();
      const menu = page.getByRole('menu', { name: '主菜单' });
      await menu.getByText('首页').waitFor();
      expect(await menu.getByText('组织管理').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
