// Shared by the browser tests: the Debian chromium, a page per test, the demo login.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const baseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');
export const PASSWORD = 'Demo#2026';

export async function launchBrowser(): Promise<Browser> {
  if (!baseUrl) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`, which starts the server');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** How far the page is wider than the viewport (0 when nothing overflows horizontally). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth, document.body.scrollWidth) - window.innerWidth;
  });
}

/** The id of the org in the active scope whose name contains `name` (through the API, as the logged-in user). */
export async function orgIdByName(page: Page, name: string): Promise<number> {
  const found = await page.evaluate(async (q) => {
    const res = await fetch(`/api/orgs?q=${encodeURIComponent(q)}&pageSize=5`);
    return (await res.json()) as { items: { id: number; name: string }[] };
  }, name);
  const org = found.items[0];
  if (!org) throw new Error(`no org named like ${name}`);
  return org.id;
}
