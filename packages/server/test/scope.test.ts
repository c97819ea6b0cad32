// Scope is security: a user of one branch can never read, change, export or find another branch's data,
// and the three platform administrators (三员) are kept apart from business data and from each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCorrectionRequests } from '../src/platform/schema.js';
import { call, createTestApp, login, type Session, type TestApp } from './test-app.js';

let t: TestApp;
const s: Record<string, Session> = {};
let branchA: number; // zhibu1's branch (省统计局)
let branchB: number; // zhibu2's branch (省地震局)
let memberA: number;
let memberB: number;
let memberBName: string;
let userB: number;
let grantB: number;
let postB: number;
let unitB: number;
let transferB: number;
let correctionB: number;
let importB: number;
let activityA: number;
let activityB: number;
let activityBTopic: string;
let batchB: number; // a rectification batch issued by organ B to branch B
let problemB: number;
let evidenceB: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'zhibu2', 'dangyuan1', 'sysadmin', 'secadmin', 'auditor']) s[u] = await login(t.app, u);
  branchA = s.zhibu1!.me.grants[0]!.orgId!;
  branchB = s.zhibu2!.me.grants[0]!.orgId!;
  const a = (await call(t.app, s.zhibu1!, 'GET', '/api/members?pageSize=1')).json();
  const b = (await call(t.app, s.zhibu2!, 'GET', '/api/members?pageSize=1')).json();
  memberA = a.items[0].id;
  memberB = b.items[0].id;
  memberBName = b.items[0].name;
  userB = s.zhibu2!.me.user.id;
  grantB = s.zhibu2!.me.grants[0]!.id;
  postB = (await call(t.app, s.zhibu2!, 'GET', `/api/orgs/${branchB}/committee`)).json().current[0].id;
  unitB = (await call(t.app, s.jiguan2!, 'GET', '/api/units?mine=true')).json().items[0].id;
  // A transfer inside organ B (between two of its branches) and a correction request of a member of B.
  const otherBranchB = (await call(t.app, s.jiguan2!, 'GET', `/api/orgs/${s.jiguan2!.me.grants[0]!.orgId}/children`)).json().items.find((o: { id: number; type: string }) => o.id !== branchB && o.type === 'branch');
  const memberB2 = (await call(t.app, s.zhibu2!, 'GET', '/api/members?pageSize=3')).json().items[2].id;
  const started = await call(t.app, s.jiguan2!, 'POST', '/api/member-transfers', { memberId: memberB2, kind: 'internal', toOrgId: otherBranchB.id, reason: '岗位调整', startedOn: '2026-11-20' });
  expect(started.statusCode, started.body).toBe(201);
  transferB = started.json().id;
  const [correction] = await t.database.db.insert(memberCorrectionRequests).values({ memberId: memberB, field: '学历', status: 'open', createdAt: new Date() }).returning({ id: memberCorrectionRequests.id });
  correctionB = correction!.id;
  // An Excel import job of branch B (the template uploaded back: a job that ends without importing anything).
  const template = (await call(t.app, s.zhibu2!, 'GET', '/api/members/import-template.xlsx')).rawPayload;
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/member-imports?orgId=${branchB}&mode=validate`,
    headers: { cookie: s.zhibu2!.cookie, 'x-csrf-token': s.zhibu2!.csrf, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    payload: template,
  });
  expect(imported.statusCode, imported.body).toBe(202);
  importB = imported.json().id;
  // Activities (组织生活) of each branch, from the demo data.
  activityA = (await call(t.app, s.zhibu1!, 'GET', '/api/activities?pageSize=1')).json().items[0].id;
  const b2 = (await call(t.app, s.zhibu2!, 'GET', '/api/activities?pageSize=1&status=completed')).json().items[0];
  activityB = b2.id;
  // At most 50 characters, the length of a search term (a part of the topic finds it too).
  activityBTopic = b2.topic.slice(0, 50);
  // Problem rectification (问题整改) of organ B: a batch, a problem of branch B, claimed, with a file as evidence.
  const batch = await call(t.app, s.jiguan2!, 'POST', '/api/rectification/batches', { issuingOrgId: s.jiguan2!.me.grants[0]!.orgId, source: 'self_check', name: '地震局自查', issuedOn: '2026-11-01' });
  expect(batch.statusCode, batch.body).toBe(201);
  batchB = batch.json().id;
  const problem = await call(t.app, s.jiguan2!, 'POST', `/api/rectification/batches/${batchB}/problems`, { responsibleOrgId: branchB, description: '监测站支部学习制度落实不到位', category: 'ideological', severity: 'general', deadline: '2026-12-31' });
  expect(problem.statusCode, problem.body).toBe(201);
  problemB = problem.json().id;
  expect((await call(t.app, s.zhibu2!, 'POST', `/api/rectification/problems/${problemB}/claim`, {})).statusCode).toBe(200);
  const evidence = await call(t.app, s.zhibu2!, 'POST', `/api/rectification/problems/${problemB}/evidence`, { kind: 'file', label: '学习记录', fileName: 'a.txt', contentType: 'text/plain', contentBase64: 'eA==' });
  expect(evidence.statusCode, evidence.body).toBe(201);
  evidenceB = evidence.json().id;
});
afterAll(() => t.close());

/** Every path template with an id, from the app's own OpenAPI document — so a new route cannot be forgotten. */
async function idRoutes(): Promise<{ method: string; path: string }[]> {
  const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  return Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    path.includes('{id}') ? Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })) : [],
  );
}

const bodies: Record<string, unknown> = {
  'PATCH /api/orgs/{id}': { name: '越权修改' },
  'PATCH /api/members/{id}': { position: '越权修改' },
  'POST /api/members/{id}/unmask': { field: 'idNumber' },
  'POST /api/members/{id}/lifecycle': { action: 'suspend', occurredOn: '2026-11-22', reason: '越权' },
  'PUT /api/members/{id}/hardship': { inHardship: true, note: null },
  'POST /api/members/{id}/care-visits': { visitedOn: '2026-11-22', visitor: '越权', content: '越权', assistance: null },
  'POST /api/member-transfers/{id}/return': { reason: '越权退回' },
  'POST /api/member-corrections/{id}/resolve': { status: 'rejected', note: null },
  'PATCH /api/units/{id}': { name: '越权修改' },
  'PATCH /api/accounts/{id}': { displayName: '越权修改' },
  'POST /api/committee-posts/{id}/end': { endedOn: '2026-11-22', endReason: '越权免职' },
  'POST /api/committee-posts/{id}/talk': { talkOn: '2026-11-22', talkBy: '越权' },
  'POST /api/orgs/{id}/committee': { post: 'youth_member', memberId: 1, startedOn: '2026-11-22' },
  'POST /api/orgs/{id}/elections': { electedOn: '2026-11-22', method: 'members_meeting', committee: [{ post: 'secretary', memberId: 1 }] },
  'POST /api/orgs/{id}/move': { newParentId: 1, effectiveOn: '2026-11-22', reason: '越权调整' },
  'POST /api/orgs/{id}/merge': { targetId: 1, effectiveOn: '2026-11-22', reason: '越权合并' },
  'POST /api/orgs/{id}/split': { parts: [{ name: '越权拆分', memberIds: [] }], effectiveOn: '2026-11-22', reason: 'x' },
  'POST /api/orgs/{id}/dissolve': { effectiveOn: '2026-11-22', reason: '越权撤销' },
  'POST /api/orgs/{id}/term-adjustments': { newDueOn: '2027-01-01', approvedOn: '2026-11-22', approvalDoc: 'x', reason: 'x' },
  'PATCH /api/activities/{id}': { topic: '越权修改' },
  'POST /api/activities/{id}/complete': { attendance: [{ memberId: 1, status: 'present' }] },
  'POST /api/activities/{id}/cancel': { reason: '越权取消' },
  'POST /api/rectification/batches/{id}/problems': { responsibleOrgId: 1, description: '越权下发', category: 'organizational', severity: 'general', deadline: '2026-12-31' },
  'POST /api/rectification/problems/{id}/claim': {},
  'PUT /api/rectification/problems/{id}/measures': { measures: [{ content: '越权', owner: '越权', deadline: '2026-12-31' }] },
  'POST /api/rectification/problems/{id}/progress': { note: '越权' },
  'POST /api/rectification/problems/{id}/evidence': { kind: 'link', label: '越权', url: 'https://example.org' },
  'POST /api/rectification/problems/{id}/request-closure': { note: '越权' },
  'POST /api/rectification/problems/{id}/approve': {},
  'POST /api/rectification/problems/{id}/return': { reason: '越权退回' },
  'POST /api/rectification/problems/{id}/review': { outcome: 'reopen', note: '越权' },
};

/** The resource of a path: its first segment, or the first two under /api/rectification/. */
function resourceOf(path: string): string {
  const parts = path.split('/');
  return parts[2] === 'rectification' ? `${parts[2]}/${parts[3]}` : parts[2]!;
}

describe('a business user cannot reach another branch’s objects through any route that takes an id', () => {
  it('every id route answers 403 or 404 for branch B’s object, for both branch A’s secretary and the other organ’s admin', async () => {
    const foreignId: Record<string, number> = {
      orgs: branchB,
      members: memberB,
      accounts: userB,
      grants: grantB,
      'committee-posts': postB,
      units: unitB,
      'member-transfers': transferB,
      'member-corrections': correctionB,
      'member-imports': importB,
      activities: activityB,
      'rectification/batches': batchB,
      'rectification/problems': problemB,
    };
    const routes = await idRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const user of ['zhibu1', 'jiguan1']) {
      for (const { method, path } of routes) {
        const resource = resourceOf(path);
        const id = foreignId[resource];
        expect(id, `no scope case for ${method} ${path}: add its resource to foreignId`).toBeDefined();
        const own = s[user]!.me.grants[0]!.orgId;
        const query = path.endsWith('/move-preview') ? `?newParentId=${own}` : path.endsWith('/merge-preview') ? `?targetId=${own}` : path.endsWith('/import') ? '?mode=validate' : '';
        const url = path.replace('{id}', String(id)).replace('{kind}', 'org-info').replace('{evidenceId}', String(evidenceB)) + query;
        const res = await call(t.app, s[user]!, method as 'GET', url, bodies[`${method} ${path}`] ?? (method === 'GET' ? undefined : {}));
        expect([403, 404], `${user} ${method} ${path} → ${res.statusCode} ${res.body.slice(0, 120)}`).toContain(res.statusCode);
      }
    }
  });

  it('the same routes do work on the user’s own objects (so the test above can fail)', async () => {
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${branchA}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${branchA}/children`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${branchA}/ledgers/org-info`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${memberA}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'PATCH', `/api/members/${memberA}`, { position: '组织委员' })).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/${activityA}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/${activityA}/record.docx`)).statusCode).toBe(200);
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/activities/${activityB}`)).statusCode).toBe(200);
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/members/${memberB}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/rectification/problems/${problemB}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu2!, 'GET', `/api/rectification/problems/${problemB}/evidence/${evidenceB}/file`)).statusCode).toBe(200);
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/rectification/batches/${batchB}`)).statusCode).toBe(200);
    expect((await call(t.app, s.jiguan2!, 'PATCH', `/api/orgs/${branchB}`, { shortName: '测试简称' })).statusCode).toBe(200);
  });

  it('nor create under it, filter by it, or roll it up', async () => {
    expect((await call(t.app, s.jiguan1!, 'POST', '/api/orgs', { parentId: branchB, name: '越权党小组', type: 'party_small_group' })).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/dashboard?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/activities/ledger.xlsx?orgId=${branchB}&from=2026-01-01&to=2026-11-23`)).statusCode).toBe(404);
    expect((await call(t.app, s.jiguan1!, 'POST', '/api/rectification/batches', { issuingOrgId: branchB, source: 'self_check', name: '越权批次', issuedOn: '2026-11-01' })).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/rectification/problems?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/rectification/ledger.xlsx?orgId=${branchB}`)).statusCode).toBe(404);
    expect((await call(t.app, s.jiguan1!, 'POST', '/api/activities', { orgId: branchB, status: 'planned', types: ['theme_day'], topic: '越权计划', heldOn: '2026-11-30' })).statusCode).toBe(404);
  });
});

describe('lists and searches never show another branch’s data', () => {
  async function allPages(session: Session, url: string) {
    const items: { id: number; orgId?: number; name: string }[] = [];
    for (let page = 1; ; page++) {
      const res = (await call(t.app, session, 'GET', `${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=100`)).json();
      items.push(...res.items);
      if (items.length >= res.total) return items;
    }
  }

  it('branch A’s member list holds only branch A’s members, and B’s member is not found by name', async () => {
    const list = await allPages(s.zhibu1!, '/api/members');
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((m) => m.id)).not.toContain(memberB);
    for (const m of list) {
      const org = await call(t.app, s.zhibu1!, 'GET', `/api/orgs/${m.orgId}`);
      expect(org.statusCode).toBe(200);
    }
    const search = await allPages(s.zhibu1!, `/api/members?q=${encodeURIComponent(memberBName)}`);
    expect(search.map((m) => m.id)).not.toContain(memberB);
  });

  it('branch A’s activity list holds only branch A’s activities, and B’s are not found by topic', async () => {
    const list = await allPages(s.zhibu1!, '/api/activities');
    expect(list.length).toBeGreaterThan(10);
    expect(list.every((a) => a.orgId === branchA)).toBe(true);
    expect(list.map((a) => a.id)).not.toContain(activityB);
    const search = await allPages(s.zhibu1!, `/api/activities?q=${encodeURIComponent(activityBTopic)}`);
    expect(search.map((a) => a.id)).not.toContain(activityB);
    const organA = await allPages(s.jiguan1!, `/api/activities?q=${encodeURIComponent(activityBTopic)}`);
    expect(organA.map((a) => a.id)).not.toContain(activityB);
  });

  it('org search in one organ finds nothing of another organ', async () => {
    const mine = await allPages(s.jiguan1!, '/api/orgs?q=' + encodeURIComponent('党支部'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((o) => o.id)).not.toContain(branchB);
    const theirs = await allPages(s.jiguan2!, '/api/orgs?q=' + encodeURIComponent('党支部'));
    expect(theirs.map((o) => o.id)).toContain(branchB);
    const overlap = mine.filter((o) => theirs.some((x) => x.id === o.id));
    expect(overlap).toEqual([]);
  });

  it('the 工委 administrator sees both organs', async () => {
    const all = await allPages(s.gongwei!, '/api/orgs?q=' + encodeURIComponent('党支部'));
    expect(all.map((o) => o.id)).toEqual(expect.arrayContaining([branchA, branchB]));
  });

  it('the exported ledger of an organ holds only its subtree', async () => {
    const res = await call(t.app, s.jiguan1!, 'GET', `/api/orgs/${s.jiguan1!.me.grants[0]!.orgId}/ledgers/org-info`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.getWorksheet('组织信息')!.eachRow((row, i) => {
      if (i > 1) names.push(String(row.getCell(2).value));
    });
    expect(names.length).toBeGreaterThan(3);
    const bName = (await call(t.app, s.zhibu2!, 'GET', `/api/orgs/${branchB}`)).json().name;
    expect(names).not.toContain(bName);
  });
});

describe('a member sees self and own branch basics only', () => {
  it('own record, own branch; no roster, no parent, no children', async () => {
    const me = await call(t.app, s.dangyuan1!, 'GET', '/api/me/member');
    expect(me.statusCode).toBe(200);
    expect(me.json().orgId).toBe(branchA);
    expect((await call(t.app, s.dangyuan1!, 'GET', '/api/members')).statusCode).toBe(403);
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/members/${memberA}`)).statusCode).toBe(403);
    const roots = (await call(t.app, s.dangyuan1!, 'GET', '/api/orgs/roots')).json();
    expect(roots.items.map((o: { id: number }) => o.id)).toEqual([branchA]);
    const branch = (await call(t.app, s.dangyuan1!, 'GET', `/api/orgs/${branchA}`)).json();
    expect(branch.ancestors).toEqual([]);
    const parentId = branch.parentId;
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/orgs/${parentId}`)).statusCode).toBe(404);
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/orgs/${branchA}/children`)).json().items).toEqual([]);
    const search = (await call(t.app, s.dangyuan1!, 'GET', '/api/orgs?q=' + encodeURIComponent('党'))).json();
    expect(search.items.map((o: { id: number }) => o.id)).toEqual([branchA]);
    expect((await call(t.app, s.dangyuan1!, 'GET', `/api/orgs/${branchA}/ledgers/org-info`)).statusCode).toBe(403);
  });
});

describe('三员分立: platform administrators and business roles are kept apart', () => {
  it('business roles cannot read or verify the audit log', async () => {
    for (const u of ['gongwei', 'jiguan1', 'zhibu1', 'dangyuan1']) {
      expect((await call(t.app, s[u]!, 'GET', '/api/audit-events')).statusCode, u).toBe(403);
      expect((await call(t.app, s[u]!, 'POST', '/api/audit-events/verify')).statusCode, u).toBe(403);
    }
  });

  it('the auditor reads the audit log and no business data', async () => {
    expect((await call(t.app, s.auditor!, 'GET', '/api/audit-events')).statusCode).toBe(200);
    for (const url of ['/api/orgs/roots', `/api/orgs/${branchA}`, '/api/orgs?q=a', '/api/members', `/api/members/${memberA}`, '/api/dashboard', '/api/me/member', '/api/accounts', '/api/grants']) {
      expect((await call(t.app, s.auditor!, 'GET', url)).statusCode, url).toBe(403);
    }
  });

  it('the system administrator manages accounts but cannot grant roles or read business data', async () => {
    expect((await call(t.app, s.sysadmin!, 'POST', '/api/grants', { userId: userB, role: 'committee_admin', orgId: branchB })).statusCode).toBe(403);
    expect((await call(t.app, s.sysadmin!, 'DELETE', `/api/grants/${grantB}`)).statusCode).toBe(403);
    for (const url of ['/api/members', '/api/orgs/roots', '/api/dashboard', '/api/audit-events']) {
      expect((await call(t.app, s.sysadmin!, 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await call(t.app, s.sysadmin!, 'GET', '/api/accounts')).statusCode).toBe(200);
  });

  it('the security administrator grants roles, sees the org structure, but no members, no audit log, no account changes', async () => {
    for (const url of ['/api/members', `/api/members/${memberA}`, '/api/dashboard', '/api/audit-events']) {
      expect((await call(t.app, s.secadmin!, 'GET', url)).statusCode, url).toBe(403);
    }
    expect((await call(t.app, s.secadmin!, 'POST', '/api/accounts', { username: 'sneaky', displayName: '某人' })).statusCode).toBe(403);
    expect((await call(t.app, s.secadmin!, 'GET', '/api/orgs/roots')).statusCode).toBe(200);
    expect((await call(t.app, s.secadmin!, 'GET', `/api/orgs/${branchA}/ledgers/org-info`)).statusCode).toBe(403);
  });

  it('a platform role cannot be combined with any other role', async () => {
    const auditorId = s.auditor!.me.user.id;
    const gongweiId = s.gongwei!.me.user.id;
    const mix1 = await call(t.app, s.secadmin!, 'POST', '/api/grants', { userId: auditorId, role: 'committee_admin', orgId: branchA });
    expect(mix1.statusCode).toBe(409);
    expect(mix1.json().code).toBe('E_GRANT_SEPARATION_OF_DUTIES');
    const mix2 = await call(t.app, s.secadmin!, 'POST', '/api/grants', { userId: gongweiId, role: 'auditor' });
    expect(mix2.json().code).toBe('E_GRANT_SEPARATION_OF_DUTIES');
    const self = await call(t.app, s.secadmin!, 'POST', '/api/grants', { userId: s.secadmin!.me.user.id, role: 'member', orgId: branchA });
    expect(self.statusCode).toBe(409);
  });

  it('a granted business role takes effect on the next switch, and its revocation at once', async () => {
    const grant = await call(t.app, s.secadmin!, 'POST', '/api/grants', { userId: s.zhibu1!.me.user.id, role: 'branch_officer', orgId: branchB });
    expect(grant.statusCode).toBe(201);
    const gid = grant.json().id;
    expect((await call(t.app, s.zhibu1!, 'POST', '/api/auth/active-grant', { grantId: gid })).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${memberB}`)).statusCode).toBe(200);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${memberA}`)).statusCode).toBe(404);
    expect((await call(t.app, s.secadmin!, 'DELETE', `/api/grants/${gid}`)).statusCode).toBe(204);
    expect((await call(t.app, s.zhibu1!, 'GET', `/api/members/${memberB}`)).statusCode).toBe(403);
  });
});

describe('audit of writes and sensitive reads', () => {
  it('records who changed what, with before and after, and who viewed a member record', async () => {
    await call(t.app, s.zhibu1!, 'POST', '/api/auth/active-grant', { grantId: s.zhibu1!.me.grants[0]!.id });
    await call(t.app, s.zhibu1!, 'PATCH', `/api/members/${memberA}`, { position: '宣传委员' });
    await call(t.app, s.zhibu1!, 'GET', `/api/members/${memberA}`);
    const log = (await call(t.app, s.auditor!, 'GET', '/api/audit-events?actor=zhibu1&pageSize=10')).json();
    const update = log.items.find((e: { action: string }) => e.action === 'member.update');
    expect(update).toMatchObject({ actorUsername: 'zhibu1', targetType: 'member', targetId: String(memberA), after: { position: '宣传委员' }, result: 'success' });
    expect(update.ip).toBeTruthy();
    expect(update.before).toHaveProperty('position');
    expect(log.items.some((e: { action: string }) => e.action === 'member.read')).toBe(true);
    const verify = (await call(t.app, s.auditor!, 'POST', '/api/audit-events/verify')).json();
    expect(verify.ok).toBe(true);
    expect(verify.checked).toBeGreaterThan(20);
  });
});
