import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
let quake: Session; // organ admin of 省地震局
let stats: Session; // organ admin of 省统计局
let gongwei: Session;

beforeAll(async () => {
  t = await createTestApp();
  quake = await login(t.app, 'jiguan2');
  stats = await login(t.app, 'jiguan1');
  gongwei = await login(t.app, 'gongwei');
});
afterAll(() => t.close());

async function orgNamed(session: Session, name: string) {
  const found = (await call(t.app, session, 'GET', `/api/orgs?q=${encodeURIComponent(name)}`)).json();
  expect(found.items.length, name).toBeGreaterThan(0);
  return found.items[0] as { id: number; name: string };
}

async function warnings(session: Session, query = '') {
  const res = await call(t.app, session, 'GET', `/api/warnings?pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { total: number; items: { kind: string; code: string; orgId: number; severity: string | null; dueOn: string | null; message: string; basis: { sourceTitle: string; article: string }[] }[] };
}

async function membersOf(session: Session, orgId: number, query = '') {
  return (await call(t.app, session, 'GET', `/api/members?orgId=${orgId}&pageSize=100${query}`)).json().items as { id: number; name: string; category: string }[];
}

describe('warnings on first start', () => {
  it('list an overdue election, due soon ones, a vacancy and a too-small branch, sorted by due date, each with a citation', async () => {
    const all = await warnings(gongwei);
    const codes = all.items.map((w) => w.code);
    expect(codes).toContain('election_overdue');
    expect(codes.some((c) => c === 'election_due_soon' || c === 'election_due_imminent')).toBe(true);
    expect(codes).toContain('post_vacant');
    expect(codes).toContain('branch_too_few_full_members');
    const dated = all.items.filter((w) => w.dueOn !== null).map((w) => w.dueOn!);
    expect(dated).toEqual([...dated].sort());
    // No rule to cite for a missing election record; an overdue problem cites the issuing level's batch.
    for (const w of all.items.filter((i) => i.kind !== 'no_election')) {
      expect(w.basis.length, `${w.code} ${w.message}`).toBeGreaterThan(0);
      expect(w.basis[0]!.sourceTitle.length).toBeGreaterThan(2);
    }
    const overdue = all.items.find((w) => w.code === 'election_overdue')!;
    expect(overdue.severity).toBe('violation');
  });

  it('pages in a total order: small pages put together equal one big page, and a page past the end keeps the total', async () => {
    const page = async (n: number, size: number) => (await call(t.app, gongwei, 'GET', `/api/warnings?page=${n}&pageSize=${size}`)).json() as { items: { key: string }[]; total: number };
    const big = await page(1, 30);
    expect(big.total).toBeGreaterThan(30);
    const small = [...(await page(1, 7)).items, ...(await page(2, 7)).items, ...(await page(3, 7)).items, ...(await page(4, 7)).items, ...(await page(5, 7)).items];
    expect(small.slice(0, 30).map((w) => w.key)).toEqual(big.items.map((w) => w.key));
    const past = await page(1000, 20);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(big.total);
  });

  it('an organ admin sees only its own subtree’s warnings', async () => {
    const mine = await warnings(quake);
    const organ = quake.me.grants[0]!.orgId!;
    for (const w of mine.items) expect((await call(t.app, quake, 'GET', `/api/orgs/${w.orgId}`)).statusCode).toBe(200);
    expect(mine.items.some((w) => w.code === 'election_overdue')).toBe(true);
    const statsSide = await warnings(stats);
    expect(statsSide.items.some((w) => mine.items.some((m) => m.orgId === w.orgId))).toBe(false);
    expect((await call(t.app, stats, 'GET', `/api/warnings?orgId=${organ}`)).statusCode).toBe(404);
  });
});

describe('recording an election', () => {
  it('on an overdue branch: clears the overdue warning, sets the next due date, and replaces the committee in one step', async () => {
    const branch = await orgNamed(quake, '震害防御处党支部');
    const before = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/elections`)).json();
    expect(before.current.stage).toBe('overdue');
    const oldCommittee = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/committee`)).json().current;
    const people = (await membersOf(quake, branch.id, '&category=full')).slice(0, 4);
    const electedOn = '2026-11-20';
    const res = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, {
      electedOn,
      method: 'members_meeting',
      expectedVoters: 8,
      actualVoters: 8,
      approvedOn: '2026-11-22',
      approvalDoc: '省地震局机关党委〔2026〕31号',
      committee: [
        { post: 'secretary', memberId: people[0]!.id },
        { post: 'organization_member', memberId: people[1]!.id },
        { post: 'propaganda_member', memberId: people[2]!.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ termNumber: before.current.termNumber + 1, termYears: 3, dueOn: '2029-11-20' });

    const after = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/elections`)).json();
    expect(after.current).toMatchObject({ electedOn, dueOn: '2029-11-20', stage: 'ok' });
    expect(after.elections[0].basis[0].sourceTitle).toBeTruthy();
    const committee = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/committee`)).json();
    expect(committee.current.map((p: { memberId: number }) => p.memberId).sort()).toEqual(people.slice(0, 3).map((p) => p.id).sort());
    for (const old of oldCommittee) expect(committee.past.find((p: { id: number }) => p.id === old.id)?.endedOn).toBe(electedOn);
    const stillOverdue = (await warnings(quake)).items.filter((w) => w.orgId === branch.id && w.code.startsWith('election_'));
    expect(stillOverdue).toEqual([]);
  });

  it('judges each election by the term rule in force on its date (2016: 2 years; after the 2018 opinion: 3 years)', async () => {
    const organ = stats.me.grants[0]!.orgId!;
    const branch = (await call(t.app, stats, 'POST', '/api/orgs', { parentId: organ, name: '任期规则测试党支部', type: 'branch' })).json();
    // move three members' records is out of scope here: the secretary only needs to be a member of the subtree,
    // so appoint from the organ's own members by electing at the organ-level test branch's parent instead.
    const someone = (await membersOf(stats, organ, '&category=full'))[0]!;
    const notInBranch = await call(t.app, stats, 'POST', `/api/orgs/${branch.id}/elections`, { electedOn: '2016-05-10', method: 'members_meeting', committee: [{ post: 'secretary', memberId: someone.id }] });
    expect(notInBranch.statusCode).toBe(400);
    expect(notInBranch.json().code).toBe('E_COMMITTEE_MEMBER_NOT_IN_ORG');
    expect(notInBranch.json().details[0].field).toBe('committee.0.memberId');

    const officeBranch = await orgNamed(stats, '省统计局办公室党支部');
    const office = await membersOf(stats, officeBranch.id, '&category=full');
    const history = (await call(t.app, stats, 'GET', `/api/orgs/${officeBranch.id}/elections`)).json();
    const before2018 = history.elections.filter((e: { electedOn: string }) => e.electedOn < '2018-07-12');
    const after2018 = history.elections.filter((e: { electedOn: string }) => e.electedOn >= '2018-07-12');
    expect(before2018.length).toBeGreaterThanOrEqual(1);
    expect(after2018.length).toBeGreaterThanOrEqual(1);
    for (const e of before2018) expect(e.termYears, `elected ${e.electedOn}`).toBe(2);
    for (const e of after2018) expect(e.termYears, `elected ${e.electedOn}`).toBe(3);
    expect(before2018[0].basis[0].sourceTitle).not.toBe(after2018[0].basis[0].sourceTitle);
    expect(office.length).toBeGreaterThan(3);
  });

  it('refuses a probationary member as secretary, naming the rule', async () => {
    const organ = quake.me.grants[0]!.orgId!;
    const probationary = (await membersOf(quake, organ, '&category=probationary'))[0];
    if (!probationary) return expect.fail('the demo organ has no probationary member');
    const detail = (await call(t.app, quake, 'GET', `/api/members/${probationary.id}`)).json();
    const res = await call(t.app, quake, 'POST', `/api/orgs/${detail.orgId}/elections`, { electedOn: '2026-11-21', method: 'members_meeting', committee: [{ post: 'secretary', memberId: probationary.id }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('E_COMMITTEE_SECRETARY_NOT_QUALIFIED');
    expect(res.json().message).toContain('依据');
  });

  it('refuses dates in the future, before the last election, and committees without exactly one secretary', async () => {
    const branch = await orgNamed(quake, '地震信息中心党支部');
    const people = await membersOf(quake, branch.id, '&category=full');
    const body = (over: object) => ({ electedOn: '2026-11-22', method: 'members_meeting', committee: [{ post: 'secretary', memberId: people[0]!.id }], ...over });
    const future = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, body({ electedOn: '2027-01-01' }));
    expect(future.json().details[0].field).toBe('electedOn');
    const early = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, body({ electedOn: '2001-01-01' }));
    expect(early.json().message).toContain('须晚于上一届');
    const twoSecretaries = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, body({ committee: [{ post: 'secretary', memberId: people[0]!.id }, { post: 'secretary', memberId: people[1]!.id }] }));
    expect(twoSecretaries.json().details[0].field).toBe('committee');
    const tooMany = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, body({ expectedVoters: 5, actualVoters: 6 }));
    expect(tooMany.json().details[0].field).toBe('actualVoters');
    // elections.quorum: 8 of 10 is exactly four fifths, not more: the meeting is not valid.
    const short = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/elections`, body({ expectedVoters: 10, actualVoters: 8 }));
    expect(short.json()).toMatchObject({ code: 'E_ELECTION_QUORUM', details: [{ field: 'actualVoters' }] });
    expect(short.json().message).toContain('五分之四');
    expect(short.json().message).toContain('选举工作条例');
  });

  it('a 工委 or 党小组 holds no elections', async () => {
    const root = gongwei.me.grants[0]!.orgId!;
    expect((await call(t.app, gongwei, 'POST', `/api/orgs/${root}/elections`, { electedOn: '2026-01-01', method: 'members_meeting', committee: [{ post: 'secretary', memberId: 1 }] })).json().code).toBe('E_ELECTION_NOT_APPLICABLE');
  });
});

describe('postponement and early elections', () => {
  it('moves the due date with approval; beyond 12 months it is recorded with a cited warning (the text says 一般)', async () => {
    const branch = await orgNamed(quake, '地震监测中心站党支部');
    const current = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/elections`)).json().current;
    const plus = (date: string, months: number) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    const ok = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/term-adjustments`, { newDueOn: plus(current.dueOn, 6), approvedOn: '2026-11-01', approvalDoc: '省地震局机关党委〔2026〕40号', reason: '机构改革期间' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ kind: 'postpone', dueOn: plus(current.dueOn, 6), warnings: [] });
    const after = (await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/elections`)).json();
    expect(after.current.dueOn).toBe(plus(current.dueOn, 6));
    expect(after.adjustments[0]).toMatchObject({ kind: 'postpone', previousDueOn: current.dueOn });
    const long = await call(t.app, quake, 'POST', `/api/orgs/${branch.id}/term-adjustments`, { newDueOn: plus(current.dueOn, 14), approvedOn: '2026-11-02', approvalDoc: '省地震局机关党委〔2026〕41号', reason: '测试' });
    expect(long.statusCode, long.body).toBe(201);
    expect(long.json().warnings[0].message).toContain('依据');
    expect(long.json().warnings[0].severity).toBe('warning');
  });
});

describe('committee posts and vacancies', () => {
  it('a vacant post is a warning until someone is appointed; the appointment is audited and the talk recorded', async () => {
    const vacant = (await warnings(stats)).items.find((w) => w.code === 'post_vacant')!;
    expect(vacant).toBeDefined();
    expect(vacant.message).toContain('宣传委员');
    const people = await membersOf(stats, vacant.orgId, '&category=full');
    const committee = (await call(t.app, stats, 'GET', `/api/orgs/${vacant.orgId}/committee`)).json();
    const free = people.find((p) => !committee.current.some((c: { memberId: number }) => c.memberId === p.id))!;
    const taken = await call(t.app, stats, 'POST', `/api/orgs/${vacant.orgId}/committee`, { post: 'secretary', memberId: free.id, startedOn: '2026-11-20' });
    expect(taken.statusCode).toBe(409);
    const res = await call(t.app, stats, 'POST', `/api/orgs/${vacant.orgId}/committee`, { post: 'propaganda_member', memberId: free.id, startedOn: '2026-11-20', appointmentDoc: '增补' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await warnings(stats)).items.some((w) => w.orgId === vacant.orgId && w.code === 'post_vacant')).toBe(false);
    const talk = await call(t.app, stats, 'POST', `/api/committee-posts/${res.json().id}/talk`, { talkOn: '2026-11-21', talkBy: '机关党委书记', talkNote: '明确职责' });
    expect(talk.statusCode).toBe(204);
    const after = (await call(t.app, stats, 'GET', `/api/orgs/${vacant.orgId}/committee`)).json();
    expect(after.current.find((p: { id: number }) => p.id === res.json().id)).toMatchObject({ talkOn: '2026-11-21', talkBy: '机关党委书记', postLabel: '宣传委员' });
    const end = await call(t.app, stats, 'POST', `/api/committee-posts/${res.json().id}/end`, { endedOn: '2026-11-22', endReason: '测试免职' });
    expect(end.statusCode).toBe(204);
  });

  it('the other organ cannot touch these posts', async () => {
    const branch = await orgNamed(stats, '省统计局综合处党支部');
    const post = (await call(t.app, stats, 'GET', `/api/orgs/${branch.id}/committee`)).json().current[0];
    expect((await call(t.app, quake, 'GET', `/api/orgs/${branch.id}/committee`)).statusCode).toBe(404);
    expect((await call(t.app, quake, 'POST', `/api/committee-posts/${post.id}/end`, { endedOn: '2026-11-22', endReason: 'x' })).statusCode).toBe(404);
  });
});

describe('ledgers', () => {
  async function sheet(session: Session, orgId: number, kind: string) {
    const res = await call(t.app, session, 'GET', `/api/orgs/${orgId}/ledgers/${kind}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  }

  it('generate the three ledgers of a subtree from the records', async () => {
    const organ = quake.me.grants[0]!.orgId!;
    const elections = await sheet(quake, organ, 'elections');
    expect(elections[0]).toEqual(expect.arrayContaining(['党组织', '届次', '选举日期', '届满日期', '当选名单及分工', '任期依据']));
    expect(elections.length).toBeGreaterThan(10);
    expect(elections.slice(1).every((r) => r[1]!.startsWith('中共省地震局') || r[1]!.startsWith('省地震局'))).toBe(true);
    expect(elections.slice(1).some((r) => r[9]!.includes('书记'))).toBe(true);
    const talks = await sheet(quake, organ, 'appointment-talks');
    expect(talks[0]).toEqual(expect.arrayContaining(['职务', '姓名', '谈话日期', '谈话人']));
    expect(talks.slice(1).some((r) => r[7] === '未谈话')).toBe(true);
    const info = await sheet(quake, organ, 'org-info');
    expect(info[0]).toEqual(expect.arrayContaining(['组织名称', '所在单位', '书记', '届满日期', '成立日期', '组织类别代码', '所在单位类别']));
    const col = (name: string) => info[0]!.indexOf(name);
    expect(info.slice(1).every((r) => r[col('所在单位')] === '省地震局')).toBe(true);
    expect(info.slice(1).every((r) => ['党政机关', '其他事业单位'].includes(r[col('所在单位类别')]!))).toBe(true);
    expect(info.slice(1).filter((r) => r[col('组织类别')] === '党支部').every((r) => r[col('组织类别代码')] === '631')).toBe(true);
  });

  it('refuse another organ’s subtree and unknown ledgers', async () => {
    const organ = quake.me.grants[0]!.orgId!;
    expect((await call(t.app, stats, 'GET', `/api/orgs/${organ}/ledgers/elections`)).statusCode).toBe(404);
    expect((await call(t.app, quake, 'GET', `/api/orgs/${organ}/ledgers/salaries`)).statusCode).toBe(400);
  });
});
