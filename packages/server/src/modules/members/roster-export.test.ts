// The 党员花名册 export: the roster columns in order, ordered by organization then name, ID numbers and phones
// always masked, audited with the row count, and only inside the actor's scope.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@dangjian/regulations';
import { queryRows } from '../../platform/db.js';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';
import { ROSTER_COLUMNS } from './roster-columns.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ROSTER_COLUMNS.map((c) => c.header);

let t: TestApp;
const s: Record<string, Session> = {};
let branchA: number;
let branchB: number;
let organA: number;
const body17 = '11010819790415003';
const knownId = body17 + idCheckChar(body17);
const knownPhone = '13912345678';

async function readWorkbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of every sheet as text. */
function allCells(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? cell.value ?? '')))));
  return out;
}

function dataRows(wb: ExcelJS.Workbook): Record<string, string>[] {
  const sheet = wb.worksheets[0]!;
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(HEADERS.map((h, i) => [h, String(row.getCell(i + 1).text ?? '')])));
  });
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['zhibu1', 'zhibu2', 'jiguan1', 'dangyuan1']) s[u] = await login(t.app, u);
  branchA = s.zhibu1!.me.grants[0]!.orgId!;
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
  organA = s.jiguan1!.me.grants[0]!.orgId!;

  // A member with a known ID number and phone, through the import.
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(HEADERS);
  const row: Record<string, unknown> = { 姓名: '欧阳导出', 性别: '男', 公民身份号码: knownId, 民族: '汉族', 学历: '大学', 人员类别: '正式党员', 入党日期: '2005-07-01', 转正日期: '2006-07-01', 联系电话: knownPhone, 工作单位: '省统计局', 职务: '副处长', 职级: '二级调研员' };
  sheet.addRow(HEADERS.map((h) => row[h] ?? null));
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/member-imports?orgId=${branchA}&mode=commit`,
    headers: { cookie: s.zhibu1!.cookie, 'x-csrf-token': s.zhibu1!.csrf, 'content-type': XLSX },
    payload: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  expect(upload.statusCode, upload.body).toBe(202);
  for (;;) {
    const job = (await call(t.app, s.zhibu1!, 'GET', `/api/member-imports/${upload.json().id}`)).json();
    if (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      continue;
    }
    expect(job.status, JSON.stringify(job.errors)).toBe('committed');
    break;
  }
});
afterAll(() => t.close());

describe('roster export', () => {
  it('has the roster columns in order and masks every ID number and phone: no full number in any cell', async () => {
    const res = await call(t.app, s.zhibu1!, 'GET', '/api/members/roster.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('党员花名册'));
    const wb = await readWorkbook(res.rawPayload);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);

    const rows = dataRows(wb);
    const mine = rows.find((r) => r.姓名 === '欧阳导出')!;
    expect(mine).toMatchObject({ 性别: '男', 民族: '汉族', 学历: '大学', 人员类别: '正式党员', 入党日期: '2005-07-01', 转正日期: '2006-07-01', 党龄: '20', 工作单位: '省统计局', 职务: '副处长', 党籍状态: '正常' });
    expect(mine.公民身份号码).toBe(`${knownId.slice(0, 3)}***********${knownId.slice(-4)}`);
    expect(mine.联系电话).toBe('139****5678');
    expect(mine.出生日期).toBe('1979-04-15');

    const cells = allCells(wb);
    expect(cells.length).toBeGreaterThan(rows.length * 10);
    for (const text of cells) {
      expect(text).not.toContain(knownId);
      expect(text).not.toContain(knownPhone);
      // No full ID number of anyone (demo members included), nor an unmasked mobile number.
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      expect(text).not.toMatch(/1[3-9]\d{9}/);
    }
    expect(rows.filter((r) => r.公民身份号码 !== '').length).toBe(rows.length);
    expect(rows.map((r) => Number(r.序号))).toEqual(rows.map((_, i) => i + 1));
  });

  it('orders by organization (tree order) then name, and is audited with its row count and no personal data', async () => {
    const res = await call(t.app, s.jiguan1!, 'GET', `/api/members/roster.xlsx?orgId=${organA}`);
    expect(res.statusCode).toBe(200);
    const rows = dataRows(await readWorkbook(res.rawPayload));
    const orgOrder = rows.map((r) => r.所在党组织).filter((o, i, all) => i === 0 || all[i - 1] !== o);
    expect(new Set(orgOrder).size, 'each organization appears in one block').toBe(orgOrder.length);
    expect(orgOrder.length).toBeGreaterThan(3);
    const list = (await call(t.app, s.jiguan1!, 'GET', `/api/members?orgId=${organA}&pageSize=1`)).json();
    expect(rows.length).toBe(list.total);

    const audit = await queryRows<{ after: { rows: number }; org_id: number; actor_username: string }>(
      t.database.db,
      sql`SELECT after, org_id, actor_username FROM audit_events WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({ org_id: organA, actor_username: 'jiguan1' });
    expect(audit[0]!.after.rows).toBe(rows.length);
    expect(JSON.stringify(audit[0]!.after)).not.toMatch(/欧阳导出|\d{17}/);
  });

  it('exports one branch without its subtree, and filters by status', async () => {
    const direct = dataRows(await readWorkbook((await call(t.app, s.jiguan1!, 'GET', `/api/members/roster.xlsx?orgId=${branchA}&includeSubtree=false`)).rawPayload));
    const listed = (await call(t.app, s.jiguan1!, 'GET', `/api/members?orgId=${branchA}&includeSubtree=false&pageSize=1`)).json();
    expect(direct.length).toBe(listed.total);
    expect(direct.length).toBeGreaterThan(0);
    const all = dataRows(await readWorkbook((await call(t.app, s.zhibu1!, 'GET', `/api/members/roster.xlsx?orgId=${branchA}&status=all`)).rawPayload));
    const onRoster = dataRows(await readWorkbook((await call(t.app, s.zhibu1!, 'GET', `/api/members/roster.xlsx?orgId=${branchA}`)).rawPayload));
    expect(all.length).toBeGreaterThanOrEqual(onRoster.length);
    const deceased = dataRows(await readWorkbook((await call(t.app, s.zhibu1!, 'GET', `/api/members/roster.xlsx?orgId=${branchA}&status=deceased`)).rawPayload));
    expect(deceased.every((r) => r.党籍状态 === '死亡')).toBe(true);
  });

  it('a branch officer cannot export another organ’s org; a member cannot export at all', async () => {
    for (const user of ['zhibu1', 'jiguan1']) {
      const res = await call(t.app, s[user]!, 'GET', `/api/members/roster.xlsx?orgId=${branchB}`);
      expect(res.statusCode, user).toBe(404);
      expect(res.json().code).toBe('E_ORG_NOT_FOUND');
    }
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/roster.xlsx?orgId=${organA}`)).statusCode).toBe(404);
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/members/roster.xlsx?orgId=${branchA}`)).statusCode).toBe(403);
    const zhibu2 = dataRows(await readWorkbook((await call(t.app, s.zhibu2!, 'GET', '/api/members/roster.xlsx')).rawPayload));
    expect(zhibu2.length).toBeGreaterThan(0);
    expect(zhibu2.map((r) => r.姓名)).not.toContain('欧阳导出');
  });
});
