import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db.js';
import { problems } from '../../platform/schema.js';
import { officeText } from '../../../test/office-files.js';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
const s: Record<string, Session> = {};
let stats: number; // 省统计局机关党委 (jiguan1)
let branchA: number; // 统计局综合处党支部 (zhibu1)
let branchB: number; // 地震监测中心站党支部 (zhibu2)
let branchAName: string;
let statsChildren: { id: number; name: string; shortName: string | null; type: string }[];
const TODAY = '2026-11-23';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'zhibu2']) s[u] = await login(t.app, u);
  stats = s.jiguan1!.me.grants[0]!.orgId!;
  branchA = s.zhibu1!.me.grants[0]!.orgId!;
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
  branchAName = (await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${branchA}`)).json().name;
  statsChildren = (await call(t.app, s.jiguan1!, 'GET', `/api/orgs/${stats}/children`)).json().items;
});
afterAll(() => t.close());

async function batch(who: Session, issuingOrgId: number, name: string, issuedOn = '2026-11-01') {
  const res = await call(t.app, who, 'POST', '/api/rectification/batches', { issuingOrgId, source: 'special_inspection', name, issuedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

async function issue(who: Session, batchId: number, responsibleOrgId: number, description: string, deadline = '2026-12-31', category = 'organizational') {
  const res = await call(t.app, who, 'POST', `/api/rectification/batches/${batchId}/problems`, { responsibleOrgId, description, category, severity: 'general', deadline });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

async function ok(who: Session, method: 'POST' | 'PUT', url: string, body: unknown) {
  const res = await call(t.app, who, method, url, body);
  expect(res.statusCode, `${method} ${url} ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return res.json();
}

/** Claims, sets a measure and requests 销号 as `who` (the responsible side). */
async function toClosureRequested(who: Session, id: number) {
  await ok(who, 'POST', `/api/rectification/problems/${id}/claim`, {});
  await ok(who, 'PUT', `/api/rectification/problems/${id}/measures`, { measures: [{ content: '完善制度并组织学习', owner: '支部书记', deadline: '2026-12-15' }] });
  return ok(who, 'POST', `/api/rectification/problems/${id}/request-closure`, { note: '已完成整改' });
}

describe('the workflow up to 销号', () => {
  it('issue → claim → measures → progress → evidence → request closure → approve, each step on the timeline', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：党建工作专项检查');
    const id = await issue(s.jiguan1!, b, branchA, '三会一课制度落实不到位，支部党员大会未按季度召开');
    const issued = (await call(t.app, s.zhibu1!, 'GET', `/api/rectification/problems/${id}`)).json();
    expect(issued).toMatchObject({ status: 'issued', responsibleOrgId: branchA, issuingOrgId: stats, overdue: false, daysOverdue: 0, allowedActions: ['claim'] });

    const claimed = await ok(s.zhibu1!, 'POST', `/api/rectification/problems/${id}/claim`, { responsiblePerson: '支部书记', note: '支部认领' });
    expect(claimed).toMatchObject({ status: 'claimed', responsiblePerson: '支部书记' });
    const measured = await ok(s.zhibu1!, 'PUT', `/api/rectification/problems/${id}/measures`, {
      measures: [
        { content: '制定年度党员大会计划', owner: '组织委员', deadline: '2026-12-01' },
        { content: '补开第四季度党员大会', owner: '支部书记', deadline: '2026-12-20' },
      ],
    });
    expect(measured.status).toBe('measures_set');
    expect(measured.measures.map((m: { content: string }) => m.content)).toEqual(['制定年度党员大会计划', '补开第四季度党员大会']);
    expect((await ok(s.zhibu1!, 'POST', `/api/rectification/problems/${id}/progress`, { note: '已制定计划' })).status).toBe('in_progress');
    const link = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/evidence`, { kind: 'link', label: '会议纪要', url: 'https://example.org/minutes' });
    expect(link.statusCode, link.body).toBe(201);
    const content = Buffer.from('整改报告：已补开党员大会。');
    const file = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/evidence`, { kind: 'file', label: '整改报告', fileName: '整改报告.txt', contentType: 'text/plain', contentBase64: content.toString('base64') });
    expect(file.statusCode, file.body).toBe(201);
    expect(file.json()).toMatchObject({ kind: 'file', fileName: '整改报告.txt', size: content.length });
    const download = await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems/${id}/evidence/${file.json().id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['content-disposition']).toContain('attachment');
    const activityId = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?pageSize=1&status=completed')).json().items[0].id;
    const activity = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/evidence`, { kind: 'activity', label: '补开的党员大会', activityId });
    expect(activity.statusCode, activity.body).toBe(201);
    expect(activity.json().activityTopic).toBeTruthy();
    const tooBig = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/evidence`, { kind: 'file', label: '大文件', fileName: 'a.bin', contentType: 'application/octet-stream', contentBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64') });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().details[0].field).toBe('contentBase64');

    const early = await call(t.app, s.jiguan1!, 'POST', `/api/rectification/problems/${id}/approve`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'E_PROBLEM_STATE' });
    expect(early.json().message).toContain('整改中');

    const requested = await ok(s.zhibu1!, 'POST', `/api/rectification/problems/${id}/request-closure`, { note: '整改完成，申请销号' });
    expect(requested).toMatchObject({ status: 'closure_requested', allowedActions: [] });
    expect((await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems/${id}`)).json().allowedActions).toEqual(['approve', 'return']);

    const approved = await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${id}/approve`, { note: '整改到位' });
    expect(approved).toMatchObject({ status: 'closed', closedOn: TODAY, closedOnTime: true, reviewDueOn: '2027-05-23', allowedActions: ['review'] });
    expect(approved.events.map((e: { kind: string }) => e.kind)).toEqual(['issued', 'claimed', 'measures_set', 'progress', 'updated', 'updated', 'updated', 'closure_requested', 'closed']);
    expect(approved.evidence).toHaveLength(3);

    const audit = await queryRows<{ action: string }>(t.database.db, sql`SELECT action FROM audit_events WHERE target_type = 'problem' AND target_id = ${String(id)} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual([
      'rectification.issue',
      'rectification.claim',
      'rectification.measures',
      'rectification.progress',
      'rectification.evidence',
      'rectification.evidence',
      'rectification.evidence',
      'rectification.request_closure',
      'rectification.close',
    ]);

    // 回头看 finds a relapse: back to 整改中, counted.
    const reopened = await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${id}/review`, { outcome: 'reopen', note: '第一季度党员大会仍未召开' });
    expect(reopened).toMatchObject({ status: 'in_progress', closedOn: null, reopenedCount: 1 });
    expect(reopened.events.slice(-2).map((e: { kind: string }) => e.kind)).toEqual(['reviewed', 'reopened']);
  });

  it('the issuing level returns a request with a reason; it comes back to 整改中 and can be requested again', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：退回');
    const id = await issue(s.jiguan1!, b, branchA, '发展党员档案材料不规范');
    await toClosureRequested(s.zhibu1!, id);
    const missing = await call(t.app, s.jiguan1!, 'POST', `/api/rectification/problems/${id}/return`, {});
    expect(missing.statusCode).toBe(400);
    const returned = await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${id}/return`, { reason: '佐证材料不足，请补充档案整改清单' });
    expect(returned).toMatchObject({ status: 'in_progress', returnedCount: 1 });
    expect(returned.events.at(-1)).toMatchObject({ kind: 'returned', note: '佐证材料不足，请补充档案整改清单' });
    await ok(s.zhibu1!, 'POST', `/api/rectification/problems/${id}/request-closure`, { note: '已补充' });
    expect((await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${id}/approve`, {})).status).toBe('closed');
  });

  it('only the issuing level closes: the responsible branch and organ get 403 E_PROBLEM_NOT_ISSUER, another organ 404', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：审核权');
    const id = await issue(s.jiguan1!, b, branchA, '党费收缴台账不完整');
    await toClosureRequested(s.zhibu1!, id);
    const self = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'E_PROBLEM_NOT_ISSUER', message: '只有下发问题的上级组织才能审核销号或回头看' });
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/return`, { reason: '自己退回' })).json().code).toBe('E_PROBLEM_NOT_ISSUER');
    const other = await call(t.app, s.jiguan2!, 'POST', `/api/rectification/problems/${id}/approve`, {});
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('E_PROBLEM_NOT_FOUND');

    // A problem the 工委 issued to the organ committee: the organ (responsible) cannot close it, the 工委 can.
    const rootBatch = await batch(s.gongwei!, s.gongwei!.me.grants[0]!.orgId!, '测试：工委下发');
    const organProblem = await issue(s.gongwei!, rootBatch, stats, '第一议题学习流于形式');
    await toClosureRequested(s.jiguan1!, organProblem);
    expect((await call(t.app, s.jiguan1!, 'POST', `/api/rectification/problems/${organProblem}/approve`, {})).json().code).toBe('E_PROBLEM_NOT_ISSUER');
    expect((await ok(s.gongwei!, 'POST', `/api/rectification/problems/${organProblem}/approve`, {})).status).toBe('closed');
  });

  it('the responsible org must be strictly below the issuing one', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：责任组织');
    const self = await call(t.app, s.jiguan1!, 'POST', `/api/rectification/batches/${b}/problems`, { responsibleOrgId: stats, description: 'x', category: 'organizational', severity: 'general', deadline: '2026-12-31' });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'E_RECTIFICATION_INVALID', details: [{ field: 'responsibleOrgId' }] });
    const foreign = await call(t.app, s.jiguan1!, 'POST', `/api/rectification/batches/${b}/problems`, { responsibleOrgId: branchB, description: 'x', category: 'organizational', severity: 'general', deadline: '2026-12-31' });
    expect(foreign.statusCode).toBe(404);
    const past = await call(t.app, s.jiguan1!, 'POST', `/api/rectification/batches/${b}/problems`, { responsibleOrgId: branchA, description: 'x', category: 'organizational', severity: 'general', deadline: '2026-01-01' });
    expect(past.json()).toMatchObject({ code: 'E_RECTIFICATION_INVALID', details: [{ field: 'deadline' }] });
  });
});

describe('逾期 is derived from the deadline and shows at every level above', () => {
  it('a problem past its deadline is overdue for its branch and its parent, on the board, in the issued list and the warnings', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：逾期');
    const id = await issue(s.jiguan1!, b, branchA, '支部书记抓党建述职报告问题查摆不深');
    await t.database.db.update(problems).set({ deadline: '2026-11-13' }).where(eq(problems.id, id));
    const mine = (await call(t.app, s.zhibu1!, 'GET', '/api/rectification/problems?overdue=true&pageSize=100')).json();
    expect(mine.items.find((p: { id: number }) => p.id === id)).toMatchObject({ overdue: true, daysOverdue: 10 });
    const parent = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems?overdue=true&orgId=${branchA}&pageSize=100`)).json();
    expect(parent.items.map((p: { id: number }) => p.id)).toContain(id);
    const issued = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems?view=issued&batchId=${b}`)).json();
    expect(issued.items).toEqual([expect.objectContaining({ id, overdue: true })]);
    const board = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/batches/${b}`)).json();
    expect(board.batch).toMatchObject({ problemCount: 1, overdueCount: 1, closedCount: 0, closureRate: 0 });
    expect(board.byOrg).toEqual([expect.objectContaining({ orgId: branchA, total: 1, overdue: 1 })]);
    expect(board.byStatus).toEqual([{ status: 'issued', count: 1 }]);
    const warnings = (await call(t.app, s.zhibu1!, 'GET', '/api/warnings?kind=problem&pageSize=100')).json();
    expect(warnings.items.find((w: { problemId?: number }) => w.problemId === id)).toMatchObject({ kind: 'problem', orgId: branchA, dueOn: '2026-11-13', basis: [{ article: '整改时限', value: '2026-11-13', sourceTitle: expect.stringContaining('」') }] });
    expect(warnings.items.find((w: { problemId?: number }) => w.problemId === id).message).toContain('10 天');
    const other = (await call(t.app, s.zhibu2!, 'GET', '/api/warnings?kind=problem&pageSize=100')).json();
    expect(other.items.map((w: { problemId?: number }) => w.problemId)).not.toContain(id);
  });
});

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('问题清单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(who: Session, batchId: number, mode: 'validate' | 'commit', file: Buffer) {
  return t.app.inject({ method: 'POST', url: `/api/rectification/batches/${batchId}/import?mode=${mode}`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': XLSX }, payload: file });
}

describe('importing a findings list', () => {
  it('reports an unknown organization and a bad deadline by row and column and writes nothing; a good file commits every row', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：导入');
    const template = await call(t.app, s.jiguan1!, 'GET', `/api/rectification/batches/${b}/import-template.xlsx`);
    expect(template.statusCode).toBe(200);
    const templateText = officeText(template.rawPayload);
    for (const h of ['责任组织', '问题描述', '问题类别', '严重程度', '整改时限', '责任人', '填写说明']) expect(templateText).toContain(h);
    const header = ['责任组织', '问题描述', '问题类别', '严重程度', '整改时限', '责任人'];
    const bad = await workbook([
      header,
      [branchAName, '党费收缴台账不完整', '组织建设', '一般', '2026.12.31', '张三'],
      ['不存在的党支部', '第一议题学习流于形式', '思想建设', '较重', '2026-12-31', null],
      [branchAName, '党建与业务融合不紧', '党建业务融合', '一般', '2026.13.45', null],
    ]);
    for (const mode of ['validate', 'commit'] as const) {
      const res = await upload(s.jiguan1!, b, mode, bad);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ mode, valid: false, rows: 3, created: 0 });
      expect(body.errors).toEqual([
        expect.objectContaining({ row: 3, column: 'A', field: '责任组织' }),
        expect.objectContaining({ row: 4, column: 'E', field: '整改时限' }),
      ]);
      expect(body.errors[0].message).toContain('不存在的党支部');
    }
    expect((await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems?view=issued&batchId=${b}`)).json().total).toBe(0);

    const accounts = statsChildren.find((c) => c.name.includes('国民经济核算处'))!;
    const good = await workbook([
      ['2026年党建工作专项检查问题清单'],
      ['责任单位', '存在问题', '类别', '问题等级', '完成时限', '整改责任人'],
      [branchAName, '党费收缴台账不完整', '组织建设', '一般', '2026.12.31', '张三'],
      [accounts.shortName, '第一议题学习流于形式', 'ideological', '较重', '2027年1月5日', null],
      [branchAName, '党建与业务融合不紧', '党建业务融合', null, new Date(Date.UTC(2027, 0, 20)), null],
    ]);
    const validated = (await upload(s.jiguan1!, b, 'validate', good)).json();
    expect(validated).toMatchObject({ valid: true, rows: 3, created: 0, errors: [] });
    const committed = (await upload(s.jiguan1!, b, 'commit', good)).json();
    expect(committed).toMatchObject({ mode: 'commit', valid: true, rows: 3, created: 3 });
    const list = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/problems?view=issued&batchId=${b}&sort=deadline`)).json();
    expect(list.items.map((p: { deadline: string; responsibleOrgId: number; severity: string }) => [p.deadline, p.responsibleOrgId, p.severity])).toEqual([
      ['2026-12-31', branchA, 'general'],
      ['2027-01-05', accounts.id, 'serious'],
      ['2027-01-20', branchA, 'general'],
    ]);
    expect(list.items[0].responsiblePerson).toBe('张三');
    // Not an xlsx, or not an issuer: refused.
    const text = await t.app.inject({ method: 'POST', url: `/api/rectification/batches/${b}/import?mode=validate`, headers: { cookie: s.jiguan1!.cookie, 'x-csrf-token': s.jiguan1!.csrf, 'content-type': 'application/octet-stream' }, payload: Buffer.from('a,b,c') });
    expect(text.statusCode).toBe(400);
    expect(text.json().code).toBe('E_IMPORT_FILE');
    expect((await upload(s.zhibu1!, b, 'commit', good)).statusCode).toBe(403);
    expect((await upload(s.jiguan2!, b, 'commit', good)).statusCode).toBe(404);
  });
});

describe('scope', () => {
  it('zhibu2 cannot read, change, export or find zhibu1’s problems', async () => {
    const b = await batch(s.jiguan1!, stats, '测试：范围');
    const id = await issue(s.jiguan1!, b, branchA, '组织生活会批评与自我批评不够深入');
    const evidence = (await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/claim`, {})).statusCode;
    expect(evidence).toBe(200);
    const file = await call(t.app, s.zhibu1!, 'POST', `/api/rectification/problems/${id}/evidence`, { kind: 'file', label: '材料', fileName: 'a.txt', contentType: 'text/plain', contentBase64: Buffer.from('x').toString('base64') });
    expect(file.statusCode).toBe(201);
    for (const [method, url, body] of [
      ['GET', `/api/rectification/problems/${id}`, undefined],
      ['POST', `/api/rectification/problems/${id}/claim`, {}],
      ['PUT', `/api/rectification/problems/${id}/measures`, { measures: [{ content: 'x', owner: 'x', deadline: '2026-12-01' }] }],
      ['POST', `/api/rectification/problems/${id}/progress`, { note: 'x' }],
      ['POST', `/api/rectification/problems/${id}/evidence`, { kind: 'link', label: 'x', url: 'https://example.org' }],
      ['GET', `/api/rectification/problems/${id}/evidence/${file.json().id}/file`, undefined],
      ['GET', `/api/rectification/batches/${b}`, undefined],
      ['GET', `/api/rectification/ledger.xlsx?batchId=${b}`, undefined],
    ] as const) {
      const res = await call(t.app, s.zhibu2!, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const search = (await call(t.app, s.zhibu2!, 'GET', `/api/rectification/problems?q=${encodeURIComponent('批评与自我批评不够深入')}`)).json();
    expect(search.total).toBe(0);
    const issuedView = (await call(t.app, s.zhibu2!, 'GET', `/api/rectification/problems?view=issued&batchId=${b}`)).json();
    expect(issuedView.total).toBe(0);
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/rectification/problems?orgId=${branchA}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/rectification/red-black?orgId=${stats}`)).statusCode).toBe(404);
    const ledger = await call(t.app, s.zhibu2!, 'GET', '/api/rectification/ledger.xlsx');
    expect(ledger.statusCode).toBe(200);
    expect(officeText(ledger.rawPayload)).not.toContain('批评与自我批评不够深入');
    // …while zhibu1 sees it, in the list and the ledger.
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/rectification/problems?q=${encodeURIComponent('批评与自我批评不够深入')}`)).json().total).toBe(1);
  });
});

describe('ledger, red-black list and indicators', () => {
  it('computes them from a small known set (a year without demo data)', async () => {
    const office = statsChildren.find((c) => c.name.includes('办公室'))!;
    const accounts = statsChildren.find((c) => c.name.includes('国民经济核算处'))!;
    const b = await batch(s.jiguan1!, stats, '测试：2025年专项检查', '2025-06-01');
    const p1 = await issue(s.jiguan1!, b, branchA, '台账测试：党员大会记录不全', '2026-12-31', 'organizational');
    const p2 = await issue(s.jiguan1!, b, office.id, '台账测试：主题党日流于形式', '2026-12-31', 'organizational');
    const p3 = await issue(s.jiguan1!, b, accounts.id, '台账测试：谈心谈话未全覆盖', '2026-12-31', 'work_style');
    const p4 = await issue(s.jiguan1!, b, accounts.id, '台账测试：党费台账不完整', '2026-12-31', 'organizational');
    for (const [id, who] of [[p1, s.zhibu1!], [p2, s.jiguan1!]] as const) {
      await toClosureRequested(who, id);
      await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${id}/approve`, {});
    }
    await toClosureRequested(s.jiguan1!, p4);
    await ok(s.jiguan1!, 'POST', `/api/rectification/problems/${p4}/return`, { reason: '措施不具体' });
    await t.database.db.update(problems).set({ deadline: '2026-10-31' }).where(eq(problems.id, p3));

    const rb = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/red-black?orgId=${stats}&year=2025`)).json();
    expect(rb.red).toEqual([
      { orgId: office.id, orgName: office.name, total: 1, closedOnTime: 1 },
      { orgId: branchA, orgName: branchAName, total: 1, closedOnTime: 1 },
    ].sort((a, c) => statsChildren.findIndex((x) => x.id === a.orgId) - statsChildren.findIndex((x) => x.id === c.orgId)));
    expect(rb.black).toEqual([{ orgId: accounts.id, orgName: accounts.name, overdue: 1, returned: 1, reopened: 0 }]);

    const ind = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/indicators?orgId=${stats}&year=2025`)).json();
    expect(ind.items[0]).toEqual({ orgId: stats, orgName: expect.any(String), received: 4, closedOnTime: 2, overdue: 1, reopened: 0 });
    expect(ind.items.find((i: { orgId: number }) => i.orgId === accounts.id)).toMatchObject({ received: 2, closedOnTime: 0, overdue: 1 });
    expect(ind.items.find((i: { orgId: number }) => i.orgId === branchA)).toMatchObject({ received: 1, closedOnTime: 1, overdue: 0 });

    const common = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/common?orgId=${stats}&year=2025`)).json();
    expect(common.items).toEqual([{ category: 'organizational', label: '组织建设', orgCount: 3, problemCount: 3, orgNames: expect.arrayContaining([branchAName, office.name, accounts.name]) }]);

    const trend = (await call(t.app, s.jiguan1!, 'GET', `/api/rectification/trend?orgId=${stats}`)).json();
    expect(trend.items.find((i: { batchId: number }) => i.batchId === b)).toEqual({ batchId: b, name: '测试：2025年专项检查', issuedOn: '2025-06-01', total: 4, closureRate: 0.5, onTimeRate: 1 });

    const ledger = await call(t.app, s.jiguan1!, 'GET', `/api/rectification/ledger.xlsx?batchId=${b}`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.headers['content-type']).toContain('spreadsheetml');
    const text = officeText(ledger.rawPayload);
    for (const h of ['序号', '批次', '来源', '责任组织', '责任人', '问题描述', '类别', '严重程度', '整改时限', '整改措施', '状态', '是否逾期', '销号日期', '回头看']) expect(text).toContain(h);
    for (const d of ['台账测试：党员大会记录不全', '台账测试：谈心谈话未全覆盖', '专项检查', '已销号', '整改中', '是（逾期 23 天）', '完善制度并组织学习', '应于 2027-05-23 回头看']) expect(text).toContain(d);
    const audit = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM audit_events WHERE action = 'rectification.export'`);
    expect(audit[0]!.n).toBeGreaterThan(0);
  });
});

describe('demo data', () => {
  it('the 工委 inspection round and the organ’s special inspection, with an overdue problem for zhibu1 and jiguan1', async () => {
    const batches = (await call(t.app, s.gongwei!, 'GET', '/api/rectification/batches?q=' + encodeURIComponent('2026年第一轮巡察'))).json();
    expect(batches.items[0]).toMatchObject({ source: 'inspection_tour', problemCount: 20, overdueCount: 3 });
    expect(batches.items[0].closedCount).toBeGreaterThanOrEqual(10);
    const board = (await call(t.app, s.gongwei!, 'GET', `/api/rectification/batches/${batches.items[0].id}`)).json();
    expect(board.byStatus.map((x: { status: string }) => x.status)).toEqual(expect.arrayContaining(['claimed', 'measures_set', 'in_progress', 'closure_requested', 'closed']));
    for (const who of ['zhibu1', 'jiguan1']) {
      const overdue = (await call(t.app, s[who]!, 'GET', '/api/rectification/problems?overdue=true')).json();
      expect(overdue.items.some((p: { responsibleOrgId: number; batchName: string }) => p.responsibleOrgId === branchA && p.batchName === '2026年第一轮巡察'), who).toBe(true);
    }
    const special = (await call(t.app, s.jiguan1!, 'GET', '/api/rectification/batches?source=special_inspection')).json();
    expect(special.items.map((b: { name: string }) => b.name)).toContain('2026年党建工作专项检查');
    const reopened = (await call(t.app, s.gongwei!, 'GET', `/api/rectification/problems?view=issued&batchId=${batches.items[0].id}&pageSize=100`)).json().items.filter((p: { reopenedCount: number }) => p.reopenedCount > 0);
    expect(reopened).toHaveLength(1);
    const detail = (await call(t.app, s.gongwei!, 'GET', `/api/rectification/problems/${reopened[0].id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['issued', 'claimed', 'measures_set', 'progress', 'closure_requested', 'closed', 'reviewed', 'reopened']);
    expect((await call(t.app, s.zhibu2!, 'GET', '/api/rectification/problems?pageSize=100')).json().items.every((p: { responsibleOrgId: number }) => p.responsibleOrgId === branchB)).toBe(true);
  });
});
