// Browser test of problem rectification (问题整改) closed by 销号, against the demo data. The organ admin of
// 省统计局机关党委 (jiguan1) creates a batch and issues a problem to 省统计局综合处党支部 with a deadline; the branch's
// officer (zhibu1) finds it under 我的整改, claims it, sets a measure, reports progress and requests closure; jiguan1
// returns it with a reason; zhibu1 reads the reason in the timeline and requests closure again; jiguan1 approves, and
// both see 已销号. The problem page fits a 390px-wide phone. Names carry the run's timestamp, so reruns do not collide.
import dayjs from 'dayjs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launchBrowser, login } from './browser';

const ORGAN_ADMIN = 'jiguan1';
const BRANCH_OFFICER = 'zhibu1';
// 省统计局机关党委, by its full name.
const ORGAN = '中共省统计局机关委员会';
const BRANCH = '省统计局综合处党支部';

const run = Date.now();
const BATCH = `专项检查反馈问题（${run}）`;
const DESCRIPTION = `请休假审批制度执行不严，部分请假未经审批（${run}）`;
const REASON = `佐证不足，请补充修订后的请休假制度（${run}）`;
const DEADLINE = dayjs().add(30, 'day').format('YYYY-MM-DD');
const MEASURE_DEADLINE = dayjs().add(20, 'day').format('YYYY-MM-DD');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function newPage(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Picks the first visible option of an open antd select whose text contains `text`. */
async function pickOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/** Types into an OrgTreeSelect and picks the organization from the search results. */
async function pickOrg(page: Page, field: Locator, name: string): Promise<void> {
  await field.fill(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-node-content-wrapper', { hasText: name }).first().click();
}

/** Types a date into an antd DatePicker and confirms it. */
async function fillDate(field: Locator, date: string): Promise<void> {
  await field.click();
  await field.fill(date);
  await field.press('Enter');
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('problem-status').first().getAttribute('data-status');
}

/** Runs one workflow action from the problem page: its button, its modal filled by `fill`, submitted. */
async function act(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('action-submit') });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('problem rectification', () => {
  it('issues a problem, rectifies it, returns it once and closes it by 销号', async () => {
    const admin = await newPage(1280, 900);
    const officer = await newPage(1280, 900);
    try {
      const a = admin.page;
      const b = officer.page;
      await login(a, ORGAN_ADMIN);
      await login(b, BRANCH_OFFICER);

      // 1. jiguan1 creates a batch, issued by the organ's 机关党委.
      await a.goto(`${baseUrl}/rectification/batches`);
      await a.getByTestId('batch-new').click();
      const batchDialog = a.getByRole('dialog', { name: '新建批次' });
      await batchDialog.waitFor();
      await pickOrg(a, batchDialog.getByLabel('下发组织'), ORGAN);
      await batchDialog.getByLabel('问题来源').click();
      await pickOption(a, '专项检查');
      await batchDialog.getByLabel('批次名称').fill(BATCH);
      await batchDialog.getByTestId('batch-submit').click();
      await a.waitForURL((url) => /^\/rectification\/batches\/\d+$/.test(url.pathname));
      await expect.poll(() => a.getByTestId('batch-name').textContent()).toBe(BATCH);
      await a.getByTestId('board-empty').waitFor();

      // 2. It issues one problem to the branch, with a deadline.
      await a.getByTestId('problem-issue').click();
      const issueDialog = a.getByRole('dialog', { name: '下发问题' });
      await issueDialog.waitFor();
      await pickOrg(a, issueDialog.getByLabel('责任组织'), BRANCH);
      await issueDialog.getByLabel('问题描述').fill(DESCRIPTION);
      await issueDialog.getByLabel('问题类别').click();
      await pickOption(a, '纪律建设');
      await fillDate(issueDialog.getByLabel('整改时限'), DEADLINE);
      await issueDialog.getByTestId('issue-submit').click();
      await issueDialog.waitFor({ state: 'hidden' });
      const issuedRow = a.locator('[data-testid="problems-table"] tbody tr.ant-table-row', { hasText: DESCRIPTION });
      await issuedRow.waitFor();
      expect(await issuedRow.textContent()).toContain(BRANCH);
      await expect.poll(() => a.getByTestId('board-by-org').textContent()).toContain(BRANCH);

      // 3. zhibu1 finds it under 我的整改 and opens it.
      await b.goto(`${baseUrl}/rectification`);
      await b.getByLabel('按问题描述搜索').fill(String(run));
      await b.getByLabel('按问题描述搜索').press('Enter');
      const row = b.locator('[data-testid="problems-table"] tbody tr.ant-table-row', { hasText: DESCRIPTION });
      await row.waitFor();
      await row.getByRole('link', { name: DESCRIPTION }).click();
      await b.waitForURL((url) => /^\/rectification\/problems\/\d+$/.test(url.pathname));
      const problemPath = new URL(b.url()).pathname;
      await expect.poll(() => statusOf(b)).toBe('issued');
      // The responsible side cannot close its own problem.
      expect(await b.getByTestId('action-approve').count()).toBe(0);

      // 4. Claims it, sets one measure, reports progress, requests closure.
      await act(b, 'claim', (d) => d.getByLabel('责任人', { exact: true }).fill('赵敏'));
      await expect.poll(() => statusOf(b)).toBe('claimed');
      await act(b, 'set_measures', async (d) => {
        await d.getByLabel('措施 1 内容').fill('修订请休假审批制度，逐月核查请假记录');
        await d.getByLabel('措施 1 责任人').fill('赵敏');
        await fillDate(d.getByLabel('措施 1 完成时限'), MEASURE_DEADLINE);
      });
      await expect.poll(() => statusOf(b)).toBe('measures_set');
      expect(await b.getByTestId('problem-measures').textContent()).toContain('修订请休假审批制度');
      await act(b, 'progress', (d) => d.getByLabel('整改进展').fill('已起草制度修订稿，提交处务会讨论'));
      await expect.poll(() => statusOf(b)).toBe('in_progress');
      await act(b, 'request_closure', (d) => d.getByLabel('整改完成情况').fill('制度已印发，请假记录已全部补办审批'));
      await expect.poll(() => statusOf(b)).toBe('closure_requested');

      // 5. jiguan1 returns it with a reason.
      await a.goto(`${baseUrl}${problemPath}`);
      await expect.poll(() => statusOf(a)).toBe('closure_requested');
      await act(a, 'return', (d) => d.getByLabel('退回原因').fill(REASON));
      await expect.poll(() => statusOf(a)).toBe('in_progress');

      // 6. zhibu1 reads the reason in the timeline, and requests closure again.
      await b.reload();
      await expect.poll(() => statusOf(b)).toBe('in_progress');
      const returned = b.locator('[data-testid="problem-event"][data-kind="returned"]');
      await returned.waitFor();
      expect(await returned.textContent()).toContain(REASON);
      expect(await b.getByTestId('return-alert').textContent()).toContain(REASON);
      await act(b, 'request_closure', (d) => d.getByLabel('整改完成情况').fill('已补充制度文件和审批记录'));
      await expect.poll(() => statusOf(b)).toBe('closure_requested');

      // 7. jiguan1 approves: 已销号 for both.
      await a.reload();
      await expect.poll(() => statusOf(a)).toBe('closure_requested');
      await act(a, 'approve');
      await expect.poll(() => statusOf(a)).toBe('closed');
      expect(await a.getByTestId('problem-status').first().textContent()).toBe('已销号');
      await b.reload();
      await expect.poll(() => statusOf(b)).toBe('closed');
      expect(await b.getByTestId('problem-status').first().textContent()).toBe('已销号');
      expect(await b.getByTestId('problem-actions').locator('button').count()).toBe(0);
    } finally {
      await admin.context.close();
      await officer.context.close();
    }
  }, 180_000);

  it('fits the problem list and a problem page on a 390px-wide phone', async () => {
    const { context, page } = await newPage(390, 844);
    try {
      await login(page, BRANCH_OFFICER);
      await page.goto(`${baseUrl}/rectification`);
      await page.getByTestId('problems-table').waitFor();
      const link = page.getByTestId('problem-link').first();
      await link.waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await link.click();
      await page.waitForURL((url) => /^\/rectification\/problems\/\d+$/.test(url.pathname));
      await page.getByTestId('problem-timeline').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
