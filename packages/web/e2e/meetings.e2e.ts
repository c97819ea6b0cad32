// Browser test of organizational life (组织生活) against the demo data. The branch officer of 省统计局综合处党支部
// (zhibu1) looks at the branch's lights, records a 支部党员大会 that is also a 党课 on one page with attendance (one
// member 请假 with a reason), finds it in the list, opens it and downloads the meeting record (Word); the
// quarter's 党员大会 obligation then counts one more. The organ admin (jiguan1) sees the green rate of the organ's
// branches and the ranking of its units. The record page fits a 390px-wide phone. Dates are the demo's today.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launchBrowser, login } from './browser';

const BRANCH_OFFICER = 'zhibu1';
const ORGAN_ADMIN = 'jiguan1';
const BRANCH = '省统计局综合处党支部';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const run = Math.floor(Math.random() * 9000) + 1000;
const TOPIC = `学习贯彻党的二十届四中全会精神（${run}）`;
const LEAVE_REASON = '外出调研';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A page in Beijing time, as the server counts days and months. */
async function newPage(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

interface BranchState {
  light: string | null;
  /** The 党员大会 obligation of the period containing this month: held / required. */
  membersMeeting: { held: number; minCount: number; light: string } | undefined;
}

/** The branch's 支部亮灯 page as the officer sees it (the menu entry leads there for a branch scope). */
async function openBranchLights(page: Page): Promise<BranchState> {
  await page.goto(`${baseUrl}/compliance`);
  await page.waitForURL((url) => url.pathname === '/compliance/branch');
  await expect.poll(() => page.getByTestId('compliance-org').textContent()).toContain(BRANCH);
  const lightTag = page.locator('[data-testid="branch-light"] [data-testid="light-tag"]').first();
  await lightTag.waitFor();
  await page.getByTestId('month-lights').waitFor();
  expect(await page.getByTestId('month-light').count()).toBe(12);
  const light = await lightTag.getAttribute('data-light');
  const row = page.locator('[data-testid="obligation"][data-obligation="members_meeting"]').first();
  if ((await row.count()) === 0) return { light, membersMeeting: undefined };
  const held = (await row.getByTestId('obligation-held').textContent()) ?? '';
  const [h, m] = held.replace(/[^\d/]/g, '').split('/').map(Number);
  return { light, membersMeeting: { held: h ?? NaN, minCount: m ?? NaN, light: (await row.getAttribute('data-light')) ?? '' } };
}

describe('organizational life', () => {
  it('records a 党员大会 with a 党课 on one page, with attendance; the record is listed, downloadable, and counted in the lights', async () => {
    const { context, page } = await newPage(1280, 900);
    try {
      await login(page, BRANCH_OFFICER);

      // 1. The branch's lights: this month's light, the 12 months, the obligations with their basis.
      const before = await openBranchLights(page);
      expect(['green', 'yellow', 'red']).toContain(before.light);
      expect(before.membersMeeting, 'the branch has a 党员大会 obligation').toBeDefined();
      await page.getByTestId('rule-citation').first().waitFor();
      await page.getByTestId('activity-calendar').waitFor();

      // 2. 记录活动: the org is the officer's branch; the attendance lists its members, present by default.
      await page.goto(`${baseUrl}/meetings`);
      await page.getByTestId('meeting-record').click();
      await page.waitForURL((url) => url.pathname === '/meetings/new');
      const lines = page.getByTestId('attendance-line');
      await lines.nth(1).waitFor();
      const members = await lines.count();
      expect(members).toBeGreaterThan(1);
      await expect.poll(() => page.getByTestId('count-expected').textContent()).toContain(String(members));

      await page.getByRole('checkbox', { name: '支部党员大会', exact: true }).check();
      await page.getByRole('checkbox', { name: '党课', exact: true }).check();
      await page.getByLabel('主题', { exact: true }).fill(TOPIC);
      await page.getByLabel('地点').fill('三楼党员活动室');
      await page.getByLabel('主持人').fill('赵敏');
      // The lecturer is asked for once 党课 is among the types.
      await page.getByLabel('授课人', { exact: true }).fill('支部书记 赵敏');

      // One member on leave: the reason is required before saving.
      const onLeave = lines.nth(1);
      const leaveName = (await onLeave.getAttribute('data-member-name')) ?? '';
      const count = async (testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''));
      const leaveBefore = await count('count-leave');
      const attendedBefore = await count('count-attended');
      await onLeave.locator('.ant-segmented-item', { hasText: '请假' }).click();
      await expect.poll(() => count('count-leave')).toBe(leaveBefore + 1);
      await expect.poll(() => count('count-attended')).toBe(attendedBefore - 1);
      const attended = attendedBefore - 1;
      await page.getByLabel('会议内容').fill('传达学习全会精神，结合处室工作开展讨论；书记讲专题党课。');
      await page.getByTestId('meeting-submit').click();
      await onLeave.getByRole('alert').waitFor();
      expect(await onLeave.getByRole('alert').textContent()).toContain('请填写请假原因');
      await onLeave.getByLabel(`${leaveName}的请假原因`).fill(LEAVE_REASON);
      await page.getByTestId('meeting-submit').click();

      // 3. Saved: the record page shows it, with the attendance.
      await page.waitForURL((url) => /^\/meetings\/\d+$/.test(url.pathname));
      const activityId = Number(new URL(page.url()).pathname.split('/').pop());
      await expect.poll(() => page.getByTestId('meeting-topic').textContent()).toBe(TOPIC);
      expect(await page.getByTestId('meeting-attendance').textContent()).toContain(`${leaveName}（${LEAVE_REASON}）`);

      // 4. The list has it (found by its topic).
      await page.goto(`${baseUrl}/meetings`);
      await page.getByLabel('按主题搜索').fill(String(run));
      await page.getByLabel('按主题搜索').press('Enter');
      const row = page.locator('[data-testid="meetings-table"] tbody tr.ant-table-row', { hasText: TOPIC });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${attended}/${members}`);

      // 5. Its page, and the meeting record as a Word document.
      await row.getByRole('link', { name: TOPIC }).click();
      await page.waitForURL((url) => url.pathname === `/meetings/${activityId}`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-record-docx').click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const file = await readFile((await download.path()) ?? '');
      expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
      const contentType = await page.evaluate(async (id) => (await fetch(`/api/activities/${id}/record.docx`)).headers.get('content-type'), activityId);
      expect(contentType).toContain(DOCX);

      // 6. The quarter's 党员大会 counts one more, and is met.
      const after = await openBranchLights(page);
      expect(after.membersMeeting?.held).toBe((before.membersMeeting?.held ?? 0) + 1);
      expect(after.membersMeeting?.light).toBe('green');
      expect((after.membersMeeting?.held ?? 0) >= (after.membersMeeting?.minCount ?? 1)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('shows the organ admin the green rate of its branches and its units ranked', async () => {
    const { context, page } = await newPage(1280, 900);
    try {
      await login(page, ORGAN_ADMIN);
      await page.goto(`${baseUrl}/compliance`);
      await page.getByTestId('green-rate').waitFor();
      await expect.poll(() => page.getByTestId('green-rate-value').textContent()).toMatch(/^\d+(\.\d)?%$/);
      await page.getByTestId('green-rate-trend').waitFor();
      const ranked = page.locator('[data-testid="children-ranking"] tbody tr.ant-table-row');
      await ranked.first().waitFor();
      expect(await ranked.count()).toBeGreaterThan(0);
      expect(await ranked.first().textContent()).toMatch(/\d+(\.\d)?%/);
    } finally {
      await context.close();
    }
  });

  it('fits the record page on a 390px-wide phone', async () => {
    const { context, page } = await newPage(390, 844);
    try {
      await login(page, BRANCH_OFFICER);
      await page.goto(`${baseUrl}/meetings/new`);
      await page.getByTestId('attendance-line').nth(1).waitFor();
      await page.getByRole('checkbox', { name: '党课', exact: true }).check();
      await page.getByTestId('attendance-line').nth(1).locator('.ant-segmented-item', { hasText: '请假' }).click();
      await page.getByLabel('授课人', { exact: true }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`${baseUrl}/meetings`);
      await page.getByTestId('meetings-table').waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
