// Organizational life through the HTTP API: recording and planning activities with their types and attendance,
// completing and cancelling plans, the checks that name the field, idempotent offline drafts, scope (a branch
// never sees another branch's activities), the meeting record (.docx), the 三会一课 ledger (.xlsx) and a
// member's own view. Runs on the demo data (clock 2026-11-23, Asia/Shanghai).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../test/office-files.js';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';
import type { Actor } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { findOrg } from '../org/org.repo.js';
import { createOrgService } from '../org/org.service.js';
import { createActivitiesService } from './activities.service.js';

let t: TestApp;
const s: Record<string, Session> = {};
let branchA: number; // zhibu1: 省统计局综合处党支部
let branchB: number; // zhibu2: 省地震局地震监测中心站党支部
type TemplateItem = { memberId: number; name: string; category: string; memberStatus: string; suggested: string };
let membersA: TemplateItem[];
let membersB: TemplateItem[];
const TODAY = '2026-11-23';

const base = {
  status: 'completed',
  types: ['theme_day'],
  topic: '学习贯彻党的二十届四中全会精神',
  heldOn: '2026-11-20',
  startsAt: '14:30',
  endsAt: '16:30',
  place: '三楼会议室',
  host: '支部书记',
  recorder: '组织委员',
  content: '一、集体学习。\n二、交流研讨。',
  decisions: '1. 将学习成果转化为工作举措。',
};

function present(items: TemplateItem[]) {
  return items.map((m) => ({ memberId: m.memberId, status: 'present' }));
}

async function auditor() {
  return login(t.app, 'auditor');
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'zhibu2', 'dangyuan1']) s[u] = await login(t.app, u);
  branchA = s.zhibu1!.me.grants[0]!.orgId!;
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
  membersA = (await call(t.app, s.zhibu1!, 'GET', `/api/activities/attendance-template?orgId=${branchA}`)).json().items;
  membersB = (await call(t.app, s.zhibu2!, 'GET', `/api/activities/attendance-template?orgId=${branchB}`)).json().items;
});
afterAll(() => t.close());

describe('attendance template', () => {
  it('lists the organization’s members on the roster by name, names and category only, suggesting 出席 (线上 for mobile members)', async () => {
    expect(membersA.length).toBeGreaterThanOrEqual(10);
    for (const m of membersA) {
      expect(Object.keys(m).sort()).toEqual(['category', 'memberId', 'memberStatus', 'name', 'suggested']);
      expect(['normal', 'mobile', 'lost_contact', 'suspended']).toContain(m.memberStatus);
      expect(m.suggested).toBe(m.memberStatus === 'mobile' ? 'online' : 'present');
    }
    const names = membersA.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('a 党小组 without members of its own draws on its branch', async () => {
    const group = (await call(t.app, s.gongwei!, 'GET', '/api/orgs?type=party_small_group&pageSize=1')).json().items[0];
    const res = await call(t.app, s.gongwei!, 'GET', `/api/activities/attendance-template?orgId=${group.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThanOrEqual(20);
  });
});

describe('recording, planning, completing and cancelling', () => {
  it('records a held meeting counting as several types, with attendance, and audits it without personal data', async () => {
    const [a, b, c, d, e, ...rest] = membersA;
    const attendance = [
      { memberId: a!.memberId, status: 'present' },
      { memberId: b!.memberId, status: 'leave', reason: '出差' },
      { memberId: c!.memberId, status: 'online', reason: '外派挂职' },
      { memberId: d!.memberId, status: 'absent' },
      { memberId: e!.memberId, status: 'present', reason: '不应保存' },
      ...present(rest),
    ];
    const res = await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, types: ['theme_day', 'party_lecture'], topic: '主题党日暨专题党课：多类型测试', lecturerMemberId: a!.memberId, attendance });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ orgId: branchA, status: 'completed', types: ['party_lecture', 'theme_day'], heldOn: '2026-11-20', lecturer: a!.name, lecturerMemberId: a!.memberId });
    expect(created.attendance).toEqual({ expected: membersA.length, present: membersA.length - 3, online: 1, leave: 1, absent: 1 });
    const rows = new Map(created.attendanceRows.map((r: { memberId: number }) => [r.memberId, r]));
    expect(rows.get(b!.memberId)).toMatchObject({ name: b!.name, status: 'leave', reason: '出差' });
    expect(rows.get(e!.memberId)).toMatchObject({ status: 'present', reason: null });
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/${created.id}`)).json()).toEqual(created);

    const listed = (await call(t.app, s.zhibu1!, 'GET', `/api/activities?q=${encodeURIComponent('多类型测试')}`)).json();
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: created.id, orgName: expect.any(String), types: ['party_lecture', 'theme_day'], attendance: created.attendance });

    const log = await call(t.app, await auditor(), 'GET', '/api/audit-events?action=activity.create&pageSize=5');
    const entry = log.json().items.find((i: { targetId: string }) => i.targetId === String(created.id));
    expect(entry).toMatchObject({ actorUsername: 'zhibu1', targetType: 'activity', orgId: branchA, after: { status: 'completed', topic: '主题党日暨专题党课：多类型测试', attendance: created.attendance } });
    for (const m of [a!, b!, c!]) expect(JSON.stringify(entry)).not.toContain(m.name);
  });

  it('plans an activity without attendance, then completes it with attendance and the record', async () => {
    const planned = await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, status: 'planned', types: ['members_meeting'], topic: '计划的党员大会', heldOn: TODAY, content: null, decisions: null });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json().id;
    expect(planned.json()).toMatchObject({ status: 'planned', attendanceRows: [], attendance: { expected: 0 } });
    // A plan takes no attendance, neither at creation nor by editing.
    const withAttendance = await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, status: 'planned', heldOn: TODAY, attendance: present(membersA) });
    expect(withAttendance.statusCode).toBe(400);
    expect(withAttendance.json().details[0].field).toBe('attendance');
    expect((await call(t.app, s.zhibu1!, 'PATCH', `/api/activities/${id}`, { attendance: present(membersA) })).json().details[0].field).toBe('attendance');

    const future = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${id}/complete`, { heldOn: '2026-11-30', attendance: present(membersA) });
    expect(future.statusCode).toBe(400);
    expect(future.json().details[0].field).toBe('heldOn');
    const empty = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${id}/complete`, { attendance: [] });
    expect(empty.json().details[0].field).toBe('attendance');

    const done = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${id}/complete`, { attendance: present(membersA), content: '通报季度工作。', decisions: '同意。' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', heldOn: TODAY, content: '通报季度工作。', decisions: '同意。', attendance: { expected: membersA.length, present: membersA.length } });
    const again = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${id}/complete`, { attendance: present(membersA) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_ACTIVITY_STATE');
  });

  it('cancels a plan with its reason; a held meeting cannot be cancelled and a cancelled one not changed', async () => {
    const planned = (await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, status: 'planned', topic: '将取消的主题党日', heldOn: '2026-11-27' })).json();
    const cancelled = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${planned.id}/cancel`, { reason: '与全局大会冲突，改期' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '与全局大会冲突，改期' });
    for (const [method, url, body] of [
      ['PATCH', `/api/activities/${planned.id}`, { topic: '改' }],
      ['POST', `/api/activities/${planned.id}/complete`, { attendance: present(membersA) }],
      ['POST', `/api/activities/${planned.id}/cancel`, { reason: '再取消' }],
    ] as const) {
      const res = await call(t.app, s.zhibu1!, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(409);
      expect(res.json().code).toBe('E_ACTIVITY_STATE');
    }
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/${planned.id}/record.docx`)).json().code).toBe('E_ACTIVITY_STATE');
    const held = (await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, topic: '已召开不能取消', attendance: present(membersA) })).json();
    const refused = await call(t.app, s.zhibu1!, 'POST', `/api/activities/${held.id}/cancel`, { reason: '想取消' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'E_ACTIVITY_STATE', message: expect.stringContaining('已召开的活动不能取消') });
  });

  it('edits fields, types and attendance of a held meeting, audited with before and after', async () => {
    const held = (await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, topic: '待修改的记录', attendance: present(membersA) })).json();
    const [first, ...rest] = membersA;
    const res = await call(t.app, s.zhibu1!, 'PATCH', `/api/activities/${held.id}`, {
      topic: '修改后的记录',
      types: ['theme_day', 'members_meeting'],
      heldOn: '2026-11-19',
      attendance: [{ memberId: first!.memberId, status: 'leave', reason: '病假' }, ...present(rest)],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ topic: '修改后的记录', types: ['members_meeting', 'theme_day'], heldOn: '2026-11-19', attendance: { leave: 1, present: membersA.length - 1 } });
    const log = (await call(t.app, await auditor(), 'GET', '/api/audit-events?action=activity.update&pageSize=5')).json();
    const entry = log.items.find((i: { targetId: string }) => i.targetId === String(held.id));
    expect(entry.before).toMatchObject({ topic: '待修改的记录', heldOn: '2026-11-20', types: ['theme_day'] });
    expect(entry.after).toMatchObject({ topic: '修改后的记录', heldOn: '2026-11-19', attendance: { leave: 1 } });
  });

  it('lists the whole subtree for the 工委 (the demo’s 12–14 months of 三会一课)', async () => {
    const all = (await call(t.app, s.gongwei!, 'GET', '/api/activities?status=completed&pageSize=1')).json();
    expect(all.total).toBeGreaterThan(1000);
    const organ = (await call(t.app, s.jiguan1!, 'GET', '/api/activities?pageSize=1')).json();
    expect(organ.total).toBeLessThan(all.total);
    expect(organ.total).toBeGreaterThan(100);
  });

  it('filters the list by type, status and period, and sorts by date', async () => {
    const lectures = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?type=party_lecture&pageSize=100')).json();
    expect(lectures.total).toBeGreaterThanOrEqual(4);
    expect(lectures.items.every((i: { types: string[] }) => i.types.includes('party_lecture'))).toBe(true);
    const planned = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?status=planned')).json();
    expect(planned.items.every((i: { status: string }) => i.status === 'planned')).toBe(true);
    const october = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?from=2026-10-01&to=2026-10-31&sort=heldOn&pageSize=100')).json();
    expect(october.total).toBeGreaterThanOrEqual(2);
    const dates = october.items.map((i: { heldOn: string }) => i.heldOn);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d: string) => d >= '2026-10-01' && d <= '2026-10-31')).toBe(true);
    const latestFirst = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?pageSize=100')).json().items.map((i: { heldOn: string }) => i.heldOn);
    expect(latestFirst).toEqual([...latestFirst].sort().reverse());
    const backwards = await call(t.app, s.zhibu1!, 'GET', '/api/activities?from=2026-10-31&to=2026-10-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details[0].field).toBe('to');
  });
});

describe('checks name the field in Chinese and write nothing', () => {
  async function expectRefused(session: Session, body: Record<string, unknown>, field: string, message: string, status = 400) {
    const before = (await call(t.app, s.gongwei!, 'GET', '/api/activities?pageSize=1')).json().total;
    const res = await call(t.app, session, 'POST', '/api/activities', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.json().message).toContain(message);
    expect((await call(t.app, s.gongwei!, 'GET', '/api/activities?pageSize=1')).json().total).toBe(before);
    return res.json();
  }

  it('leave without a reason', async () => {
    const [a, b, ...rest] = membersA;
    const body = await expectRefused(s.zhibu1!, { ...base, orgId: branchA, attendance: [{ memberId: a!.memberId, status: 'present' }, { memberId: b!.memberId, status: 'leave', reason: '  ' }, ...present(rest)] }, 'attendance.1.reason', '请假须填写请假原因');
    expect(body.message).toContain(b!.name);
  });

  it('a member of another branch, without revealing who it is', async () => {
    const body = await expectRefused(s.zhibu1!, { ...base, orgId: branchA, attendance: [{ memberId: membersB[0]!.memberId, status: 'present' }, ...present(membersA)] }, 'attendance.0.memberId', '不是');
    expect(body.message).not.toContain(membersB[0]!.name);
    // The organ administrator sees both… no: 统计局's administrator does not see 地震局's member either.
    const admin = await expectRefused(s.jiguan1!, { ...base, orgId: branchA, attendance: [...present(membersA), { memberId: membersB[1]!.memberId, status: 'present' }] }, `attendance.${membersA.length}.memberId`, '不是');
    expect(admin.message).not.toContain(membersB[1]!.name);
  });

  it('a date in the future for a held meeting, a past date for a plan, times out of order', async () => {
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, heldOn: '2026-11-24', attendance: present(membersA) }, 'heldOn', '晚于今天');
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, status: 'planned', heldOn: '2026-11-22' }, 'heldOn', '早于今天');
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, startsAt: '16:00', endsAt: '15:00', attendance: present(membersA) }, 'endsAt', '结束时间');
  });

  it('党小组会 on a branch, a 党员大会 in a 党小组, no attendance, duplicates', async () => {
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, types: ['small_group_meeting'], attendance: present(membersA) }, 'types', '党小组会只能由党小组召开');
    const group = (await call(t.app, s.gongwei!, 'GET', '/api/orgs?type=party_small_group&pageSize=1')).json().items[0];
    const groupMembers = (await call(t.app, s.gongwei!, 'GET', `/api/activities/attendance-template?orgId=${group.id}`)).json().items as TemplateItem[];
    await expectRefused(s.gongwei!, { ...base, orgId: group.id, types: ['members_meeting'], attendance: present(groupMembers.slice(0, 3)) }, 'types', '党小组不召开');
    const ok = await call(t.app, s.gongwei!, 'POST', '/api/activities', { ...base, orgId: group.id, types: ['small_group_meeting'], topic: '党小组会', attendance: present(groupMembers.slice(0, 3)) });
    expect(ok.statusCode, ok.body).toBe(201);
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, attendance: [] }, 'attendance', '须登记出勤');
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, attendance: [...present(membersA), { memberId: membersA[0]!.memberId, status: 'leave', reason: '出差' }] }, `attendance.${membersA.length}.memberId`, '重复');
  });

  it('an organization out of scope or of the 工委 itself, a lecturer out of scope', async () => {
    await expectRefused(s.zhibu1!, { ...base, orgId: branchB, attendance: present(membersB) }, 'orgId', '不在您的管理范围内', 404);
    const root = s.gongwei!.me.grants[0]!.orgId!;
    await expectRefused(s.gongwei!, { ...base, orgId: root, attendance: present(membersA) }, 'orgId', '不登记组织生活');
    await expectRefused(s.zhibu1!, { ...base, orgId: branchA, lecturerMemberId: membersB[0]!.memberId, attendance: present(membersA) }, 'lecturerMemberId', '授课党员');
  });

  it('schema errors name the field too', async () => {
    const res = await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, types: ['tea_party'], attendance: present(membersA) });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('活动类型');
  });
});

describe('offline drafts', () => {
  it('submitting the same draft twice records it once; another branch cannot reuse its id', async () => {
    const body = { ...base, orgId: branchA, topic: '离线草稿提交', clientDraftId: 'draft-2026-11-20-a1', attendance: present(membersA) };
    const first = await call(t.app, s.zhibu1!, 'POST', '/api/activities', body);
    expect(first.statusCode, first.body).toBe(201);
    const second = await call(t.app, s.zhibu1!, 'POST', '/api/activities', body);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(second.json().clientDraftId).toBe('draft-2026-11-20-a1');
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities?q=${encodeURIComponent('离线草稿提交')}`)).json().total).toBe(1);
    const foreign = await call(t.app, s.zhibu2!, 'POST', '/api/activities', { ...body, orgId: branchB, attendance: present(membersB) });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json().code).toBe('E_ACTIVITY_DRAFT_TAKEN');
    expect(foreign.body).not.toContain('离线草稿提交');
  });

  it('two submissions of one draft at the same time still make one record', async () => {
    const body = { ...base, orgId: branchA, topic: '并发草稿', clientDraftId: 'draft-concurrent-01', attendance: present(membersA) };
    const results = await Promise.all([call(t.app, s.zhibu1!, 'POST', '/api/activities', body), call(t.app, s.zhibu1!, 'POST', '/api/activities', body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
  });
});

describe('scope: a branch never sees another branch’s activities', () => {
  let foreign: { id: number; topic: string };
  beforeAll(async () => {
    const res = await call(t.app, s.zhibu2!, 'POST', '/api/activities', { ...base, orgId: branchB, topic: '地震监测中心站专属主题党日', attendance: present(membersB) });
    expect(res.statusCode, res.body).toBe(201);
    foreign = res.json();
  });

  it('cannot read, change, complete, cancel or export it', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/activities/${foreign.id}`, undefined],
      ['PATCH', `/api/activities/${foreign.id}`, { topic: '越权修改' }],
      ['POST', `/api/activities/${foreign.id}/complete`, { attendance: present(membersA) }],
      ['POST', `/api/activities/${foreign.id}/cancel`, { reason: '越权取消' }],
      ['GET', `/api/activities/${foreign.id}/record.docx`, undefined],
    ] as const) {
      for (const user of ['zhibu1', 'jiguan1']) {
        const res = await call(t.app, s[user]!, method, url, body);
        expect(res.statusCode, `${user} ${method} ${url}`).toBe(404);
        expect(res.json().code).toBe('E_ACTIVITY_NOT_FOUND');
      }
    }
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/activities/${foreign.id}`)).json().topic).toBe(foreign.topic);
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/activities/${foreign.id}`)).statusCode).toBe(200);
  });

  it('does not list or find it, nor filter, template or export by its branch', async () => {
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities?q=${encodeURIComponent('地震监测中心站专属')}`)).json()).toMatchObject({ total: 0, items: [] });
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/activities?q=${encodeURIComponent('地震监测中心站专属')}`)).json().total).toBe(1);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/attendance-template?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/ledger.xlsx?orgId=${branchB}&from=2026-01-01&to=2026-11-23`)).statusCode).toBe(404);
    for (let page = 1; ; page++) {
      const res = (await call(t.app, s.zhibu1!, 'GET', `/api/activities?pageSize=100&page=${page}`)).json();
      expect(res.items.every((i: { orgId: number }) => i.orgId === branchA)).toBe(true);
      if (page * 100 >= res.total) break;
    }
    const ledger = await call(t.app, s.jiguan1!, 'GET', '/api/activities/ledger.xlsx?from=2026-01-01&to=2026-11-23');
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const topics: string[] = [];
    wb.getWorksheet('活动记录')!.eachRow((row, i) => {
      if (i > 1) topics.push(String(row.getCell(6).value));
    });
    expect(topics.length).toBeGreaterThan(50);
    expect(topics).not.toContain(foreign.topic);
  });

  it('a member has no access to the branch’s records, the 三员 none at all', async () => {
    expect((await call(t.app, s.dangyuan1!, 'GET', '/api/activities')).statusCode).toBe(403);
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/activities/${foreign.id}`)).statusCode).toBe(403);
    expect((await call(t.app, s.dangyuan1!, 'POST', '/api/activities', { ...base, orgId: branchA, attendance: present(membersA) })).statusCode).toBe(403);
    for (const u of ['sysadmin', 'secadmin', 'auditor']) {
      expect((await call(t.app, await login(t.app, u), 'GET', '/api/activities')).statusCode, u).toBe(403);
    }
  });
});

describe('documents', () => {
  it('the meeting record (.docx) has the title, time, place, people, attendance with reasons, the minutes and signature lines; audited', async () => {
    const [a, b, c, ...rest] = membersA;
    const created = (
      await call(t.app, s.zhibu1!, 'POST', '/api/activities', {
        ...base,
        orgId: branchA,
        types: ['theme_day', 'party_lecture'],
        topic: '会议记录导出测试',
        host: a!.name,
        recorder: b!.name,
        lecturer: '省委党校教授',
        attendance: [{ memberId: a!.memberId, status: 'present' }, { memberId: b!.memberId, status: 'present' }, { memberId: c!.memberId, status: 'leave', reason: '外出学习' }, ...present(rest)],
      })
    ).json();
    const res = await call(t.app, s.zhibu1!, 'GET', `/api/activities/${created.id}/record.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="meeting-record.docx"; filename\*=UTF-8''.+\.docx$/);
    const text = docxText(res.rawPayload);
    expect(text).toContain(`${created.orgName}党课、主题党日会议记录`);
    for (const expected of ['2026年11月20日（星期五）', '14:30—16:30', '三楼会议室', '主持人', a!.name, '记录人', b!.name, '授课人', '省委党校教授', `应到人数${membersA.length} 人`, `实到人数${membersA.length - 1} 人`, `${c!.name}（外出学习）`, '会议记录导出测试', '一、集体学习。', '决定事项', '主持人签字', '记录人签字']) {
      expect(text, expected).toContain(expected);
    }
    const log = (await call(t.app, await auditor(), 'GET', '/api/audit-events?action=activity.export&pageSize=5')).json();
    expect(log.items.some((i: { targetId: string; after: { export: string } }) => i.targetId === String(created.id) && i.after.export === 'record')).toBe(true);
  });

  it('a planned activity prints as a blank record to fill in by hand', async () => {
    const planned = (await call(t.app, s.zhibu1!, 'POST', '/api/activities', { ...base, orgId: branchA, status: 'planned', topic: '待召开的支委会', types: ['committee_meeting'], heldOn: '2026-11-26' })).json();
    const res = await call(t.app, s.zhibu1!, 'GET', `/api/activities/${planned.id}/record.docx`);
    expect(res.statusCode).toBe(200);
    const text = docxText(res.rawPayload);
    expect(text).toContain('支部委员会会议记录');
    expect(text).toContain('2026年11月26日（星期四）');
    expect(text).toContain('待召开的支委会');
    expect(text).not.toContain('应到人数0');
  });

  it('the 三会一课 ledger (.xlsx): one row per held activity of the period, counts per organization and type; audited with its row count', async () => {
    const from = '2025-12-01';
    const res = await call(t.app, s.zhibu1!, 'GET', `/api/activities/ledger.xlsx?from=${from}&to=${TODAY}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('活动记录')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '组织', '日期', '时间', '类型', '主题', '地点', '主持人', '记录人', '授课人', '应到', '出席', '线上参加', '请假', '缺席', '出勤率']);
    const held = (await call(t.app, s.zhibu1!, 'GET', `/api/activities?status=completed&from=${from}&to=${TODAY}&pageSize=1`)).json().total;
    expect(sheet.actualRowCount - 1).toBe(held);
    const rows: unknown[][] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const mine = rows.find((r) => r[5] === '主题党日暨专题党课：多类型测试')!;
    expect(mine).toBeDefined();
    expect(mine.slice(2, 5)).toEqual(['2026-11-20', '14:30—16:30', '党课、主题党日']);
    expect(mine.slice(10, 15)).toEqual([membersA.length, membersA.length - 3, 1, 1, 1]);
    expect(mine[15]).toBeCloseTo((membersA.length - 2) / membersA.length, 3);
    const dates = rows.map((r) => String(r[2]));
    expect(dates).toEqual([...dates].sort());

    const stats = wb.getWorksheet('分类统计')!;
    expect((stats.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['序号', '组织', '组织类别']);
    const themeColumn = (stats.getRow(1).values as unknown[]).indexOf('主题党日');
    const themeDays = (await call(t.app, s.zhibu1!, 'GET', `/api/activities?status=completed&type=theme_day&from=${from}&to=${TODAY}&pageSize=1`)).json().total;
    let found = false;
    stats.eachRow((row, i) => {
      if (i > 2 && row.getCell(2).value === mine[1]) {
        found = true;
        expect(row.getCell(themeColumn).value).toBe(themeDays);
        expect(row.getCell(stats.columnCount).value).toBe(held);
      }
    });
    expect(found).toBe(true);

    const log = (await call(t.app, await auditor(), 'GET', '/api/audit-events?action=activity.export&pageSize=5')).json();
    expect(log.items[0]).toMatchObject({ actorUsername: 'zhibu1', targetType: 'org', targetId: String(branchA), after: { export: 'ledger', from, to: TODAY, rows: held } });
  });

  it('the ledger period is at most 366 days and in order', async () => {
    const long = await call(t.app, s.zhibu1!, 'GET', '/api/activities/ledger.xlsx?from=2025-01-01&to=2026-01-02');
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'E_VALIDATION', details: [{ field: 'to', message: expect.stringContaining('366') }] });
    const backwards = await call(t.app, s.zhibu1!, 'GET', '/api/activities/ledger.xlsx?from=2026-11-01&to=2026-10-01');
    expect(backwards.json().details[0]).toMatchObject({ field: 'to', message: '结束日期早于开始日期' });
    expect((await call(t.app, s.zhibu1!, 'GET', '/api/activities/ledger.xlsx?from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
  });
});

describe('a member’s own organizational life', () => {
  it('shows the branch’s upcoming plans, own attendance of the last 12 months and this year’s counts, nothing about others', async () => {
    const res = await call(t.app, s.dangyuan1!, 'GET', '/api/me/activities');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json();
    expect(mine.upcoming.length).toBeGreaterThanOrEqual(1);
    for (const a of mine.upcoming) {
      expect(a).toMatchObject({ orgId: branchA, status: 'planned' });
      expect(a.heldOn >= TODAY).toBe(true);
    }
    expect(mine.upcoming.some((a: { types: string[] }) => a.types.includes('theme_day'))).toBe(true);
    expect(mine.attended.length).toBeGreaterThan(10);
    for (const { activity, status } of mine.attended) {
      expect(activity.status).toBe('completed');
      expect(activity.heldOn >= '2025-11-23' && activity.heldOn <= TODAY).toBe(true);
      expect(['present', 'online', 'leave', 'absent']).toContain(status);
    }
    const sum = Object.values(mine.yearCounts as Record<string, number>).reduce((n, v) => n + v, 0);
    expect(sum).toBeGreaterThan(5);
    expect(sum).toBeLessThanOrEqual(mine.attended.length);
    // Upcoming soonest first, attended latest first; this year's counts are the attended rows of this year.
    const upcomingDays = mine.upcoming.map((a: { heldOn: string }) => a.heldOn);
    expect(upcomingDays).toEqual([...upcomingDays].sort());
    const attendedDays = mine.attended.map((a: { activity: { heldOn: string } }) => a.activity.heldOn);
    expect(attendedDays).toEqual([...attendedDays].sort().reverse());
    const thisYear = mine.attended.filter((a: { activity: { heldOn: string } }) => a.activity.heldOn >= `${TODAY.slice(0, 4)}-01-01`);
    for (const status of ['present', 'online', 'leave', 'absent']) expect(mine.yearCounts[status], status).toBe(thisYear.filter((a: { status: string }) => a.status === status).length);
    // Each activity's types and counts are those of the activity itself, as its secretary sees them.
    for (const { activity } of mine.attended.slice(0, 5)) {
      const full = (await call(t.app, s.zhibu1!, 'GET', `/api/activities/${activity.id}`)).json();
      expect(activity.types).toEqual(full.types);
      expect(activity.attendance).toEqual(full.attendance);
      expect(activity.orgName).toBe(full.orgName);
    }
    // Nobody else's attendance: the names in it are only those who ran meetings (主持人).
    expect(res.body).not.toContain('attendanceRows');
    const self = (s.dangyuan1!.me.user as unknown as { displayName: string }).displayName;
    const hosts = new Set([...mine.upcoming, ...mine.attended.map((a: { activity: unknown }) => a.activity)].map((a: { host: string | null }) => a.host));
    const others = membersA.filter((m) => m.name !== self && !hosts.has(m.name));
    expect(others.length).toBeGreaterThan(5);
    for (const m of others) expect(res.body).not.toContain(m.name);
  });

  it('needs the member role (and an account linked to a member)', async () => {
    expect((await call(t.app, s.zhibu1!, 'GET', '/api/me/activities')).statusCode).toBe(403);
  });
});

describe('compliance is told inside the writing transaction', () => {
  it('calls onActivitiesChanged with the organization and every affected date, in the transaction', async () => {
    const calls: { inTransaction: boolean; orgId: number; dates: string[] }[] = [];
    const db = t.database.db;
    const service = createActivitiesService({
      db,
      clock: t.clock,
      orgService: createOrgService({ db, clock: t.clock }),
      fieldCrypto: t.fieldCrypto,
      onActivitiesChanged: async (tx: Db, orgId, dates) => {
        calls.push({ inTransaction: tx !== db, orgId, dates });
      },
    });
    const org = await findOrg(db, branchA);
    const actor = { userId: s.zhibu1!.me.user.id, memberId: null, scope: { kind: 'subtree', orgId: branchA, path: org!.path } } as unknown as Actor;
    const as = { userId: actor.userId, username: 'zhibu1', role: 'branch_officer', ip: null };
    const { activity } = await service.create(actor, as, { ...base, status: 'planned', types: ['theme_day'], heldOn: '2026-11-25', orgId: branchA } as never);
    await service.update(actor, as, activity.id, { heldOn: '2026-11-30' });
    await service.complete(actor, as, activity.id, { heldOn: '2026-11-23', attendance: present(membersA) as never });
    const cancelled = await service.create(actor, as, { ...base, status: 'planned', types: ['theme_day'], heldOn: '2026-12-02', orgId: branchA } as never);
    await service.cancel(actor, as, cancelled.activity.id, { reason: '改期' });
    expect(calls).toEqual([
      { inTransaction: true, orgId: branchA, dates: ['2026-11-25'] },
      { inTransaction: true, orgId: branchA, dates: ['2026-11-25', '2026-11-30'] },
      { inTransaction: true, orgId: branchA, dates: ['2026-11-30', '2026-11-23'] },
      { inTransaction: true, orgId: branchA, dates: ['2026-12-02'] },
      { inTransaction: true, orgId: branchA, dates: ['2026-12-02'] },
    ]);
  });
});
