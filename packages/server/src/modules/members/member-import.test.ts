// Excel import of the 党员花名册: all-or-nothing, every bad cell named by row and column, tolerant of the ways
// people fill in spreadsheets, duplicates in the file and in the database, and scope on every step.
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
let branchA: { id: number; name: string; shortName: string | null };
let branchB: number;
let organA: number;

/** A valid, fictitious 公民身份号码 (Beijing 朝阳区 area code): birth date and sequence → with its check character. */
function idn(birth: string, sequence: number): string {
  const body = `110105${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

type Cells = Record<string, unknown>;

/** A workbook: optional lines before the header (a title), the header, then one row per object (by header). */
async function workbook(rows: Cells[], options: { headers?: string[]; before?: unknown[][]; textColumns?: string[] } = {}): Promise<Buffer> {
  const headers = options.headers ?? HEADERS;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  for (const line of options.before ?? []) sheet.addRow(line);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(headers.map((h) => (h in r ? r[h] : null)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function validRow(name: string, id: string, extra: Cells = {}): Cells {
  return { 姓名: name, 性别: Number(id[16]) % 2 === 1 ? '男' : '女', 公民身份号码: id, 民族: '汉族', 人员类别: '正式党员', 入党日期: '2010-07-01', 转正日期: '2011-07-01', 学历: '大学', ...extra };
}

function upload(session: Session, orgId: number, mode: 'validate' | 'commit', body: Buffer, contentType = XLSX) {
  return t.app.inject({
    method: 'POST',
    url: `/api/member-imports?orgId=${orgId}&mode=${mode}&fileName=${encodeURIComponent('花名册.xlsx')}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType },
    payload: body,
  });
}

interface Job {
  id: number;
  status: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  errorCount: number;
  errors: { row: number; column: string; field: string; message: string }[];
  message: string | null;
  finishedAt: string | null;
}

async function finished(session: Session, id: number): Promise<Job> {
  for (let i = 0; i < 1000; i++) {
    const res = await call(t.app, session, 'GET', `/api/member-imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as Job;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`import ${id} did not finish`);
}

async function runImport(session: Session, orgId: number, mode: 'validate' | 'commit', body: Buffer): Promise<Job> {
  const res = await upload(session, orgId, mode, body);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('running');
  return finished(session, res.json().id);
}

async function memberCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM members`);
  return row!.n;
}

async function findMember(session: Session, name: string) {
  const list = (await call(t.app, session, 'GET', `/api/members?q=${encodeURIComponent(name)}&status=all`)).json();
  expect(list.total, `member ${name}`).toBe(1);
  return (await call(t.app, session, 'GET', `/api/members/${list.items[0].id}`)).json();
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['zhibu1', 'zhibu2', 'jiguan1', 'jiguan2', 'dangyuan1']) s[u] = await login(t.app, u);
  const a = (await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${s.zhibu1!.me.grants[0]!.orgId}`)).json();
  branchA = { id: a.id, name: a.name, shortName: a.shortName };
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
  organA = s.jiguan1!.me.grants[0]!.orgId!;
});
afterAll(() => t.close());

describe('the import template', () => {
  it('has the roster columns in order, an example row, dropdowns and the 填写说明 sheet', async () => {
    const res = await call(t.app, s.zhibu1!, 'GET', '/api/members/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(HEADERS.slice(0, 7)).toEqual(['序号', '姓名', '性别', '民族', '出生日期', '公民身份号码', '籍贯']);
    expect(sheet.getRow(2).getCell(1).value).toBe('示例');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const lists = Object.entries(validations).filter(([, v]) => v?.type === 'list');
    const columns = lists.map(([address]) => address.replace(/\d.*$/, ''));
    for (const letter of ['C', 'D', 'H', 'J']) expect(columns, `dropdown in column ${letter}`).toContain(letter);
    const guide = wb.getWorksheet('填写说明')!;
    const guideText = JSON.stringify(guide.getSheetValues());
    for (const h of HEADERS) expect(guideText).toContain(h);
    expect(guideText).toContain('01 汉族');
    expect(guideText).toContain('必填');
  });

  it('uploaded back unchanged, it has no data: the example row is not imported', async () => {
    const template = (await call(t.app, s.zhibu1!, 'GET', '/api/members/import-template.xlsx')).rawPayload;
    const job = await runImport(s.zhibu1!, branchA.id, 'validate', template);
    expect(job.status).toBe('invalid');
    expect(job.errors[0]!.message).toContain('没有党员数据');
  });

  it('is refused to a member (no member:write)', async () => {
    expect((await call(t.app, s.dangyuan1!, 'GET', '/api/members/import-template.xlsx')).statusCode).toBe(403);
  });
});

describe('a file with bad rows', () => {
  it('writes nothing and lists every bad cell with its row and column', async () => {
    const before = await memberCount();
    const body = await workbook(
      [
        validRow('皇甫一', idn('1980-01-01', 11)),
        { ...validRow('钱二', idn('1980-01-02', 13)), 性别: '未知', 入党日期: '2019.07', 公民身份号码: Number('110105198001020130') },
        { ...validRow('孙三', idn('1980-01-03', 15)), 民族: '火星族', 联系电话: '12345' },
        { ...validRow('李四', idn('1980-01-04', 17)), 所在党组织: '不存在的党支部', 工作单位: '不存在的单位' },
        { ...validRow('周五', idn('1980-01-05', 19)), 人员类别: '预备党员' },
        { ...validRow('', idn('1980-01-06', 21)), 出生日期: '1980-01-07' },
      ],
      { before: [['省统计局综合处党支部党员花名册']] },
    );
    const job = await runImport(s.zhibu1!, branchA.id, 'commit', body);
    expect(job.status).toBe('invalid');
    expect(job.insertedRows).toBe(0);
    expect(job.message).toContain('未导入任何党员');
    const cells = job.errors.map((e) => `${e.row}${e.column}`);
    // Header on row 2 (a title above it), so data rows are 3–8.
    expect(cells).toEqual(['4C', '4F', '4K', '5D', '5S', '6O', '6R', '7L', '8B', '8F']);
    expect(job.errorCount).toBe(10);
    const byCell = Object.fromEntries(job.errors.map((e) => [`${e.row}${e.column}`, e]));
    expect(byCell['4F']!.message).toBe('第 4 行：公民身份号码被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写');
    expect(byCell['4F']!.field).toBe('公民身份号码');
    expect(byCell['4K']!.message).toContain('入党日期须精确到日');
    expect(byCell['4C']!.message).toContain('性别「未知」');
    expect(byCell['5D']!.message).toContain('民族“火星族”');
    expect(byCell['6R']!.message).toContain('不存在的党支部');
    expect(byCell['6O']!.message).toContain('不存在的单位');
    expect(byCell['7L']!.message).toContain('预备党员不应有转正日期');
    expect(byCell['8B']!.message).toBe('第 8 行：姓名不能为空');
    expect(byCell['8F']!.message).toContain('出生日期');
    expect(await memberCount()).toBe(before);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members?q=${encodeURIComponent('皇甫一')}`)).json().total).toBe(0);
  });

  it('keeps the first 1,000 errors and counts them all', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ ...validRow(`错${i}`, idn(i < 900 ? '1981-01-01' : '1981-01-02', (i % 900) + 1)), 入党日期: '2019.07' }));
    const job = await runImport(s.zhibu1!, branchA.id, 'validate', await workbook(rows));
    expect(job.status).toBe('invalid');
    expect(job.errorCount).toBe(1200);
    expect(job.errors).toHaveLength(1000);
    expect(job.totalRows).toBe(1200);
    expect(job.errors[0]!.row).toBe(2);
  });

  it('names a missing required column, and refuses a file that is not .xlsx', async () => {
    const job = await runImport(s.zhibu1!, branchA.id, 'validate', await workbook([{ 姓名: '吴六' }], { headers: ['姓名', '性别', '民族', '入党日期'] }));
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e) => e.field)).toEqual(['公民身份号码', '人员类别']);
    expect(job.errors[0]!.message).toContain('缺少必填列「公民身份号码」');

    const csv = await upload(s.zhibu1!, branchA.id, 'validate', Buffer.from('姓名,性别\n张三,男\n'), 'application/octet-stream');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().code).toBe('E_IMPORT_FILE');
    expect(csv.json().message).toContain('.xlsx');

    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    const res = await upload(s.zhibu1!, branchA.id, 'validate', broken);
    expect(res.statusCode).toBe(202);
    const failed = await finished(s.zhibu1!, res.json().id);
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('无法读取');
  });
});

describe('messy but correct files', () => {
  const messy = [
    // Header synonyms, another column order, a title and a blank line above.
    ['姓 名', '身份证号', '性别', '出生年月', '入党时间', '转正时间', '正式/预备', '民族', '学历', '学位', '手机号码', '所在党支部', '工作单位', '工作岗位', '党员状态'],
  ];
  const ids = [idn('1985-07-01', 31), idn('1990-03-15', 42), idn('1978-11-20', 53), idn('1988-02-29', 64), idn('1992-12-31', 75)];

  it('imports dates, numbers, full-width text, synonyms and code aliases correctly', async () => {
    const headers = messy[0]!;
    const rows: Cells[] = [
      { '姓 名': '欧阳　伟', 身份证号: ids[0]!.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), 性别: '男性', 出生年月: new Date(Date.UTC(1985, 6, 1)), 入党时间: '2010.7.1', 转正时间: '2011年7月1日', '正式/预备': '正式', 民族: '01', 学历: '本科', 学位: '学士学位', 手机号码: 13800138001, 所在党支部: null, 工作单位: '省统计局', 工作岗位: '公务员', 党员状态: '正常' },
      { '姓 名': '司 马 静 ', 身份证号: ` ${ids[1]!.toLowerCase()} `, 性别: '女', 出生年月: '1990/3/15', 入党时间: 20150701, 转正时间: '2016-7-1', '正式/预备': '正式党员', 民族: '满族', 学历: '硕士', 学位: '硕士', 手机号码: '138 0013 8002', 所在党支部: branchA.shortName ?? branchA.name },
      { '姓 名': '诸葛洋', 身份证号: ids[2]!, 性别: 1, 出生年月: 28814, 入党时间: '2001-07-01 00:00:00', 转正时间: '２００２．０７．０１', '正式/预备': '正式', 民族: '汉族', 学历: '大专', 所在党支部: branchA.name },
      { '姓 名': '上官丽', 身份证号: ids[3]!, 性别: '女', 入党时间: '2025年3月1日', '正式/预备': '预备', 民族: '汉', 党员状态: '流动党员' },
      { '姓 名': '慕容帆', 身份证号: ids[4]!, 性别: '男', 出生年月: '1992-12-31', 入党时间: new Date(Date.UTC(2020, 5, 30)), 转正时间: 44377, '正式/预备': '正式', 学历: '21' },
    ];
    const body = await workbook(rows, { headers, before: [['党员花名册'], []] });
    const checked = await runImport(s.zhibu1!, branchA.id, 'validate', body);
    expect(checked.errors).toEqual([]);
    expect(checked.status).toBe('valid');
    expect(checked.totalRows).toBe(5);
    expect(await memberCount()).toBeGreaterThan(0);
    const before = await memberCount();
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members?q=${encodeURIComponent('慕容帆')}`)).json().total).toBe(0);

    const job = await runImport(s.zhibu1!, branchA.id, 'commit', body);
    expect(job.errors).toEqual([]);
    expect(job.status).toBe('committed');
    expect(job.insertedRows).toBe(5);
    expect(await memberCount()).toBe(before + 5);

    const wang = await findMember(s.zhibu1!, '欧阳伟');
    expect(wang).toMatchObject({ gender: 'male', birthDate: '1985-07-01', joinedOn: '2010-07-01', fullMemberOn: '2011-07-01', category: 'full', ethnicity: '01', education: '21', degree: '4', orgId: branchA.id, status: 'normal', jobPosition: '01' });
    expect(wang.unit?.name).toBe('省统计局');
    expect(wang.idNumberMasked).toBe(`${ids[0]!.slice(0, 3)}***********${ids[0]!.slice(-4)}`);
    const chen = await findMember(s.zhibu1!, '司马静');
    expect(chen).toMatchObject({ gender: 'female', birthDate: '1990-03-15', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01', ethnicity: '11', education: '14', degree: '3' });
    const liu = await findMember(s.zhibu1!, '诸葛洋');
    expect(liu).toMatchObject({ birthDate: '1978-11-20', joinedOn: '2001-07-01', fullMemberOn: '2002-07-01' });
    const zhang = await findMember(s.zhibu1!, '上官丽');
    expect(zhang).toMatchObject({ category: 'probationary', birthDate: '1988-02-29', fullMemberOn: null, status: 'mobile' });
    expect(zhang.probationEndsOn).toBe('2026-03-01');
    const yang = await findMember(s.zhibu1!, '慕容帆');
    expect(yang).toMatchObject({ joinedOn: '2020-06-30', fullMemberOn: '2021-06-30', education: '21' });

    // Each member has its 'imported' event; the one audit entry holds counts and org ids, no personal data.
    const events = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM member_events WHERE kind = 'imported' AND detail->>'importId' = ${String(job.id)}`);
    expect(events[0]!.n).toBe(5);
    const audits = await queryRows<{ after: unknown; org_id: number }>(t.database.db, sql`SELECT after, org_id FROM audit_events WHERE action = 'member.import' AND target_id = ${String(job.id)}`);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.org_id).toBe(branchA.id);
    const audited = JSON.stringify(audits[0]!.after);
    expect(audited).toContain('"inserted":5');
    for (const secret of [...ids, '13800138001', '欧阳伟', '司马静']) expect(audited).not.toContain(secret);
    // Every run, the dry run included, is audited when it starts.
    const started = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM audit_events WHERE action = 'member.import_start' AND actor_username = 'zhibu1'`);
    expect(started[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('reads Chinese text whose bytes straddle the reader’s chunks, in shared and in inline strings', async () => {
    const place = '吉林省长春市朝阳区红旗街道办事处所辖社区居民委员会第';
    const rowsOf = (prefix: string, month: string) =>
      Array.from({ length: 4000 }, (_, i) =>
        validRow(`${prefix}${i}`, idn(`1982-${month}-0${1 + Math.floor(i / 900)}`, (i % 900) + 1), { 籍贯: `${place}${i}号`.slice(-50), 职级: '一级主任科员', 学历: '硕士研究生' }),
      );
    const sharedRows = rowsOf('长春', '02');
    const sharedJob = await runImport(s.zhibu1!, branchA.id, 'commit', await workbook(sharedRows));
    expect(sharedJob.errors.slice(0, 3)).toEqual([]);
    expect(sharedJob.status).toBe('committed');

    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = writer.addWorksheet('花名册');
    sheet.addRow(HEADERS).commit();
    const inlineRows = rowsOf('吉林', '03');
    for (const r of inlineRows) sheet.addRow(HEADERS.map((h) => (h in r ? r[h] : null))).commit();
    sheet.commit();
    await writer.commit();
    const inlineJob = await runImport(s.zhibu1!, branchA.id, 'commit', Buffer.concat(chunks));
    expect(inlineJob.errors.slice(0, 3)).toEqual([]);
    expect(inlineJob.status).toBe('committed');

    // Free text is not validated, so compare it: every character must have come through.
    const stored = await queryRows<{ name: string; native_place: string; rank: string }>(
      t.database.db,
      sql`SELECT name, native_place, rank FROM members WHERE name LIKE '长春%' OR name LIKE '吉林%'`,
    );
    const expected = new Map([...sharedRows, ...inlineRows].map((r) => [r.姓名 as string, r.籍贯 as string]));
    expect(stored).toHaveLength(expected.size);
    const wrong = stored.filter((m) => m.native_place !== expected.get(m.name) || m.rank !== '一级主任科员');
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('puts members into the branches named in the file when importing into an organ', async () => {
    const branches = (await call(t.app, s.jiguan1!, 'GET', `/api/orgs/${organA}/children`)).json();
    const items = (Array.isArray(branches) ? branches : branches.items) as { id: number; name: string; type: string }[];
    const other = items.find((b) => b.type === 'branch' && b.id !== branchA.id)!;
    const body = await workbook([validRow('郑七', idn('1983-05-05', 81), { 所在党组织: other.name }), validRow('冯八', idn('1983-05-06', 83))]);
    const job = await runImport(s.jiguan1!, organA, 'validate', body);
    expect(job.status).toBe('invalid');
    expect(job.errors).toHaveLength(1);
    expect(job.errors[0]).toMatchObject({ row: 3, column: 'R', field: '所在党组织' });
    expect(job.errors[0]!.message).toContain('不是党支部');
  });
});

describe('duplicates', () => {
  it('the same ID number twice in the file names both rows', async () => {
    const id = idn('1975-05-05', 91);
    const body = await workbook([validRow('重复甲', id), validRow('其他人', idn('1975-05-06', 93)), validRow('重复乙', id.replace('110105', '１１０１０５'))]);
    const job = await runImport(s.zhibu1!, branchA.id, 'validate', body);
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e) => `${e.row}${e.column}`)).toEqual(['2F', '4F']);
    expect(job.errors[0]!.message).toBe('第 2 行：公民身份号码与第 4 行重复（同一名党员只能登记一次）');
    expect(job.errors[1]!.message).toBe('第 4 行：公民身份号码与第 2 行重复（同一名党员只能登记一次）');
  });

  it('an ID number already registered names the member’s org only inside the actor’s scope', async () => {
    const mine = idn('1976-06-06', 95);
    const theirs = idn('1976-06-07', 97);
    expect((await runImport(s.zhibu1!, branchA.id, 'commit', await workbook([validRow('已在甲', mine)]))).status).toBe('committed');
    expect((await runImport(s.zhibu2!, branchB, 'commit', await workbook([validRow('已在乙', theirs)]))).status).toBe('committed');

    const job = await runImport(s.zhibu1!, branchA.id, 'commit', await workbook([validRow('东方新', idn('1976-06-08', 99)), validRow('已在甲', mine), validRow('已在乙', theirs)]));
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e) => `${e.row}${e.column}`)).toEqual(['3F', '4F']);
    expect(job.errors[0]!.message).toBe(`第 3 行：公民身份号码已登记为党员（所在组织：${branchA.name}）`);
    expect(job.errors[1]!.message).toBe('第 4 行：公民身份号码已登记为党员');
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members?q=${encodeURIComponent('东方新')}`)).json().total).toBe(0);
  });
});

describe('scope', () => {
  it('a branch officer cannot import into another organ’s branch, nor read its import jobs', async () => {
    const res = await upload(s.zhibu1!, branchB, 'validate', await workbook([validRow('越权', idn('1977-07-07', 101))]));
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('E_ORG_NOT_FOUND');
    const theirs = await upload(s.zhibu2!, branchB, 'validate', await workbook([validRow('乙支部', idn('1977-07-08', 103))]));
    expect(theirs.statusCode).toBe(202);
    const id = theirs.json().id as number;
    for (const user of ['zhibu1', 'jiguan1']) {
      const read = await call(t.app, s[user]!, 'GET', `/api/member-imports/${id}`);
      expect(read.statusCode, user).toBe(404);
      expect(read.json().code).toBe('E_IMPORT_NOT_FOUND');
    }
    const done = await finished(s.zhibu2!, id);
    expect(done.status).toBe('valid');
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/member-imports/${id}`)).statusCode).toBe(200);
    for (const user of ['zhibu1', 'jiguan1']) expect((await call(t.app, s[user]!, 'GET', `/api/member-imports/${id}`)).statusCode, user).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', '/api/member-imports/999999')).statusCode).toBe(404);
  });

  it('a member cannot import at all', async () => {
    const res = await upload(s.dangyuan1!, branchA.id, 'validate', await workbook([validRow('党员', idn('1977-07-09', 105))]));
    expect(res.statusCode).toBe(403);
  });
});
