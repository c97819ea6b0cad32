// Browser test of the member roster against the demo data: the organ admin of 省统计局 (jiguan1) imports an
// .xlsx built here (with exceljs) into one branch. The dry run reports the bad row by row and column and
// writes nothing; after the fix the file passes, is committed, and the new member is found in the list. Their
// page shows the ID number masked, and 「显示」 (after the audit notice) shows the full number. The member page
// fits a 390px-wide phone.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launchBrowser, login, newPage, orgIdByName } from './browser';

const ORGAN_ADMIN = 'jiguan1';
const TARGET_BRANCH = '省统计局国民经济核算处党支部';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

// --- Test data: valid 公民身份号码 (GB 11643: MOD 11-2 check character), unique per run. ---

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function idNumber(birth: string, sequence: number): string {
  const body = `110105${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return `${body}${CHECK[sum % 11]}`;
}

/** The same number with a wrong check character. */
function badCheck(id: string): string {
  const wrong = [...'0123456789X'].find((c) => c !== id.at(-1)) ?? '0';
  return `${id.slice(0, 17)}${wrong}`;
}

const DIGITS = '零一二三四五六七八九';
const run = Math.floor(Math.random() * 900) + 100;
/** Chinese names unique to this run (digits spelled out: 郑四七二). */
const nameOf = (surname: string) => `${surname}${[...String(run)].map((d) => DIGITS[Number(d)]).join('')}`;

interface Row {
  name: string;
  gender: '男' | '女';
  idNumber: string;
  birthDate: string;
  joinedOn: string;
  fullMemberOn: string;
}

// The sequence's last digit: odd for a man, even for a woman (agreeing with the gender column).
const first: Row = { name: nameOf('郑'), gender: '男', idNumber: idNumber('1988-05-12', run | 1), birthDate: '1988-05-12', joinedOn: '2012-06-28', fullMemberOn: '2013-06-28' };
const secondGood: Row = { name: nameOf('冯'), gender: '女', idNumber: idNumber('1990-09-03', run & ~1), birthDate: '1990-09-03', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01' };
const secondBad: Row = { ...secondGood, idNumber: badCheck(secondGood.idNumber) };

/** The template's header names each field may go by. */
const HEADERS: Record<keyof Row | 'ethnicity' | 'category', string[]> = {
  name: ['姓名'],
  gender: ['性别'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号'],
  ethnicity: ['民族'],
  birthDate: ['出生日期'],
  joinedOn: ['入党日期', '入党时间'],
  fullMemberOn: ['转正日期', '转正时间'],
  category: ['人员类别', '党员类别'],
};

/** A header cell's text without marks of required fields or notes: “*姓名”, “姓名（必填）” → 姓名. */
function headerText(value: ExcelJS.CellValue): string {
  const text = typeof value === 'object' && value !== null && 'richText' in value ? value.richText.map((r) => r.text).join('') : String(value ?? '');
  return text.replace(/[*＊\s]/g, '').replace(/[（(].*$/, '');
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

interface Sheet {
  buffer: Buffer;
  /** The sheet row (as Excel numbers it) of each data row. */
  rowNumbers: number[];
  idColumn: { letter: string; header: string };
}

/**
 * The rows written into the server's import template (GET /api/members/import-template.xlsx), under its header
 * row, example rows replaced; a sheet with the fields' names as headers when the template cannot be had.
 */
async function buildSheet(page: Page, rows: Row[]): Promise<Sheet> {
  const template = await page.evaluate(async () => {
    const res = await fetch('/api/members/import-template.xlsx');
    if (!res.ok) return null;
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  });
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (template) {
    await workbook.xlsx.load(Buffer.from(template, 'base64') as unknown as ExcelJS.Buffer);
    sheet = workbook.worksheets[0];
  }
  if (!sheet) {
    sheet = workbook.addWorksheet('党员信息');
    sheet.addRow(['姓名', '性别', '公民身份号码', '民族', '出生日期', '入党日期', '转正日期', '人员类别']);
  }
  // The header row: the first row with a 姓名 cell.
  let headerRow = 0;
  const columns = new Map<string, number>();
  sheet.eachRow((row, rowNumber) => {
    if (headerRow !== 0) return;
    const names = new Map<string, number>();
    row.eachCell((cell, col) => names.set(headerText(cell.value), col));
    if (names.has('姓名')) {
      headerRow = rowNumber;
      for (const [k, v] of names) columns.set(k, v);
    }
  });
  if (headerRow === 0) throw new Error('the import template has no header row with 姓名');
  const columnOf = (field: keyof typeof HEADERS): number | undefined => HEADERS[field].map((h) => columns.get(h)).find((c) => c !== undefined);
  const idCol = columnOf('idNumber');
  if (idCol === undefined) throw new Error('the import template has no 公民身份号码 column');

  if (sheet.rowCount > headerRow) sheet.spliceRows(headerRow + 1, sheet.rowCount - headerRow);
  const rowNumbers: number[] = [];
  rows.forEach((r, i) => {
    const rowNumber = headerRow + 1 + i;
    const row = sheet.getRow(rowNumber);
    const values: Record<keyof typeof HEADERS, string> = { ...r, ethnicity: '汉族', category: '正式党员' };
    for (const field of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
      const col = columnOf(field);
      if (col !== undefined) row.getCell(col).value = values[field];
    }
    row.commit();
    rowNumbers.push(rowNumber);
  });
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, rowNumbers, idColumn: { letter: columnLetter(idCol), header: headerText(sheet.getRow(headerRow).getCell(idCol).value) } };
}

async function chooseFile(page: Page, sheet: Sheet, name: string): Promise<void> {
  await page.locator('[data-testid="import-file"] input[type="file"], .ant-upload input[type="file"]').first().setInputFiles({ name, mimeType: XLSX, buffer: sheet.buffer });
  await page.locator('.ant-upload-list', { hasText: name }).waitFor();
}

describe('member import', () => {
  it('reports a bad row by row and column, writes nothing, then imports the fixed file; the new member\'s ID number is masked until 显示', async () => {
    const { context, page } = await newPage(browser, 1280, 900);
    try {
      await login(page, ORGAN_ADMIN);
      const orgId = await orgIdByName(page, TARGET_BRANCH);

      // From the roster of the branch to the import wizard, which starts with that branch.
      await page.goto(`${baseUrl}/members?orgId=${orgId}`);
      await page.getByTestId('member-import').click();
      await page.waitForURL((url) => url.pathname === '/members/import');
      await page.getByText('一行都不写入').waitFor();

      // 1. A file whose second row has an ID number with a wrong check character.
      const bad = await buildSheet(page, [first, secondBad]);
      await chooseFile(page, bad, '核算处党员.xlsx');
      await page.getByTestId('import-validate').click();

      // 2. The error report names the row and the column; nothing was written.
      // The dry run is a background job polled every second; on a loaded CI machine it has taken over 20 s, so the
      // wait is longer here, and a timeout reports what the page showed instead.
      const report = page.getByTestId('import-invalid');
      await report.waitFor({ timeout: 45_000 }).catch(async (error: unknown) => {
        throw new Error(`dry run did not report within 45 s; the page showed: ${await page.locator('main').innerText()}`, { cause: error });
      });
      const errorRows = page.locator('[data-testid="import-errors"] tbody tr.ant-table-row');
      await errorRows.first().waitFor();
      const reported = await errorRows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      // Only the second data row is wrong, in its ID number column.
      expect(reported.map((cells) => cells[0])).toEqual(reported.map(() => String(bad.rowNumbers[1])));
      const idError = reported.find((cells) => [bad.idColumn.letter, bad.idColumn.header].includes(cells[1] ?? ''));
      expect(idError, JSON.stringify(reported)).toBeDefined();
      expect(idError?.join(' ')).toContain('公民身份号码');
      const written = await page.evaluate(async (name) => ((await (await fetch(`/api/members?q=${encodeURIComponent(name)}&status=all`)).json()) as { total: number }).total, first.name);
      expect(written).toBe(0);

      // 3. The fixed file passes the dry run, and is committed.
      await page.getByTestId('import-restart').click();
      const good = await buildSheet(page, [first, secondGood]);
      await chooseFile(page, good, '核算处党员（改正）.xlsx');
      await page.getByTestId('import-validate').click();
      await expect.poll(() => page.getByTestId('import-valid').textContent(), { timeout: 30_000 }).toBe('共 2 行，全部通过校验');
      await page.getByTestId('import-commit').click();
      await expect.poll(() => page.getByTestId('import-done').textContent(), { timeout: 30_000 }).toBe('已导入 2 名党员');

      // 4. The list of the branch has the new member.
      await page.getByTestId('import-to-list').click();
      await page.waitForURL((url) => url.pathname === '/members' && url.searchParams.get('orgId') === String(orgId));
      await page.getByLabel('按姓名搜索').fill(first.name);
      await page.getByLabel('按姓名搜索').press('Enter');
      const row = page.locator('[data-testid="members-table"] tbody tr.ant-table-row', { hasText: first.name });
      await row.waitFor();
      await row.click();
      await page.waitForURL((url) => /^\/members\/\d+$/.test(url.pathname));

      // 5. The ID number is masked; 显示 (after the audit notice) shows it in full.
      const value = page.getByTestId('idNumber-value');
      await value.waitFor();
      const masked = (await value.textContent()) ?? '';
      expect(masked).not.toContain(first.idNumber);
      expect(masked.startsWith(first.idNumber.slice(0, 3))).toBe(true);
      expect(masked.endsWith(first.idNumber.slice(-4))).toBe(true);
      await page.getByTestId('idNumber-unmask').click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.getByText('审计日志').waitFor();
      await confirm.getByRole('button', { name: '显示' }).click();
      await expect.poll(() => value.textContent()).toBe(first.idNumber);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('fits a member\'s page on a 390px-wide phone', async () => {
    const { context, page } = await newPage(browser, 390, 844);
    try {
      await login(page, ORGAN_ADMIN);
      const orgId = await orgIdByName(page, TARGET_BRANCH);
      const list = await page.evaluate(async (id) => ((await (await fetch(`/api/members?orgId=${id}&pageSize=1`)).json()) as { items: { id: number }[] }).items, orgId);
      const id = list[0]?.id;
      expect(id).toBeDefined();
      for (const tab of ['', '?tab=timeline', '?tab=care']) {
        await page.goto(`${baseUrl}/members/${id}${tab}`);
        await page.getByRole('tab', { selected: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
});
