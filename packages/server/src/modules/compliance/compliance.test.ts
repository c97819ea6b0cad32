import { loadRegulations } from '@dangjian/regulations/load';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplianceBenchTree } from '../../../bench/compliance-evaluate.bench.js';
import { call, createTestApp, login, openTestDatabase, type Session, type TestApp } from '../../../test/test-app.js';
import { manualClock } from '../../platform/clock.js';
import { queryRows, type Database, type Db } from '../../platform/db.js';
import { migrate } from '../../platform/migrate.js';
import { findOrg, insertOrg } from '../org/org.repo.js';
import { createOrgService } from '../org/org.service.js';
import { createComplianceService, type ComplianceService } from './compliance.service.js';
import { createComplianceEvaluator } from './evaluator.js';
import { lastMonths } from './lights.js';

let t: TestApp;
let db: Db;
let compliance: ComplianceService;
let zhibu1: Session; // branch officer of 省统计局综合处党支部
let jiguan1: Session; // organ admin of 省统计局
let gongwei: Session;
let statsOrgan: number;
let statsBranch: number;
let quakeBranch: number;
const regulations = loadRegulations();

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  compliance = createComplianceService({ db, clock: t.clock, orgService: createOrgService({ db, clock: t.clock }), regulations });
  [zhibu1, jiguan1, gongwei] = await Promise.all([login(t.app, 'zhibu1'), login(t.app, 'jiguan1'), login(t.app, 'gongwei')]);
  statsOrgan = jiguan1.me.grants[0]!.orgId!;
  statsBranch = zhibu1.me.grants[0]!.orgId!;
  quakeBranch = (await login(t.app, 'zhibu2')).me.grants[0]!.orgId!;
});
afterAll(() => t.close());

/** Moves the clock and logs in again (a jump of days ends idle sessions). */
async function setClock(at: string) {
  t.clock.set(at);
  [zhibu1, jiguan1, gongwei] = await Promise.all([login(t.app, 'zhibu1'), login(t.app, 'jiguan1'), login(t.app, 'gongwei')]);
}

async function addOrg(parentId: number, name: string, type = 'branch') {
  const parent = (await findOrg(db, parentId))!;
  return (await insertOrg(db, parent, { type, name }, t.clock())).id;
}

async function addMember(orgId: number, name: string) {
  const [row] = await queryRows<{ id: number }>(db, sql`INSERT INTO members (org_id, name, gender, category, status) VALUES (${orgId}, ${name}, 'female', 'full', 'normal') RETURNING id`);
  return row!.id;
}

async function addActivity(orgId: number, heldOn: string, types: string[], options: { lecturer?: number; attendance?: [number, string][]; status?: string } = {}) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`INSERT INTO activities (org_id, status, topic, held_on, lecturer_member_id) VALUES (${orgId}, ${options.status ?? 'completed'}, ${types.join('、')}, ${heldOn}::date, ${options.lecturer ?? null}) RETURNING id`,
  );
  for (const type of types) await db.execute(sql`INSERT INTO activity_types (activity_id, type) VALUES (${row!.id}, ${type})`);
  for (const [memberId, status] of options.attendance ?? []) {
    await db.execute(sql`INSERT INTO activity_attendance (activity_id, member_id, status, reason) VALUES (${row!.id}, ${memberId}, ${status}, ${status === 'leave' ? '出差' : null})`);
  }
  return row!.id;
}

async function result(orgId: number, obligation: string, periodStart: string) {
  const [row] = await queryRows<{ light: string; held: number; code: string | null; message: string | null; basis: { parameterId: string; value: unknown; article: string }[] }>(
    db,
    sql`SELECT light, held, code, message, basis FROM compliance_results WHERE org_id = ${orgId} AND obligation = ${obligation} AND period_start = ${periodStart}::date`,
  );
  return row;
}

async function lightOf(orgId: number, month: string) {
  const [row] = await queryRows<{ light: string; reasons: { obligation: string; light: string }[] }>(db, sql`SELECT light, reasons FROM branch_lights WHERE org_id = ${orgId} AND month = ${`${month}-01`}::date`);
  return row;
}

const Q1 = ['2026-01', '2026-02', '2026-03'];

describe('a quarterly 党员大会 and the monthly lights', () => {
  let held: number;
  let missed: number;

  beforeAll(async () => {
    held = await addOrg(statsOrgan, '测试一季度召开党支部');
    missed = await addOrg(statsOrgan, '测试一季度未召开党支部');
    for (const org of [held, missed]) {
      for (const m of Q1) await addActivity(org, `${m}-08`, ['theme_day']);
      await addActivity(org, '2026-03-12', ['party_lecture']);
    }
    await addActivity(held, '2026-02-10', ['members_meeting']);
  });

  it('is yellow until the last day of the quarter (2026-03-31 23:30, Asia/Shanghai)', async () => {
    await setClock('2026-03-31T23:30:00+08:00');
    for (const org of [held, missed]) await compliance.evaluateAll(db, { months: Q1, orgId: org });
    expect((await result(held, 'members_meeting', '2026-01-01'))?.light).toBe('green');
    expect(await result(missed, 'members_meeting', '2026-01-01')).toMatchObject({ light: 'yellow', held: 0, code: 'members_meeting_due' });
    // February is green: the quarter's 党员大会 does not colour it. March is yellow until the quarter ends.
    expect((await lightOf(missed, '2026-02'))?.light).toBe('green');
    expect(await lightOf(missed, '2026-03')).toMatchObject({ light: 'yellow', reasons: [{ obligation: 'members_meeting', light: 'yellow' }] });
    expect((await lightOf(held, '2026-03'))?.light).toBe('green');
  });

  it('is red once the quarter has ended (2026-04-01 00:30), with the basis of the rule', async () => {
    await setClock('2026-04-01T00:30:00+08:00');
    for (const org of [held, missed]) await compliance.evaluateAll(db, { months: Q1, orgId: org });
    expect((await result(held, 'members_meeting', '2026-01-01'))?.light).toBe('green');
    const red = await result(missed, 'members_meeting', '2026-01-01');
    expect(red).toMatchObject({ light: 'red', code: 'members_meeting_missed', message: '2026年第一季度应召开党员大会至少 1 次，已召开 0 次（季度已结束）' });
    expect(red?.basis).toEqual([expect.objectContaining({ parameterId: 'meetings.members_meeting.min_count', value: 1, article: '第十一条' })]);
    expect((await lightOf(missed, '2026-02'))?.light).toBe('green');
    expect((await lightOf(missed, '2026-03'))?.light).toBe('red');

    const view = await call(t.app, jiguan1, 'GET', `/api/compliance/branch?orgId=${missed}&month=2026-03`);
    expect(view.statusCode, view.body).toBe(200);
    const body = view.json();
    expect(body.light).toBe('red');
    expect(body.lights.map((l: { month: string; light: string }) => `${l.month} ${l.light}`)).toEqual(['2026-01 green', '2026-02 green', '2026-03 red']);
    const meeting = body.obligations.find((o: { obligation: string }) => o.obligation === 'members_meeting');
    expect(meeting).toMatchObject({ obligationLabel: '党员大会', periodKind: 'quarter', periodStart: '2026-01-01', periodEnd: '2026-03-31', light: 'red', severity: 'warning', minCount: 1, held: 0 });
    expect(meeting.basis[0]).toMatchObject({ parameter: 'meetings.members_meeting.min_count', force: 'generally', article: '第十一条' });
    expect(meeting.basis[0].title).toContain('支部工作条例');
    // The obligations of the periods containing March, in catalogue order.
    expect(body.obligations.map((o: { obligation: string }) => o.obligation)).toEqual(['members_meeting', 'party_lecture', 'theme_day', 'org_life_meeting', 'democratic_review']);
  });
});

describe('a parameter changed from a new effective date', () => {
  it('changes the results of periods from that date only, and each result keeps the basis it was judged by', async () => {
    const org = await addOrg(statsOrgan, '测试参数变更党支部');
    await addActivity(org, '2026-02-06', ['theme_day']);
    await addActivity(org, '2026-03-06', ['theme_day']);
    const id = 'meetings.theme_day.min_count';
    const base = regulations.parameters.get(id)!;
    const stricter = {
      sources: regulations.sources,
      parameters: new Map(regulations.parameters).set(id, { ...base, values: [...base.values, { ...base.values.at(-1)!, effectiveFrom: '2026-03-01', value: 2, article: '本辖区规定：主题党日每月至少开展 2 次（示例）' }] }),
    };
    await setClock('2026-04-10T10:00:00+08:00');
    const local = createComplianceService({ db, clock: t.clock, orgService: createOrgService({ db, clock: t.clock }), regulations: stricter });
    await local.evaluateAll(db, { months: ['2026-02', '2026-03'], orgId: org });
    const february = await result(org, 'theme_day', '2026-02-01');
    const march = await result(org, 'theme_day', '2026-03-01');
    expect(february).toMatchObject({ light: 'green', held: 1 });
    expect(february?.basis[0]).toMatchObject({ parameterId: id, value: 1 });
    expect(march).toMatchObject({ light: 'red', held: 1, message: '2026年3月应开展主题党日至少 2 次，已开展 1 次（月度已结束）' });
    expect(march?.basis[0]?.article).toContain('本辖区规定');

    await compliance.evaluateAll(db, { months: ['2026-02', '2026-03'], orgId: org });
    expect((await result(org, 'theme_day', '2026-03-01'))?.light).toBe('green');
  });
});

describe('recording a meeting', () => {
  it('updates the branch’s light and its unit’s green rate without re-entering anything', async () => {
    await setClock('2026-11-23T10:00:00+08:00');
    const org = await addOrg(statsOrgan, '测试记录会议党支部');
    await compliance.evaluateAll(db, { months: ['2026-11'], orgId: statsOrgan });
    const before = (await call(t.app, jiguan1, 'GET', '/api/compliance/overview?month=2026-11')).json();
    expect(before.org.id).toBe(statsOrgan);
    expect((await call(t.app, jiguan1, 'GET', `/api/compliance/branch?orgId=${org}`)).json()).toMatchObject({ month: '2026-11', light: 'yellow' });

    await db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: number }>(tx, sql`INSERT INTO activities (org_id, status, topic, held_on) VALUES (${org}, 'completed', '主题党日', '2026-11-20') RETURNING id`);
      await tx.execute(sql`INSERT INTO activity_types (activity_id, type) VALUES (${row!.id}, 'theme_day')`);
      await compliance.reevaluate(tx, org, ['2026-11-20']);
    });

    expect((await call(t.app, jiguan1, 'GET', `/api/compliance/branch?orgId=${org}`)).json()).toMatchObject({ month: '2026-11', light: 'green' });
    const after = (await call(t.app, jiguan1, 'GET', '/api/compliance/overview?month=2026-11')).json();
    expect(after.total.branches).toBe(before.total.branches);
    expect(after.total.green).toBe(before.total.green + 1);
    expect(after.total.yellow + after.total.red).toBe(before.total.yellow + before.total.red - 1);
    expect(after.total.greenRate).toBeCloseTo(after.total.green / after.total.branches);
    expect(after.trend).toHaveLength(12);
    expect(after.trend.at(-1)).toMatchObject({ month: '2026-11', green: after.total.green });
    expect(after.children.find((c: { id: number }) => c.id === org)).toMatchObject({ branches: 1, green: 1, greenRate: 1 });
  });
});

describe('scope', () => {
  it('hides another branch’s compliance, calendar, overview and digest (404), and ranks only the own children', async () => {
    for (const url of [`/api/compliance/branch?orgId=${quakeBranch}`, `/api/compliance/calendar?orgId=${quakeBranch}`, `/api/compliance/overview?orgId=${quakeBranch}`, `/api/digests/current?orgId=${quakeBranch}`]) {
      const res = await call(t.app, zhibu1, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('E_ORG_NOT_FOUND');
    }
    expect((await call(t.app, zhibu1, 'POST', '/api/digests/read', { orgId: quakeBranch, month: '2026-11' })).statusCode).toBe(404);
    const own = await call(t.app, zhibu1, 'GET', '/api/compliance/branch');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().org.id).toBe(statsBranch);
    expect((await call(t.app, zhibu1, 'GET', `/api/compliance/calendar?orgId=${statsBranch}&year=2026`)).statusCode).toBe(200);

    const root = gongwei.me.grants[0]!.orgId!;
    expect((await call(t.app, jiguan1, 'GET', `/api/compliance/overview?orgId=${root}`)).statusCode).toBe(404);
    const overview = (await call(t.app, jiguan1, 'GET', '/api/compliance/overview?month=2026-11')).json();
    expect(overview.children.length).toBeGreaterThan(1);
    const parents = await queryRows<{ id: number; parent_id: number }>(db, sql`SELECT id, parent_id FROM orgs WHERE id IN ${overview.children.map((c: { id: number }) => c.id)}`);
    expect(parents.every((p) => p.parent_id === statsOrgan)).toBe(true);
    const rates = overview.children.map((c: { greenRate: number }) => c.greenRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    // The work committee sees its organs ranked, not their branches.
    const top = (await call(t.app, gongwei, 'GET', '/api/compliance/overview?month=2026-11')).json();
    expect(top.children.map((c: { id: number }) => c.id)).toContain(statsOrgan);
    expect(top.children.map((c: { id: number }) => c.id)).not.toContain(statsBranch);
  });
});

describe('the calendar', () => {
  it('counts completed activities per day with their types, and lists the year’s lights', async () => {
    const org = await addOrg(statsOrgan, '测试日历党支部');
    const group = await addOrg(org, '测试日历党小组', 'party_small_group');
    await addActivity(org, '2026-11-05', ['theme_day', 'party_lecture']);
    await addActivity(group, '2026-11-05', ['small_group_meeting']);
    await addActivity(org, '2026-11-06', ['committee_meeting'], { status: 'planned' });
    await setClock('2026-11-23T10:00:00+08:00');
    await compliance.evaluateAll(db, { months: ['2026-10', '2026-11'], orgId: org });
    const cal = (await call(t.app, jiguan1, 'GET', `/api/compliance/calendar?orgId=${org}&year=2026`)).json();
    expect(cal.days).toEqual([{ date: '2026-11-05', count: 2, types: ['party_lecture', 'small_group_meeting', 'theme_day'] }]);
    expect(cal.lights.map((l: { month: string }) => l.month)).toEqual(['2026-10', '2026-11']);
  });
});

describe('the monthly digest (月提示)', () => {
  let org: number;

  beforeAll(async () => {
    org = await addOrg(statsOrgan, '测试月提示党支部');
    await addActivity(org, '2026-10-09', ['members_meeting']);
  });

  it('is generated only on the first working day from 09:00, once', async () => {
    await setClock('2026-12-01T08:30:00+08:00');
    await compliance.evaluateAll(db, { months: ['2026-12'] });
    expect(await compliance.generateDigestsIfDue(db)).toBeNull();
    expect((await call(t.app, jiguan1, 'GET', `/api/digests/current?orgId=${org}&month=2026-12`)).json()).toBeNull();
    await setClock('2026-12-01T09:30:00+08:00');
    const generated = await compliance.generateDigestsIfDue(db);
    expect(generated?.month).toBe('2026-12');
    expect(generated?.digests).toBeGreaterThan(50);
    expect(await compliance.generateDigestsIfDue(db)).toBeNull();
  });

  it('lists the meetings due this month with their basis, probations, terms, transfers and problems', async () => {
    const res = await call(t.app, jiguan1, 'GET', `/api/digests/current?orgId=${org}&month=2026-12`);
    expect(res.statusCode, res.body).toBe(200);
    const digest = res.json();
    expect(digest).toMatchObject({ orgId: org, orgName: '测试月提示党支部', month: '2026-12', readAt: null });
    const meetings = digest.items.filter((i: { kind: string }) => i.kind === 'meeting');
    // Q4's 党员大会 was held in October: not listed. 党课 (Q4), 主题党日 (December), 组织生活会 and 民主评议 (year) are.
    expect(meetings.map((i: { title: string }) => i.title)).toEqual(['党课', '主题党日', '组织生活会', '民主评议党员']);
    expect(meetings.every((i: { dueOn: string; basis: unknown[] }) => i.dueOn === '2026-12-31' && i.basis.length > 0)).toBe(true);
    expect(meetings[2].basis[0]).toMatchObject({ parameter: 'meetings.org_life_meeting.min_count', force: 'shall' });

    const all = await queryRows<{ kinds: string[] }>(db, sql`SELECT array_agg(DISTINCT i->>'kind') AS kinds FROM monthly_digests d, jsonb_array_elements(d.items) i WHERE d.month = '2026-12-01'`);
    expect(all[0]!.kinds).toEqual(expect.arrayContaining(['meeting', 'probation', 'election', 'transfer', 'problem']));
    // Open problems due by the month's end (the demo's overdue one at zhibu1's branch), citing the issuing level's batch.
    const mineRes = await call(t.app, await login(t.app, 'zhibu1'), 'GET', '/api/digests/current?month=2026-12');
    expect(mineRes.statusCode, mineRes.body).toBe(200);
    const mine = mineRes.json();
    expect(mine.items.find((i: { kind: string }) => i.kind === 'problem')).toMatchObject({ title: '问题整改', code: 'problem_overdue', basis: [{ article: '整改时限' }] });
    const quake = (await call(t.app, await login(t.app, 'zhibu2'), 'GET', '/api/digests/current?month=2026-12')).json();
    expect(quake.items.find((i: { kind: string }) => i.kind === 'transfer')).toMatchObject({ title: '组织关系转接', code: 'transfer_pending' });
    const probation = await queryRows<{ org_id: number; item: { message: string; basis: unknown[] } }>(
      db,
      sql`SELECT d.org_id, i AS item FROM monthly_digests d, jsonb_array_elements(d.items) i WHERE d.month = '2026-12-01' AND i->>'kind' = 'probation'`,
    );
    expect(probation[0]!.item.message).toMatch(/预备期将于 2026-12-\d\d 届满/);
    expect(probation[0]!.item.basis.length).toBeGreaterThan(0);
  });

  it('is marked read once (audited), and regenerating keeps the reading', async () => {
    const read = await call(t.app, jiguan1, 'POST', '/api/digests/read', { orgId: org, month: '2026-12' });
    expect(read.statusCode, read.body).toBe(200);
    const readAt = read.json().readAt;
    expect(readAt).toBe(new Date('2026-12-01T01:30:00.000Z').toISOString());
    await setClock('2026-12-01T11:00:00+08:00');
    expect((await call(t.app, jiguan1, 'POST', '/api/digests/read', { orgId: org, month: '2026-12' })).json().readAt).toBe(readAt);
    const audits = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM audit_events WHERE action = 'digest.read' AND org_id = ${org}`);
    expect(audits[0]!.n).toBe(1);
    await compliance.generateDigests(db, '2026-12');
    expect((await call(t.app, jiguan1, 'GET', `/api/digests/current?orgId=${org}&month=2026-12`)).json().readAt).toBe(readAt);
    const missing = await call(t.app, jiguan1, 'POST', '/api/digests/read', { orgId: org, month: '2027-01' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('本月提示尚未生成');
  });
});

describe('a small tree', () => {
  let committee: number;
  let branchA: number;
  let branchB: number;
  let groups: number[];
  let ids: number[];
  const months = lastMonths('2026-11', 11);

  beforeAll(async () => {
    await setClock('2026-11-23T10:00:00+08:00');
    const root = gongwei.me.grants[0]!.orgId!;
    committee = await addOrg(root, '测试小树党委', 'party_committee');
    branchA = await addOrg(committee, '测试小树第一党支部');
    branchB = await addOrg(committee, '测试小树第二党支部');
    groups = [await addOrg(branchA, '测试小树第一党小组', 'party_small_group'), await addOrg(branchA, '测试小树第二党小组', 'party_small_group')];
    const a = [await addMember(branchA, '甲一'), await addMember(branchA, '甲二'), await addMember(groups[0]!, '甲三'), await addMember(groups[1]!, '甲四')];
    const b = [await addMember(branchB, '乙一'), await addMember(branchB, '乙二'), await addMember(branchB, '乙三')];
    await db.execute(sql`INSERT INTO committee_posts (org_id, post, member_id, started_on, source) VALUES
      (${branchA}, 'secretary', ${a[0]}, '2025-01-01', 'elected'), (${branchA}, 'organization_member', ${a[1]}, '2025-01-01', 'elected'),
      (${committee}, 'secretary', ${a[0]}, '2025-06-01', 'elected'), (${branchB}, 'secretary', ${b[0]}, '2025-01-01', 'elected')`);
    for (const m of months) {
      await addActivity(branchA, `${m}-03`, ['committee_meeting']);
      await addActivity(groups[0]!, `${m}-04`, ['small_group_meeting']);
      if (m <= '2026-06') await addActivity(groups[1]!, `${m}-05`, ['small_group_meeting']);
      await addActivity(branchB, `${m}-06`, ['theme_day'], { attendance: [[b[0]!, 'present'], [b[1]!, m === '2026-04' ? 'leave' : 'present'], [b[2]!, m >= '2026-03' ? 'absent' : 'present']] });
    }
    // 书记讲党课: the committee's secretary lectures in branch A; a 谈心谈话 that one member of A missed.
    await addActivity(branchA, '2026-03-20', ['theme_day', 'party_lecture'], { lecturer: a[0] });
    await addActivity(branchA, '2026-05-20', ['heart_to_heart_talk'], { attendance: [[a[0]!, 'present'], [a[1]!, 'online'], [a[2]!, 'present'], [a[3]!, 'absent']] });
    ids = [committee, branchA, branchB, ...groups];
  });

  async function snapshot() {
    const inTree = sql`org_id IN ${ids}`;
    return {
      results: await queryRows(db, sql`SELECT * FROM compliance_results WHERE ${inTree} ORDER BY org_id, obligation, period_start`),
      lights: await queryRows(db, sql`SELECT * FROM branch_lights WHERE ${inTree} ORDER BY org_id, month`),
      absences: await queryRows(db, sql`SELECT * FROM member_absence_findings WHERE ${inTree} ORDER BY member_id`),
    };
  }

  it('judges small groups, talks, the secretary’s 党课 and six months of absence', async () => {
    await compliance.evaluateAll(db, { months, orgId: committee });
    expect(await result(committee, 'secretary_lecture', '2026-01-01')).toMatchObject({ light: 'green', held: 1 });
    expect(await result(branchA, 'small_group_meeting', '2026-06-01')).toMatchObject({ light: 'green', held: 1 });
    expect(await result(branchA, 'small_group_meeting', '2026-07-01')).toMatchObject({ light: 'red', held: 0, message: expect.stringContaining('按 2 个党小组中召开次数最少的计') });
    expect(await result(branchA, 'committee_meeting', '2026-07-01')).toMatchObject({ light: 'green' });
    expect(await result(branchB, 'committee_meeting', '2026-07-01')).toBeUndefined(); // a lone secretary is no 支委会
    expect(await result(branchA, 'heart_to_heart_talk', '2026-01-01')).toMatchObject({ light: 'yellow', held: 0, message: expect.stringContaining('1 名党员尚无谈心谈话记录') });
    expect(await result(branchB, 'heart_to_heart_talk', '2026-01-01')).toMatchObject({ light: 'yellow', held: 0, message: expect.stringContaining('3 名党员尚无谈心谈话记录') });
    const [absence] = await queryRows<{ consecutive_months: number; since_month: string; message: string; org_id: number }>(db, sql`SELECT consecutive_months, since_month::text, message, org_id FROM member_absence_findings WHERE org_id = ${branchB}`);
    expect(absence).toMatchObject({ consecutive_months: 9, since_month: '2026-03-01', org_id: branchB });
    expect(absence!.message).toContain('乙三无正当理由已连续 9 个月不参加党的组织生活');
  });

  it('shows red meetings and absences in the warning center', async () => {
    const meetings = (await call(t.app, gongwei, 'GET', `/api/warnings?orgId=${committee}&kind=meeting&pageSize=100`)).json();
    const july = meetings.items.find((w: { key: string }) => w.key === `meeting-${branchA}-small_group_meeting-2026-07-01`);
    expect(july).toMatchObject({ kind: 'meeting', code: 'small_group_meeting_missed', severity: 'warning', dueOn: '2026-07-31', orgId: branchA });
    expect(july.basis[0]).toMatchObject({ parameterId: 'meetings.small_group_meeting.min_count', sourceTitle: expect.stringContaining('支部工作条例') });
    const yellow = meetings.items.find((w: { key: string }) => w.key === `meeting-${branchB}-theme_day-2026-11-01`);
    expect(yellow).toBeUndefined(); // held on 6 November: green
    expect(meetings.items.some((w: { code: string }) => w.code === 'org_life_meeting_due')).toBe(true);
    const absences = (await call(t.app, gongwei, 'GET', `/api/warnings?orgId=${committee}&kind=absence`)).json();
    expect(absences.items).toEqual([expect.objectContaining({ kind: 'absence', code: 'absent_without_reason', orgId: branchB, memberId: expect.any(Number) })]);
    const stats = (await call(t.app, jiguan1, 'GET', '/api/warnings?kind=absence&pageSize=100')).json().items;
    expect(stats.some((w: { orgId: number }) => w.orgId === branchB)).toBe(false);
  });

  it('evaluateAll over the tree equals reevaluate per org', async () => {
    await compliance.evaluateAll(db, { months, orgId: committee });
    const batch = await snapshot();
    expect(batch.results.length).toBeGreaterThan(50);
    expect(batch.lights).toHaveLength(22);
    for (const table of ['compliance_results', 'branch_lights', 'member_absence_findings']) await db.execute(sql`DELETE FROM ${sql.raw(table)} WHERE org_id IN ${ids}`);
    for (const id of ids) await db.transaction((tx) => compliance.reevaluate(tx, id, months.map((m) => `${m}-15`)));
    expect(await snapshot()).toEqual(batch);
  });
});

describe('the benchmark tree (three organs, 301 orgs)', () => {
  // The batch reads orgs in chunks that split branches from their groups and runs chunks side by side; whatever the
  // chunks, it must store exactly what the per-write path stores for each org alone.
  let opened: { database: Database; drop: () => Promise<void> };
  let bench: Db;
  const evaluator = createComplianceEvaluator({ clock: manualClock('2026-06-15T04:00:00.000Z'), regulations });
  const months = lastMonths('2026-06', 6);

  beforeAll(async () => {
    opened = await openTestDatabase();
    await migrate(opened.database);
    bench = opened.database.db;
    await buildComplianceBenchTree(bench, 3);
    // Organ 2's branches are 1101–1180, its groups 1181–1199 under branches 1101–1119. Beyond the generated tree: a
    // branch founded in March, a dissolved one, members in groups, a newcomer, a 请假 that ends an absence streak, and
    // a member attending another branch's talk (which does not count for either).
    await bench.execute(sql`UPDATE orgs SET founded_on = '2026-03-20' WHERE id = 1105`);
    await bench.execute(sql`UPDATE orgs SET status = 'dissolved' WHERE id = 1150`);
    await bench.execute(sql`UPDATE members SET org_id = 1181 WHERE org_id = 1101 AND id IN (SELECT id FROM members WHERE org_id = 1101 ORDER BY id DESC LIMIT 3)`);
    await bench.execute(sql`UPDATE members SET joined_on = '2026-02-01' WHERE id = (SELECT min(id) FROM members WHERE org_id = 1102)`);
    await bench.execute(sql`UPDATE activity_attendance aa SET status = 'leave', reason = '出差' FROM activities a
      WHERE a.id = aa.activity_id AND a.org_id = 1110 AND a.held_on = '2026-04-12' AND aa.status = 'absent'`);
    await bench.execute(sql`INSERT INTO activity_attendance (activity_id, member_id, status)
      SELECT a.id, (SELECT min(id) FROM members WHERE org_id = 1104), 'present' FROM activities a WHERE a.org_id = 1103 AND a.topic = 'heart_to_heart_talk'`);
  });
  afterAll(() => opened.drop());

  async function snapshot() {
    return {
      results: await queryRows(bench, sql`SELECT * FROM compliance_results ORDER BY org_id, obligation, period_start`),
      lights: await queryRows(bench, sql`SELECT * FROM branch_lights ORDER BY org_id, month`),
      absences: await queryRows(bench, sql`SELECT * FROM member_absence_findings ORDER BY member_id`),
    };
  }

  it('evaluateAll in chunks, twice, stores what reevaluate stores org by org', async () => {
    await evaluator.evaluateAll(bench, { months, chunkSize: 37, concurrency: 3 });
    const first = await snapshot();
    expect(first.results.length).toBeGreaterThan(1500);
    expect(new Set(first.lights.map((l) => (l as { light: string }).light))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(first.absences.length).toBeGreaterThan(5);

    // Then some obligations end (a 支委会 dissolved, a branch's only group dissolved) and a meeting is recorded: the
    // second run must drop the results no longer judged and update the others in place.
    await bench.execute(sql`UPDATE committee_posts SET ended_on = '2026-05-31' WHERE org_id = 1103`);
    await bench.execute(sql`UPDATE orgs SET status = 'dissolved' WHERE id = 1182`);
    await bench.execute(sql`WITH a AS (INSERT INTO activities (org_id, status, topic, held_on) VALUES (1113, 'completed', 'members_meeting', '2026-06-02') RETURNING id)
      INSERT INTO activity_types (activity_id, type) SELECT id, 'members_meeting' FROM a`);
    await evaluator.evaluateAll(bench, { months, chunkSize: 37, concurrency: 3 });
    const batch = await snapshot();
    expect(batch.results.length).toBeLessThan(first.results.length);

    for (const table of ['compliance_results', 'branch_lights', 'member_absence_findings']) await bench.execute(sql`DELETE FROM ${sql.raw(table)}`);
    const ids = await queryRows<{ id: number }>(bench, sql`SELECT id FROM orgs ORDER BY id`);
    for (const { id } of ids) await bench.transaction((tx) => evaluator.reevaluate(tx, id, months.map((m) => `${m}-15`)));
    expect(await snapshot()).toEqual(batch);
  });
});
