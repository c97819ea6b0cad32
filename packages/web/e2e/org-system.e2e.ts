// Browser test of the organization system against the demo data: the organ admin of 省地震局 (jiguan2)
// sees the overdue term of 震害防御处党支部 among the warnings, with its citation, and opens that
// branch's 换届 tab from there; the org page has its tabs and the ledgers; an election is recorded
// through the wizard for another branch; the pages fit a 390px-wide phone. The organ admin of 省统计局
// (jiguan1) merges one of its branches into another through 机构改革 and sees it in the source's 沿革.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launchBrowser, login, newPage, orgIdByName } from './browser';

const ORGAN_ADMIN = 'jiguan2';
const OVERDUE_BRANCH = '震害防御处';
const WIZARD_BRANCH = '地震信息中心';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Picks the first visible option of an open antd select whose text contains `text`. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

describe('warnings', () => {
  it('lists the overdue election of 震害防御处党支部 with its citation, and leads to its 换届 tab', async () => {
    const { context, page } = await newPage(browser, 1280, 800);
    try {
      await login(page, ORGAN_ADMIN);
      // The home dashboard counts the warnings and links to them.
      const card = page.getByTestId('warnings-card');
      await card.waitFor();
      await card.click();
      await page.waitForURL((url) => url.pathname === '/warnings');

      const row = page.locator('[data-testid="warnings-table"] tr', { hasText: OVERDUE_BRANCH }).filter({ hasText: '换届' }).first();
      await row.waitFor();
      expect(await row.getByTestId('severity-tag').textContent()).toBe('违规');
      const citation = await row.getByTestId('rule-citation').textContent();
      expect(citation).toContain('依据：');
      expect(citation).toMatch(/《.+》/);

      // Only election warnings when filtered by kind.
      await page.locator('.ant-segmented').getByText('换届', { exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'election');
      await row.waitFor();

      await row.getByRole('link', { name: new RegExp(OVERDUE_BRANCH) }).click();
      await page.waitForURL((url) => url.pathname === '/orgs' && url.searchParams.get('tab') === 'elections');
      await page.getByRole('tab', { name: '换届', selected: true }).waitFor();
      const card2 = page.getByTestId('term-card');
      await card2.waitFor();
      expect(await card2.getByTestId('term-stage').textContent()).toBe('已逾期');
      expect(await card2.textContent()).toContain('依据：');
      // An organ admin may record the election that is due.
      await page.getByRole('button', { name: '录入换届选举' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('fits a 390px-wide phone', async () => {
    const { context, page } = await newPage(browser, 390, 844);
    try {
      await login(page, ORGAN_ADMIN);
      await page.goto(`${baseUrl}/warnings`);
      await page.locator('[data-testid="warning-item"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      const id = await orgIdByName(page, OVERDUE_BRANCH);
      for (const tab of ['committee', 'elections']) {
        await page.goto(`${baseUrl}/orgs?id=${id}&tab=${tab}`);
        await page.getByRole('tab', { selected: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
});

describe('org page', () => {
  it('shows the committee with its 任职谈话 status and offers the three ledgers', async () => {
    const { context, page } = await newPage(browser, 1280, 800);
    try {
      await login(page, ORGAN_ADMIN);
      const id = await orgIdByName(page, OVERDUE_BRANCH);
      await page.goto(`${baseUrl}/orgs?id=${id}`);
      for (const tab of ['基本信息', '班子成员', '换届', '下级组织', '党员', '预警']) {
        await page.getByRole('tab', { name: tab }).waitFor();
      }
      await page.getByRole('tab', { name: '班子成员' }).click();
      const current = page.getByTestId('committee-current');
      await current.getByText('书记', { exact: true }).waitFor();
      expect(await current.locator('.ant-tag', { hasText: /已谈话|未谈话/ }).count()).toBeGreaterThan(0);
      await current.getByRole('button', { name: '免职' }).first().waitFor();

      await page.getByTestId('ledger-menu').click();
      for (const kind of ['org-info', 'elections', 'appointment-talks']) {
        await page.getByTestId(`ledger-${kind}`).waitFor();
      }
      const ledger = await page.evaluate(async (orgId) => {
        const res = await fetch(`/api/orgs/${orgId}/ledgers/elections`);
        return { status: res.status, type: res.headers.get('content-type') };
      }, id);
      expect(ledger.status).toBe(200);
      expect(ledger.type).toContain('spreadsheetml');
    } finally {
      await context.close();
    }
  });

  it('records an election through the wizard and shows the new due date', async () => {
    const { context, page } = await newPage(browser, 1280, 900);
    try {
      await login(page, ORGAN_ADMIN);
      const id = await orgIdByName(page, WIZARD_BRANCH);
      await page.goto(`${baseUrl}/orgs?id=${id}&tab=elections`);
      await page.getByTestId('term-card').waitFor();
      await page.getByRole('button', { name: '录入换届选举' }).click();
      const dialog = page.getByRole('dialog', { name: /换届选举录入/ });
      await dialog.waitFor();

      // Step 1: today, 党员大会, 10 of 11 attending (more than four fifths).
      // The browser's today: the date picker allows no later day (the server, on China time, is never behind it).
      const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
      await dialog.getByLabel('选举日期').fill(today);
      await dialog.getByLabel('选举日期').press('Enter');
      await dialog.getByLabel('应到有选举权人数').fill('11');
      await dialog.getByLabel('实到有选举权人数').fill('10');
      await dialog.getByTestId('attendance').getByText('超过应到人数').waitFor();
      await dialog.getByRole('button', { name: '下一步' }).click();

      // Step 2: a full member as 书记, another as 组织委员.
      await dialog.getByLabel('第 1 行党员').click();
      await pickOption(page, '正式党员');
      await dialog.getByRole('button', { name: '添加班子成员' }).click();
      await dialog.getByLabel('第 2 行职务').click();
      await pickOption(page, '组织委员');
      await dialog.getByLabel('第 2 行党员').click();
      await pickOption(page, '正式党员');
      await dialog.getByRole('button', { name: '下一步' }).click();

      // Step 3: the summary, then record.
      await dialog.getByTestId('election-summary').getByText(today).waitFor();
      await dialog.getByTestId('election-submit').click();
      const done = dialog.getByTestId('election-done');
      await done.waitFor();
      expect(await done.textContent()).toMatch(/届满日期\s*\d{4}-\d{2}-\d{2}/);
      await dialog.getByRole('button', { name: '完成' }).click();

      await expect.poll(() => page.getByTestId('term-stage').textContent()).toBe('任期内');
    } finally {
      await context.close();
    }
  });
});

describe('reorganization', () => {
  it('merges 人口和就业统计处党支部 into 工业和能源统计处党支部 after the preview, and the source\'s 沿革 tells so', async () => {
    const { context, page } = await newPage(browser, 1280, 900);
    try {
      await login(page, 'jiguan1');
      const sourceId = await orgIdByName(page, '省统计局人口和就业统计处党支部');
      const memberCount = await page.evaluate(async (id) => ((await (await fetch(`/api/orgs/${id}`)).json()) as { memberCount: number }).memberCount, sourceId);
      expect(memberCount).toBeGreaterThan(0);
      await page.goto(`${baseUrl}/orgs?id=${sourceId}`);

      await page.getByTestId('reorganize-menu').click();
      await page.getByRole('menuitem', { name: '合并到…' }).click();
      const dialog = page.getByRole('dialog', { name: /合并到…/ });
      await dialog.waitFor();
      await dialog.getByLabel('合并到').fill('工业和能源统计处');
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', { hasText: '工业和能源统计处党支部' })
        .first()
        .click();
      await dialog.getByLabel('调整原因').fill('处室合并（机构改革方案）');
      await dialog.getByTestId('reorganize-preview-button').click();

      // The preview names the target and the members that move; nothing is saved yet.
      const preview = dialog.getByTestId('reorganize-preview');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('工业和能源统计处党支部');
      expect(await dialog.getByTestId('merge-member-count').textContent()).toBe(`${memberCount} 名`);
      await dialog.getByTestId('reorganize-confirm').click();
      await dialog.waitFor({ state: 'hidden' });

      await page.locator('.page-header .ant-tag', { hasText: '合并' }).waitFor();
      await page.getByRole('tab', { name: '沿革' }).click();
      await page.getByTestId('org-history').getByText('并入其他组织').waitFor();
      // A merged org is not reorganized again.
      expect(await page.getByTestId('reorganize-menu').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
