// The member roster through the HTTP API: records with checked national fields, masking and audited
// unmasking, lifecycle with the probation rules, transfers and who sees what while they are pending,
// statistics equal to the list, birthdays, care, self-view and corrections.
import { idCheckChar } from '@dangjian/regulations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../test/office-files.js';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
const s: Record<string, Session> = {};
let branchA: number; // zhibu1: 统计局综合处党支部
let branchB: number; // zhibu2: 地震监测中心站党支部

/** A valid ID number for a birth date and gender (GB 11643 checksum). */
function idNumber(birth: string, male: boolean, seq = 21): string {
  const body = `220102${birth.replaceAll('-', '')}${String(seq * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

const base = {
  name: '测试党员',
  gender: 'male',
  idNumber: null,
  ethnicity: '01',
  birthDate: '1990-05-04',
  nativePlace: '吉林长春',
  education: '21',
  degree: null,
  joinedOn: '2015-07-01',
  fullMemberOn: '2016-07-01',
  category: 'full',
  jobPosition: '01',
  position: '科员',
  rank: '一级科员',
  unitId: null,
  phone: '13912345678',
};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'zhibu2', 'dangyuan1']) s[u] = await login(t.app, u);
  branchA = s.zhibu1!.me.grants[0]!.orgId!;
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
});
afterAll(() => t.close());

describe('member records', () => {
  it('rejects a bad ID number naming the field, and an ID number that disagrees with the birth date', async () => {
    const bad = await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, orgId: branchA, idNumber: '220102199005040211' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'idNumber' });
    expect(bad.json().message).toContain('校验位');
    const mismatch = await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, orgId: branchA, idNumber: idNumber('1990-05-05', true) });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().message).toContain('出生日期');
    const before = (await call(t.app, s.zhibu1!, 'GET', '/api/members?q=测试党员')).json().total;
    expect(before).toBe(0);
  });

  it('accepts aliases of the code tables (汉 = 汉族) and stores codes', async () => {
    const res = await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '别名党员', orgId: branchA, ethnicity: '汉', education: '本科' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ethnicity: '01', education: '21' });
  });

  it('masks the ID number and phone; unmasking needs the permission and is audited', async () => {
    const full = idNumber('1990-05-04', true);
    const created = await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, orgId: branchA, idNumber: full });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m.idNumberMasked).toBe(`${full.slice(0, 3)}***********${full.slice(-4)}`);
    expect(m.phoneMasked).toBe('139****5678');
    expect(created.body).not.toContain(full);
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/members/${m.id}/unmask`, { field: 'idNumber' })).statusCode).toBe(403);
    const unmasked = await call(t.app, s.jiguan1!, 'POST', `/api/members/${m.id}/unmask`, { field: 'idNumber' });
    expect(unmasked.json()).toEqual({ field: 'idNumber', value: full });
    // Exact search by the full number goes through the keyed hash.
    const found = (await call(t.app, s.zhibu1!, 'GET', `/api/members?idNumber=${full}`)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([m.id]);
    // The same number cannot be registered twice.
    const again = await call(t.app, s.jiguan1!, 'POST', '/api/members', { ...base, name: '重复', orgId: branchA, idNumber: full });
    expect(again.statusCode).toBe(409);
    const auditor = await login(t.app, 'auditor');
    const log = (await call(t.app, auditor, 'GET', '/api/audit-events?action=member.unmask')).json();
    expect(log.items.some((e: { actorUsername: string; targetId: string }) => e.actorUsername === 'jiguan1' && e.targetId === String(m.id))).toBe(true);
  });

  it('an update records the changed fields on the timeline and never writes the ID number to the audit trail', async () => {
    const created = (await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '时间线党员', orgId: branchA, idNumber: idNumber('1990-05-04', true, 30) })).json();
    const newId = idNumber('1990-05-04', true, 31);
    const res = await call(t.app, s.zhibu1!, 'PATCH', `/api/members/${created.id}`, { rank: '四级主任科员', idNumber: newId });
    expect(res.statusCode, res.body).toBe(200);
    const timeline = (await call(t.app, s.zhibu1!, 'GET', `/api/members/${created.id}/timeline`)).json().items;
    expect(timeline[0].summary).toContain('职级');
    expect(timeline[0].summary).toContain('公民身份号码');
    const auditor = await login(t.app, 'auditor');
    const log = await call(t.app, auditor, 'GET', '/api/audit-events?action=member.update&pageSize=100');
    expect(log.body).toContain('四级主任科员');
    expect(log.body).not.toContain(newId);
  });

  it('puts members only into branches, not into a 机关党委', async () => {
    const res = await call(t.app, s.jiguan1!, 'POST', '/api/members', { ...base, name: '错位', orgId: s.jiguan1!.me.grants[0]!.orgId });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('E_MEMBER_ORG_NOT_BRANCH');
  });
});

describe('probation (预备期) with the cited rules', () => {
  let probationer: number;
  beforeAll(async () => {
    const res = await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '预备党员甲', orgId: branchA, category: 'probationary', joinedOn: '2025-12-10', fullMemberOn: null, birthDate: '1999-01-02' });
    expect(res.statusCode, res.body).toBe(201);
    probationer = res.json().id;
  });

  it('derives the due date and warns 30 days before, naming the rule', async () => {
    const m = (await call(t.app, s.zhibu1!, 'GET', `/api/members/${probationer}`)).json();
    expect(m.probationEndsOn).toBe('2026-12-10');
    expect(m.findings[0]).toMatchObject({ ruleId: 'members.probation_due', code: 'probation_due_soon' });
    expect(m.findings[0].basis.article).toContain('第七条');
  });

  it('refuses an extension shorter than the rule allows, then extends once, and refuses a second extension', async () => {
    const short = await call(t.app, s.zhibu1!, 'POST', `/api/members/${probationer}/lifecycle`, { action: 'extend_probation', occurredOn: '2026-11-20', reason: '考察不充分', months: 3 });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('第三十二条');
    const ok = await call(t.app, s.zhibu1!, 'POST', `/api/members/${probationer}/lifecycle`, { action: 'extend_probation', occurredOn: '2026-11-20', reason: '考察不充分', months: 6 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().probationEndsOn).toBe('2027-06-10');
    const twice = await call(t.app, s.zhibu1!, 'POST', `/api/members/${probationer}/lifecycle`, { action: 'extend_probation', occurredOn: '2026-11-21', reason: '再次延长', months: 6 });
    expect(twice.statusCode).toBe(400);
  });

  it('converts to full membership; 党龄 counts from that day', async () => {
    const res = await call(t.app, s.zhibu1!, 'POST', `/api/members/${probationer}/lifecycle`, { action: 'convert', occurredOn: '2026-11-22' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ category: 'full', fullMemberOn: '2026-11-22', probationEndsOn: null, standingYears: 0, findings: [] });
    const kinds = (await call(t.app, s.zhibu1!, 'GET', `/api/members/${probationer}/timeline`)).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k !== 'recorded')).toEqual(['converted', 'probation_extended']);
  });

  it('needs a reason to stop membership, and takes a deceased member off the roster', async () => {
    const m = (await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '离册党员', orgId: branchA })).json();
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/members/${m.id}/lifecycle`, { action: 'suspend', occurredOn: '2026-11-20' })).statusCode).toBe(400);
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/members/${m.id}/lifecycle`, { action: 'deceased', occurredOn: '2026-11-20' })).statusCode).toBe(200);
    const onRoster = (await call(t.app, s.zhibu1!, 'GET', '/api/members?q=离册党员')).json().total;
    const all = (await call(t.app, s.zhibu1!, 'GET', '/api/members?q=离册党员&status=all')).json().total;
    expect([onRoster, all]).toEqual([0, 1]);
  });
});

describe('transfers (组织关系转接)', () => {
  it('while pending the receiving branch cannot see the member; after acceptance the sending branch cannot', async () => {
    const m = (await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '调动党员', orgId: branchA, birthDate: '1988-03-03', idNumber: idNumber('1988-03-03', true, 40) })).json();
    const started = await call(t.app, s.zhibu1!, 'POST', '/api/member-transfers', { memberId: m.id, kind: 'internal', toOrgId: branchB, reason: '工作调动', startedOn: '2026-11-20', duesPaidUntil: '2026-11' });
    expect(started.statusCode, started.body).toBe(201);
    const transfer = started.json();
    expect(transfer).toMatchObject({ status: 'pending', toOrgId: branchB, responseDueOn: '2026-12-20' });
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/members/${m.id}`)).statusCode).toBe(404);
    const incoming = (await call(t.app, s.zhibu2!, 'GET', '/api/member-transfers?direction=incoming&status=pending')).json();
    expect(incoming.items.map((i: { id: number }) => i.id)).toContain(transfer.id);
    expect(JSON.stringify(incoming)).not.toContain('idNumber');
    // The sender cannot accept its own transfer; a second one cannot start while this one is pending.
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/member-transfers/${transfer.id}/accept`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'POST', '/api/member-transfers', { memberId: m.id, kind: 'outbound', destination: '外省某支部', reason: 'x', startedOn: '2026-11-20' })).statusCode).toBe(409);

    const accepted = await call(t.app, s.zhibu2!, 'POST', `/api/member-transfers/${transfer.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${m.id}`)).statusCode).toBe(404);
    const now = (await call(t.app, s.zhibu2!, 'GET', `/api/members/${m.id}`)).json();
    expect(now.orgId).toBe(branchB);
    const kinds = (await call(t.app, s.zhibu2!, 'GET', `/api/members/${m.id}/timeline`)).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['transfer_accepted', 'transfer_started', 'recorded']));
  });

  it('the receiver can return a transfer with a reason; the member stays with the sender', async () => {
    const m = (await call(t.app, s.zhibu1!, 'POST', '/api/members', { ...base, name: '退回党员', orgId: branchA })).json();
    const transfer = (await call(t.app, s.zhibu1!, 'POST', '/api/member-transfers', { memberId: m.id, kind: 'internal', toOrgId: branchB, reason: '工作调动', startedOn: '2026-11-20' })).json();
    expect((await call(t.app, s.zhibu2!, 'POST', `/api/member-transfers/${transfer.id}/return`, {})).statusCode).toBe(400);
    const returned = await call(t.app, s.zhibu2!, 'POST', `/api/member-transfers/${transfer.id}/return`, { reason: '本支部无此调入人员' });
    expect(returned.json()).toMatchObject({ status: 'returned', responseNote: '本支部无此调入人员' });
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${m.id}`)).json().orgId).toBe(branchA);
  });

  it('the demo transfer waiting 40 days is flagged as overdue with its citation', async () => {
    const incoming = (await call(t.app, s.zhibu2!, 'GET', '/api/member-transfers?direction=incoming&status=pending')).json().items;
    const overdue = incoming.find((i: { findings: unknown[] }) => i.findings.length > 0);
    expect(overdue.findings[0]).toMatchObject({ ruleId: 'members.transfer_response', code: 'transfer_response_overdue' });
  });

  it('an outbound transfer takes the member off the roster and produces the 介绍信 (masked unless unmasked)', async () => {
    const full = idNumber('1985-08-08', false, 50);
    const m = (await call(t.app, s.jiguan1!, 'POST', '/api/members', { ...base, name: '转出党员', gender: 'female', birthDate: '1985-08-08', orgId: branchA, idNumber: full })).json();
    const out = await call(t.app, s.jiguan1!, 'POST', '/api/member-transfers', { memberId: m.id, kind: 'outbound', destination: '中共某市委组织部机关党支部', reason: '调往外省工作', startedOn: '2026-11-21', duesPaidUntil: '2026-11' });
    expect(out.statusCode, out.body).toBe(201);
    expect(out.json()).toMatchObject({ status: 'issued', letterNumber: expect.stringMatching(/^2026-/) });
    expect((await call(t.app, s.jiguan1!, 'GET', `/api/members/${m.id}`)).json().status).toBe('transferred_out');
    const letter = await call(t.app, s.jiguan1!, 'GET', `/api/member-transfers/${out.json().id}/letter.docx`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(letter.rawPayload);
    expect(text).toContain('转出党员');
    expect(text).toContain('中共某市委组织部机关党支部');
    expect(text).not.toContain(full);
    expect(text).toContain(`${full.slice(0, 3)}***********${full.slice(-4)}`);
    expect(docxText((await call(t.app, s.jiguan1!, 'GET', `/api/member-transfers/${out.json().id}/letter.docx?unmasked=true`)).rawPayload)).toContain(full);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/member-transfers/${out.json().id}/letter.docx?unmasked=true`)).statusCode).toBe(403);
  });
});

describe('statistics, birthdays, care', () => {
  it('statistics for a subtree equal the count of members listed for that subtree, and each breakdown adds up', async () => {
    for (const [user, orgId] of [['gongwei', undefined], ['jiguan1', undefined], ['zhibu2', undefined], ['gongwei', branchA]] as const) {
      const q = orgId ? `?orgId=${orgId}` : '';
      const stats = (await call(t.app, s[user]!, 'GET', `/api/members/stats${q}`)).json();
      const listed = (await call(t.app, s[user]!, 'GET', `/api/members${q}${q ? '&' : '?'}pageSize=1`)).json().total;
      expect(stats.total, `${user} ${orgId ?? ''}`).toBe(listed);
      expect(stats.total).toBeGreaterThan(0);
      for (const key of ['byCategory', 'byGender', 'byEthnicity', 'byAgeBand', 'byEducation', 'byStandingBand', 'byStatus']) {
        const sum = stats[key].reduce((a: number, c: { count: number }) => a + c.count, 0);
        expect(sum, `${key} of ${user}`).toBe(stats.total);
      }
    }
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/stats?orgId=${branchB}`)).statusCode).toBe(404);
  });

  it('exports the statistics to Excel', async () => {
    const res = await call(t.app, s.jiguan1!, 'GET', '/api/members/stats.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });

  it('lists this month’s political birthdays grouped by branch', async () => {
    const res = (await call(t.app, s.jiguan1!, 'GET', '/api/members/birthdays?month=7')).json();
    expect(res.month).toBe(7);
    const all = res.groups.flatMap((g: { members: { joinedOn: string }[] }) => g.members);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((m: { joinedOn: string }) => m.joinedOn.slice(5, 7) === '07')).toBe(true);
  });

  it('marks a member in difficulty and records a visit', async () => {
    const member = (await call(t.app, s.zhibu1!, 'GET', '/api/members?pageSize=1')).json().items[0];
    expect((await call(t.app, s.zhibu1!, 'PUT', `/api/members/${member.id}/hardship`, { inHardship: true, note: '家属重病' })).json().inHardship).toBe(true);
    const visit = await call(t.app, s.zhibu1!, 'POST', `/api/members/${member.id}/care-visits`, { visitedOn: '2026-11-22', visitor: '支部书记', content: '上门看望', assistance: null });
    expect(visit.statusCode, visit.body).toBe(201);
    const list = (await call(t.app, s.zhibu1!, 'GET', '/api/members/hardship')).json();
    expect(list.items.find((i: { id: number }) => i.id === member.id)).toMatchObject({ visitCount: 1, lastVisitOn: '2026-11-22' });
    expect((await call(t.app, s.zhibu2!, 'GET', '/api/members/hardship')).json().items.find((i: { id: number }) => i.id === member.id)).toBeUndefined();
  });
});

describe('self-view and correction requests', () => {
  it('a member sees the own record masked and asks for a correction; the branch resolves it', async () => {
    const me = await call(t.app, s.dangyuan1!, 'GET', '/api/me/member');
    expect(me.statusCode).toBe(200);
    expect(me.json().idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect((await call(t.app, s.dangyuan1!, 'GET', '/api/me/member/timeline')).json().items.length).toBeGreaterThan(0);
    expect((await call(t.app, s.dangyuan1!, 'PATCH', `/api/members/${me.json().id}`, { rank: '自改' })).statusCode).toBe(403);
    const asked = await call(t.app, s.dangyuan1!, 'POST', '/api/me/member/corrections', { field: '籍贯', proposedValue: '吉林四平', note: null });
    expect(asked.statusCode, asked.body).toBe(201);
    const inbox = (await call(t.app, s.zhibu1!, 'GET', '/api/member-corrections?status=open')).json();
    expect(inbox.openCount).toBeGreaterThanOrEqual(2); // the demo request plus this one
    expect((await call(t.app, s.zhibu2!, 'GET', '/api/member-corrections?status=open')).json().items.find((c: { id: number }) => c.id === asked.json().id)).toBeUndefined();
    const resolved = await call(t.app, s.zhibu1!, 'POST', `/api/member-corrections/${asked.json().id}/resolve`, { status: 'accepted', note: '已核实' });
    expect(resolved.json()).toMatchObject({ status: 'accepted', resolutionNote: '已核实' });
    expect((await call(t.app, s.zhibu1!, 'POST', `/api/member-corrections/${asked.json().id}/resolve`, { status: 'accepted', note: null })).statusCode).toBe(409);
  });
});

describe('warnings of the roster in the warning center', () => {
  it('lists probations due or overdue and unanswered transfers, each with its rule', async () => {
    const items = (await call(t.app, s.gongwei!, 'GET', '/api/warnings?pageSize=100&kind=probation')).json().items;
    expect(items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['probation_due_soon', 'probation_overdue']));
    expect(items[0].basis[0].sourceTitle).toBeTruthy();
    expect(items[0].memberId).toBeGreaterThan(0);
    const transfers = (await call(t.app, s.zhibu2!, 'GET', '/api/warnings?kind=transfer')).json().items;
    expect(transfers[0]).toMatchObject({ kind: 'transfer', code: 'transfer_response_overdue', orgId: branchB });
    expect((await call(t.app, s.zhibu1!, 'GET', '/api/warnings?kind=transfer')).json().items).toEqual([]);
    // Each kind alone is a valid query (the first part of the union names the columns).
    for (const kind of ['election', 'finding', 'no_election', 'probation', 'transfer', 'meeting', 'absence', 'problem']) {
      expect((await call(t.app, s.gongwei!, 'GET', `/api/warnings?kind=${kind}`)).statusCode, kind).toBe(200);
    }
  });
});
