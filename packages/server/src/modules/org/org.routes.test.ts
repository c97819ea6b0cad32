import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';
import { queryRows } from '../../platform/db.js';

let t: TestApp;
let admin: Session;
let organ: Session;
let rootId: number;
let organId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'gongwei');
  organ = await login(t.app, 'jiguan1');
  rootId = admin.me.grants[0]!.orgId!;
  organId = organ.me.grants[0]!.orgId!;
});
afterAll(() => t.close());

describe('org tree', () => {
  it('roots are the scope roots; children load one level at a time with hasChildren', async () => {
    const roots = (await call(t.app, organ, 'GET', '/api/orgs/roots')).json().items;
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ id: organId, type: 'organ_party_committee', typeLabel: '机关党委', hasChildren: true });
    const children = (await call(t.app, organ, 'GET', `/api/orgs/${organId}/children`)).json().items;
    expect(children.length).toBeGreaterThan(2);
    for (const c of children) expect(c.parentId).toBe(organId);
  });

  it('detail shows ancestors only from the scope root down, and counts the whole subtree', async () => {
    const child = (await call(t.app, organ, 'GET', `/api/orgs/${organId}/children`)).json().items[0];
    const asOrgan = (await call(t.app, organ, 'GET', `/api/orgs/${child.id}`)).json();
    expect(asOrgan.ancestors.map((a: { id: number }) => a.id)).toEqual([organId]);
    const asRoot = (await call(t.app, admin, 'GET', `/api/orgs/${child.id}`)).json();
    expect(asRoot.ancestors.map((a: { id: number }) => a.id)).toEqual([rootId, organId]);
    const [direct] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE ${`%/${organId}/%`}`);
    expect((await call(t.app, organ, 'GET', `/api/orgs/${organId}`)).json().memberCount).toBe(direct!.n);
  });

  it('search pages, filters by type, and shows the path', async () => {
    const page1 = (await call(t.app, admin, 'GET', '/api/orgs?type=branch&pageSize=10')).json();
    const page2 = (await call(t.app, admin, 'GET', '/api/orgs?type=branch&pageSize=10&page=2')).json();
    expect(page1.total).toBeGreaterThan(20);
    expect(page1.items).toHaveLength(10);
    expect(page1.items.map((o: { id: number }) => o.id)).not.toEqual(expect.arrayContaining(page2.items.map((o: { id: number }) => o.id)));
    for (const o of page1.items) {
      expect(o.type).toBe('branch');
      expect(o.pathNames).toContain('机关');
    }
  });

  it('search treats % and _ as plain characters', async () => {
    expect((await call(t.app, admin, 'GET', '/api/orgs?q=%25')).json().total).toBe(0);
    expect((await call(t.app, admin, 'GET', '/api/orgs?q=_')).json().total).toBe(0);
  });

  it('creates a branch under the organ, audited, and it appears as a child', async () => {
    const res = await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '  数据管理中心党支部 ', shortName: '数据中心支部', type: 'branch' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: '数据管理中心党支部', parentId: organId, memberCount: 0, hasChildren: false, status: 'active' });
    const children = (await call(t.app, organ, 'GET', `/api/orgs/${organId}/children`)).json().items;
    expect(children.map((c: { id: number }) => c.id)).toContain(created.id);
    const group = await call(t.app, organ, 'POST', '/api/orgs', { parentId: created.id, name: '第一党小组', type: 'party_small_group' });
    expect(group.statusCode).toBe(201);
    expect((await call(t.app, organ, 'GET', `/api/orgs/${created.id}`)).json().hasChildren).toBe(true);
    const auditor = await login(t.app, 'auditor');
    const log = (await call(t.app, auditor, 'GET', '/api/audit-events?action=org.create')).json();
    expect(log.items.some((e: { targetId: string; actorUsername: string }) => e.targetId === String(created.id) && e.actorUsername === 'jiguan1')).toBe(true);
  });

  it('refuses a second active sibling with the same name, on create and on rename', async () => {
    const first = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '重名测试党支部', type: 'branch' })).json();
    const again = await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '重名测试党支部', type: 'branch' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'E_ORG_DUPLICATE_NAME', details: [{ field: 'name' }] });
    const other = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '另一个党支部', type: 'branch' })).json();
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${other.id}`, { name: '重名测试党支部' })).statusCode).toBe(409);
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${first.id}`, { name: '重名测试党支部', shortName: '简称' })).statusCode).toBe(200);
  });

  it('refuses types that cannot sit under the parent, naming what can', async () => {
    const res = await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '机关党委下的工委', type: 'work_committee' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('机关党委下不能设立工委');
    expect(res.json().message).toContain('党支部');
  });

  it('updates name and status with before/after in the audit trail; no children under a dissolved org', async () => {
    const created = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '待撤销党支部', type: 'branch' })).json();
    const renamed = await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { name: '待撤销的党支部' });
    expect(renamed.json()).toMatchObject({ name: '待撤销的党支部', status: 'active' });
    expect((await call(t.app, organ, 'POST', `/api/orgs/${created.id}/dissolve`, { effectiveOn: '2026-11-20', reason: '测试' })).json().status).toBe('dissolved');
    const under = await call(t.app, organ, 'POST', '/api/orgs', { parentId: created.id, name: '小组', type: 'party_small_group' });
    expect(under.statusCode).toBe(400);
    const auditor = await login(t.app, 'auditor');
    const log = (await call(t.app, auditor, 'GET', '/api/audit-events?action=org.update')).json();
    const entry = log.items.find((e: { targetId: string }) => e.targetId === String(created.id));
    expect(entry.before).toEqual({ name: '待撤销党支部' });
    expect(entry.after).toEqual({ name: '待撤销的党支部' });
  });

  it('a branch officer reads but cannot create or edit orgs', async () => {
    const officer = await login(t.app, 'zhibu1');
    const branch = officer.me.grants[0]!.orgId!;
    expect((await call(t.app, officer, 'PATCH', `/api/orgs/${branch}`, { name: 'x' })).statusCode).toBe(403);
    expect((await call(t.app, officer, 'POST', '/api/orgs', { parentId: branch, name: '小组', type: 'party_small_group' })).statusCode).toBe(403);
  });

  it('exports the org-info ledger of the subtree as xlsx in tree order, and the export is audited', async () => {
    const detail0 = (await call(t.app, organ, 'GET', `/api/orgs/${organId}`)).json();
    const res = await call(t.app, organ, 'GET', `/api/orgs/${organId}/ledgers/org-info`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('组织信息')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => headers.indexOf(name);
    expect(col('组织名称')).toBe(2);
    expect(sheet.getRow(2).getCell(col('组织类别')).value).toBe('机关党委');
    expect(sheet.getRow(2).getCell(col('隶属上级')).value).toBe('中共省直属机关工作委员会'); // parent of the organ
    expect(sheet.getRow(3).getCell(col('隶属上级')).value).toBe(detail0.name); // the next row sits under the organ
    expect(sheet.getRow(2).getCell(col('党员数（含下级）')).value).toBe(detail0.memberCount); // the organ's row counts its whole subtree
    const detail = (await call(t.app, organ, 'GET', `/api/orgs/${organId}`)).json();
    const [count] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::integer AS n FROM orgs WHERE path LIKE ${`%/${organId}/%`}`);
    expect(sheet.rowCount - 1).toBe(count!.n);
    expect(detail.childCount).toBeGreaterThan(0);
    const auditor = await login(t.app, 'auditor');
    const log = (await call(t.app, auditor, 'GET', '/api/audit-events?action=org.ledger_export')).json();
    expect(log.items[0]).toMatchObject({ actorUsername: 'jiguan1', targetId: String(organId), after: { ledger: 'org-info' } });
  });
});

describe('dashboard', () => {
  it('rolls up the subtree: totals equal the roster, children sum to the whole', async () => {
    const d = (await call(t.app, admin, 'GET', '/api/dashboard')).json();
    const roster = (await call(t.app, admin, 'GET', '/api/members?pageSize=1')).json();
    expect(d.memberTotals.total).toBe(roster.total);
    expect(d.memberTotals.full + d.memberTotals.probationary).toBe(d.memberTotals.total);
    expect(d.children.reduce((a: number, c: { memberCount: number }) => a + c.memberCount, 0)).toBe(d.memberTotals.total);
    expect(d.membersByAgeBand.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(d.memberTotals.total);
    const organRoll = d.children.find((c: { id: number }) => c.id === organId);
    const organDash = (await call(t.app, organ, 'GET', '/api/dashboard')).json();
    expect(organDash.memberTotals.total).toBe(organRoll.memberCount);
    expect(organDash.orgCountsByType.reduce((a: number, c: { count: number }) => a + c.count, 0)).toBe(organRoll.orgCount); // a child's orgCount includes the child itself
  });

  it('counts members on the roster only: one who has left the Party drops out of the dashboard, the statistics and the org\'s count', async () => {
    const before = (await call(t.app, organ, 'GET', '/api/dashboard')).json();
    const orgBefore = (await call(t.app, organ, 'GET', `/api/orgs/${organId}`)).json();
    const [leaver] = await queryRows<{ id: number }>(t.database.db, sql`SELECT m.id FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE ${`%/${organId}/%`} AND m.status = 'normal' ORDER BY m.id LIMIT 1`);
    await t.database.db.execute(sql`UPDATE members SET status = 'deceased' WHERE id = ${leaver!.id}`);
    try {
      const after = (await call(t.app, organ, 'GET', '/api/dashboard')).json();
      expect(after.memberTotals.total).toBe(before.memberTotals.total - 1);
      expect(after.children.reduce((a: number, c: { memberCount: number }) => a + c.memberCount, 0)).toBe(after.memberTotals.total);
      expect((await call(t.app, organ, 'GET', '/api/members/stats')).json().total).toBe(after.memberTotals.total);
      expect((await call(t.app, organ, 'GET', `/api/orgs/${organId}`)).json().memberCount).toBe(orgBefore.memberCount - 1);
    } finally {
      await t.database.db.execute(sql`UPDATE members SET status = 'normal' WHERE id = ${leaver!.id}`);
    }
  });
});

describe('reorganization: moving a subtree', () => {
  it('previews, then moves a branch with its small groups and members under a new general branch, keeping history', async () => {
    const general = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '机关第一党总支', type: 'general_branch' })).json();
    const branch = (await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('省统计局数据管理中心党支部'))).json().items[0];
    expect(branch.memberCount ?? 1).toBeGreaterThan(0);
    const group = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: branch.id, name: '迁移测试党小组', type: 'party_small_group' })).json();
    const before = (await call(t.app, organ, 'GET', `/api/orgs/${branch.id}`)).json();
    const membersBefore = (await call(t.app, organ, 'GET', `/api/members?orgId=${branch.id}&pageSize=100`)).json().items.map((m: { id: number }) => m.id).sort();
    expect(membersBefore.length).toBeGreaterThan(5);

    const preview = await call(t.app, organ, 'GET', `/api/orgs/${branch.id}/move-preview?newParentId=${general.id}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ orgId: branch.id, toParent: { id: general.id }, fromParent: { id: organId }, orgCount: 2, memberCount: before.memberCount });
    expect((await call(t.app, organ, 'GET', `/api/orgs/${branch.id}`)).json().parentId).toBe(organId); // preview changed nothing

    const moved = await call(t.app, organ, 'POST', `/api/orgs/${branch.id}/move`, { newParentId: general.id, effectiveOn: '2026-11-20', reason: '机构改革：省统计局内设机构调整' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().ancestors.map((a: { id: number }) => a.id)).toEqual([organId, general.id]);
    expect(moved.json().memberCount).toBe(before.memberCount);
    const groupAfter = (await call(t.app, organ, 'GET', `/api/orgs/${group.id}`)).json();
    expect(groupAfter.ancestors.map((a: { id: number }) => a.id)).toEqual([organId, general.id, branch.id]);
    const membersAfter = (await call(t.app, organ, 'GET', `/api/members?orgId=${branch.id}&pageSize=100`)).json().items.map((m: { id: number }) => m.id).sort();
    expect(membersAfter).toEqual(membersBefore);
    expect((await call(t.app, organ, 'GET', `/api/orgs/${general.id}`)).json().memberCount).toBe(before.memberCount);
    const committee = (await call(t.app, organ, 'GET', `/api/orgs/${branch.id}/committee`)).json();
    expect(committee.current.length).toBeGreaterThan(0); // records stay attached

    const history = (await call(t.app, organ, 'GET', `/api/orgs/${branch.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ event: 'moved', occurredOn: '2026-11-20', toParentName: '机关第一党总支', fromParentName: expect.stringContaining('统计局') });
  });

  it('refuses cycles, moves outside the scope, the scope root itself, and wrong parent types — with the field named', async () => {
    const children = (await call(t.app, organ, 'GET', `/api/orgs/${organId}/children`)).json().items;
    const branch = children.find((c: { type: string }) => c.type === 'branch');
    const general = children.find((c: { type: string }) => c.type === 'general_branch');
    const cycle = await call(t.app, admin, 'POST', `/api/orgs/${organId}/move`, { newParentId: general.id, effectiveOn: '2026-11-20', reason: 'x' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ code: 'E_ORG_MOVE_INVALID', details: [{ field: 'newParentId' }] });
    const quakeOrgan = (await call(t.app, admin, 'GET', '/api/orgs?q=' + encodeURIComponent('省地震局机关委员会'))).json().items[0];
    const outside = await call(t.app, organ, 'POST', `/api/orgs/${branch.id}/move`, { newParentId: quakeOrgan.id, effectiveOn: '2026-11-20', reason: 'x' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().details[0].field).toBe('newParentId');
    const ownRoot = await call(t.app, organ, 'POST', `/api/orgs/${organId}/move`, { newParentId: general.id, effectiveOn: '2026-11-20', reason: 'x' });
    expect(ownRoot.json().code).toBe('E_ORG_MOVE_INVALID');
    const wrongType = await call(t.app, organ, 'POST', `/api/orgs/${general.id}/move`, { newParentId: branch.id, effectiveOn: '2026-11-20', reason: 'x' });
    expect(wrongType.json().code).toBe('E_ORG_INVALID_PARENT');
    // and the 工委 administrator can move a whole organ's branch across organs
    const across = await call(t.app, admin, 'POST', `/api/orgs/${branch.id}/move`, { newParentId: quakeOrgan.id, effectiveOn: '2026-11-20', reason: '划转' });
    expect(across.statusCode, across.body).toBe(200);
    expect((await call(t.app, organ, 'GET', `/api/orgs/${branch.id}`)).statusCode).toBe(404); // no longer in 统计局's scope
  });
});

describe('reorganization: merging and dissolving', () => {
  it('merges a branch into another: members move with their history, the committee ends, the source is kept as 合并', async () => {
    const a = (await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('省统计局人口和就业统计处党支部'))).json().items[0];
    const b = (await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('省统计局工业和能源统计处党支部'))).json().items[0];
    const aMembers = (await call(t.app, organ, 'GET', `/api/members?orgId=${a.id}&pageSize=100`)).json().items.map((m: { id: number }) => m.id);
    const bBefore = (await call(t.app, organ, 'GET', `/api/orgs/${b.id}`)).json().memberCount;
    const preview = (await call(t.app, organ, 'GET', `/api/orgs/${a.id}/merge-preview?targetId=${b.id}`)).json();
    expect(preview).toMatchObject({ source: { id: a.id }, target: { id: b.id }, memberCount: aMembers.length });

    const merged = await call(t.app, organ, 'POST', `/api/orgs/${a.id}/merge`, { targetId: b.id, effectiveOn: '2026-11-20', reason: '处室合并' });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().memberCount).toBe(bBefore + aMembers.length);
    const aAfter = (await call(t.app, organ, 'GET', `/api/orgs/${a.id}`)).json();
    expect(aAfter).toMatchObject({ status: 'merged', memberCount: 0 });
    expect((await call(t.app, organ, 'GET', `/api/orgs/${a.id}/committee`)).json().current).toEqual([]);
    for (const id of aMembers.slice(0, 3)) expect((await call(t.app, organ, 'GET', `/api/members/${id}`)).json().orgId).toBe(b.id);
    const history = (await call(t.app, organ, 'GET', `/api/orgs/${a.id}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({ event: 'merged_into', occurredOn: '2026-11-20' });
    const warnings = (await call(t.app, organ, 'GET', '/api/warnings?pageSize=100')).json().items;
    expect(warnings.some((w: { orgId: number }) => w.orgId === a.id)).toBe(false); // a merged org raises nothing
  });

  it('refuses to merge into its own child or an org of another type, and to dissolve an org that still has members', async () => {
    const organDetail = (await call(t.app, organ, 'GET', `/api/orgs/${organId}/children`)).json().items;
    const general = organDetail.find((c: { type: string; status: string }) => c.type === 'general_branch' && c.status === 'active');
    const branch = (await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('省统计局国民经济核算处党支部'))).json().items[0];
    expect((await call(t.app, organ, 'POST', `/api/orgs/${branch.id}/merge`, { targetId: general.id, effectiveOn: '2026-11-20', reason: 'x' })).json().code).toBe('E_ORG_MOVE_INVALID');
    const notEmpty = await call(t.app, organ, 'POST', `/api/orgs/${branch.id}/dissolve`, { effectiveOn: '2026-11-20', reason: 'x' });
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().message).toContain('名党员');
    const patch = await call(t.app, organ, 'PATCH', `/api/orgs/${branch.id}`, { status: 'dissolved' });
    expect(patch.json()).toMatchObject({ code: 'E_ORG_USE_REORGANIZATION', details: [{ field: 'status' }] });
  });

  it('dissolves an empty org: its committee ends and the history says so', async () => {
    const empty = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '临时撤销测试党支部', type: 'branch' })).json();
    const res = await call(t.app, organ, 'POST', `/api/orgs/${empty.id}/dissolve`, { effectiveOn: '2026-11-21', reason: '任务完成' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('dissolved');
    expect((await call(t.app, organ, 'GET', `/api/orgs/${empty.id}/history`)).json().items.map((h: { event: string }) => h.event)).toEqual(['created', 'dissolved']);
  });
});

describe('reorganization: splitting a branch', () => {
  it('previews with dryRun, then sets up the new branch with the chosen members and their history', async () => {
    const source = (await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('省统计局离退休干部党支部'))).json().items[0];
    const people = (await call(t.app, organ, 'GET', `/api/members?orgId=${source.id}&includeSubtree=false&pageSize=100`)).json().items.map((m: { id: number }) => m.id);
    const moving = people.slice(-6);
    const body = { parts: [{ name: '省统计局离退休干部第二党支部', memberIds: moving }], effectiveOn: '2026-11-21', reason: '党员人数较多，分设支部' };
    const dry = await call(t.app, organ, 'POST', `/api/orgs/${source.id}/split`, { ...body, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ parts: [{ memberCount: 6 }], remaining: people.length - 6, created: [] });
    expect((await call(t.app, organ, 'GET', '/api/orgs?q=' + encodeURIComponent('离退休干部第二党支部'))).json().total).toBe(0);

    const done = await call(t.app, organ, 'POST', `/api/orgs/${source.id}/split`, body);
    expect(done.statusCode, done.body).toBe(200);
    const created = done.json().created[0];
    const now = (await call(t.app, organ, 'GET', `/api/members?orgId=${created.id}&pageSize=100`)).json().items.map((m: { id: number }) => m.id).sort();
    expect(now).toEqual([...moving].sort());
    expect((await call(t.app, organ, 'GET', `/api/orgs/${created.id}/history`)).json().items[0]).toMatchObject({ event: 'split_from', occurredOn: '2026-11-21' });

    const foreign = await call(t.app, organ, 'POST', `/api/orgs/${source.id}/split`, { ...body, parts: [{ name: '另一个', memberIds: [moving[0]] }] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details[0].field).toBe('parts.0.memberIds');
  });
});

describe('org details: code, founding, approval document, units', () => {
  it('are edited together, audited, and shown in the detail; bad dates and unknown units are refused', async () => {
    const unitsList = (await call(t.app, organ, 'GET', '/api/units?q=' + encodeURIComponent('统计'))).json().items;
    expect(unitsList.map((u: { name: string }) => u.name)).toContain('省统计局');
    const created = (await call(t.app, organ, 'POST', '/api/orgs', { parentId: organId, name: '单位字段测试党支部', type: 'branch' })).json();
    const res = await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { code: '051000011185', foundedOn: '2021-03-01', approvalDoc: '省统计局机关党委〔2021〕5号', unitIds: [unitsList[0].id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: '051000011185', foundedOn: '2021-03-01', approvalDoc: '省统计局机关党委〔2021〕5号', units: [{ id: unitsList[0].id, name: '省统计局' }] });
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { foundedOn: '2099-01-01' })).json().details[0].field).toBe('foundedOn');
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { unitIds: [999999] })).json().details[0].field).toBe('unitIds');
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { unitIds: [] })).json().units).toEqual([]);
    const categorized = (await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { statisticsCategory: 'other_public_institution' })).json();
    expect(categorized).toMatchObject({ statisticsCategory: 'other_public_institution', nationalTypeCode: '631' });
    expect((await call(t.app, organ, 'PATCH', `/api/orgs/${created.id}`, { statisticsCategory: 'casino' })).json().details[0].field).toBe('statisticsCategory');
  });
});
