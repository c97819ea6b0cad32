import { describe, expect, it } from 'vitest';
import { generateDemoActivities } from './demo-activities.js';
import { generateDemoDataset, type DemoDataset, type DemoMember, type DemoOrgType } from './demo-dataset.js';
import { generateDemoOrgRecords } from './demo-org-records.js';

const AS_OF = '2026-11-23';
const BRANCH_LIKE: readonly DemoOrgType[] = ['branch', 'joint_branch', 'temporary_branch'];
const RETIREE_BRANCH = '离退休干部党支部';

const dataset = generateDemoDataset({ seed: 2026, asOf: AS_OF });

/** Same calendar date `years` later (29 Feb → 28 Feb), as an ISO string. */
function plusYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function byKey<T extends { key: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.key, item]));
}

function account(data: DemoDataset, username: string) {
  const found = data.accounts.find((a) => a.username === username);
  if (!found) throw new Error(`no account ${username}`);
  return found;
}

function membersIn(data: DemoDataset, orgKey: string): DemoMember[] {
  return data.members.filter((m) => m.orgKey === orgKey);
}

function organOf(data: DemoDataset, orgKey: string): string | null {
  const orgs = byKey(data.orgs);
  let org = orgs.get(orgKey);
  while (org && org.type !== 'organ_party_committee') org = org.parentKey ? orgs.get(org.parentKey) : undefined;
  return org?.key ?? null;
}

describe('generateDemoDataset', () => {
  it('is deterministic for a seed and varies with it', () => {
    expect(generateDemoDataset({ seed: 2026, asOf: AS_OF })).toEqual(dataset);
    const other = generateDemoDataset({ seed: 7, asOf: AS_OF });
    expect(other.members.map((m) => m.name)).not.toEqual(dataset.members.map((m) => m.name));
  });

  it('rejects a malformed asOf or seed', () => {
    expect(() => generateDemoDataset({ seed: 1, asOf: '2026-02-30' })).toThrow(RangeError);
    expect(() => generateDemoDataset({ seed: 1, asOf: '23/11/2026' })).toThrow(RangeError);
    expect(() => generateDemoDataset({ seed: Number.NaN, asOf: AS_OF })).toThrow(RangeError);
  });

  it('lists parents before children, with one work-committee root', () => {
    const seen = new Set<string>();
    for (const org of dataset.orgs) {
      if (org.parentKey !== null) expect(seen, `${org.key} after its parent`).toContain(org.parentKey);
      seen.add(org.key);
    }
    const roots = dataset.orgs.filter((o) => o.parentKey === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ type: 'work_committee', name: '中共省直属机关工作委员会', shortName: '省直机关工委' });
  });

  it('has unique keys, codes and member names, and codes that extend their parent code', () => {
    const orgs = byKey(dataset.orgs);
    expect(orgs.size).toBe(dataset.orgs.length);
    expect(new Set(dataset.orgs.map((o) => o.code)).size).toBe(dataset.orgs.length);
    expect(new Set(dataset.members.map((m) => m.key)).size).toBe(dataset.members.length);
    expect(new Set(dataset.members.map((m) => m.name)).size).toBe(dataset.members.length);
    for (const org of dataset.orgs) {
      expect(org.code).toMatch(/^(\d{3})+$/);
      const parentCode = org.parentKey ? orgs.get(org.parentKey)?.code : '';
      expect(org.code.slice(0, -3)).toBe(parentCode);
    }
  });

  it('has the six organs, a general branch, a temporary branch, a joint branch and party small groups', () => {
    const organs = dataset.orgs.filter((o) => o.type === 'organ_party_committee');
    expect(organs.map((o) => o.shortName)).toEqual([
      '省税务局机关党委',
      '省统计局机关党委',
      '省地震局机关党委',
      '省社会科学院机关党委',
      '省气象局机关党委',
      '省法学会机关党委',
    ]);
    expect(organs.every((o) => o.parentKey === 'root' && /^中共.+机关委员会$/.test(o.name))).toBe(true);

    const generals = dataset.orgs.filter((o) => o.type === 'general_branch');
    expect(generals.length).toBeGreaterThanOrEqual(1);
    for (const general of generals) {
      const children = dataset.orgs.filter((o) => o.parentKey === general.key);
      expect(children.length).toBeGreaterThanOrEqual(3);
      expect(children.every((c) => BRANCH_LIKE.includes(c.type))).toBe(true);
    }
    expect(dataset.orgs.filter((o) => o.type === 'temporary_branch').length).toBeGreaterThanOrEqual(1);

    const lawBranches = dataset.orgs.filter((o) => o.parentKey === 'law');
    expect(lawBranches).toHaveLength(1);
    expect(lawBranches[0]?.type).toBe('joint_branch');

    const orgs = byKey(dataset.orgs);
    const groupParents = new Map<string, number>();
    for (const group of dataset.orgs.filter((o) => o.type === 'party_small_group')) {
      const parent = group.parentKey ? orgs.get(group.parentKey) : undefined;
      expect(parent && BRANCH_LIKE.includes(parent.type)).toBe(true);
      groupParents.set(group.parentKey ?? '', (groupParents.get(group.parentKey ?? '') ?? 0) + 1);
    }
    expect(groupParents.size).toBeGreaterThanOrEqual(2);
    expect(groupParents.size).toBeLessThanOrEqual(3);
    for (const [parentKey, count] of groupParents) {
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(3);
      expect(membersIn(dataset, parentKey).length).toBeGreaterThanOrEqual(25);
    }
  });

  it('has counts in range, the tax bureau largest and a long tail of branch sizes', () => {
    const branches = dataset.orgs.filter((o) => BRANCH_LIKE.includes(o.type));
    expect(dataset.orgs.length).toBeGreaterThanOrEqual(45);
    expect(dataset.orgs.length).toBeLessThanOrEqual(80);
    expect(branches.length).toBeGreaterThanOrEqual(36);
    expect(branches.length).toBeLessThanOrEqual(46);
    expect(dataset.members.length).toBeGreaterThanOrEqual(550);
    expect(dataset.members.length).toBeLessThanOrEqual(680);

    const sizes = branches.map((b) => membersIn(dataset, b.key).length);
    // Exactly one branch is below the 3 full members a branch needs (档案馆党支部), so the setup warning shows on first start.
    expect(sizes.filter((n) => n < 3)).toEqual([2]);
    expect(sizes.filter((n) => n <= 5).length).toBeGreaterThanOrEqual(2);
    expect(sizes.filter((n) => n >= 30).length).toBeGreaterThanOrEqual(2);

    const perOrgan = (key: string) => branches.filter((b) => organOf(dataset, b.key) === key).length;
    expect(perOrgan('tax')).toBeGreaterThan(Math.max(perOrgan('stats'), perOrgan('quake'), perOrgan('academy'), perOrgan('weather')));
    expect(perOrgan('law')).toBe(1);
  });

  it('puts every member in a branch-like org', () => {
    const orgs = byKey(dataset.orgs);
    for (const member of dataset.members) {
      const org = orgs.get(member.orgKey);
      expect(org && BRANCH_LIKE.includes(org.type), `${member.key} in ${member.orgKey}`).toBe(true);
    }
  });

  it('keeps dates consistent with asOf and with the 18th birthday', () => {
    for (const m of dataset.members) {
      expect(m.joinedOn >= plusYears(m.birthDate, 18), `${m.key} joined before 18`).toBe(true);
      expect(m.joinedOn <= AS_OF, `${m.key} joined after asOf`).toBe(true);
      if (m.category === 'full') {
        expect(m.fullMemberOn).toBe(plusYears(m.joinedOn, 1));
        expect((m.fullMemberOn ?? '') <= AS_OF).toBe(true);
      }
    }
  });

  it('has ~3% probationary members, all admitted within the last 12 months', () => {
    const probationary = dataset.members.filter((m) => m.category === 'probationary');
    expect(probationary.length / dataset.members.length).toBeGreaterThanOrEqual(0.01);
    expect(probationary.length / dataset.members.length).toBeLessThanOrEqual(0.05);
    for (const m of probationary) {
      expect(m.fullMemberOn).toBeNull();
      expect(m.joinedOn > plusYears(AS_OF, -1)).toBe(true);
    }
  });

  it('has realistic demographics', () => {
    const { members } = dataset;
    const male = members.filter((m) => m.gender === 'male').length / members.length;
    expect(male).toBeGreaterThan(0.5);
    expect(male).toBeLessThan(0.66);
    expect(members.filter((m) => m.ethnicity === '汉族').length / members.length).toBeGreaterThan(0.8);
    expect(new Set(members.map((m) => m.ethnicity))).toEqual(new Set(['汉族', '朝鲜族', '满族', '回族', '蒙古族']));
    expect(members.every((m) => /^[\u4e00-\u9fff]{2,3}$/.test(m.name))).toBe(true);

    const lost = members.filter((m) => m.status === 'lost_contact').length;
    expect(lost).toBeGreaterThanOrEqual(1);
    expect(lost).toBeLessThanOrEqual(2);
    const mobile = members.filter((m) => m.status === 'mobile').length;
    expect(mobile).toBeGreaterThanOrEqual(1);
    expect(mobile / members.length).toBeLessThan(0.05);

    const orgs = byKey(dataset.orgs);
    const isRetiree = (m: DemoMember) => orgs.get(m.orgKey)?.shortName === RETIREE_BRANCH;
    for (const m of members) {
      const year = Number(m.birthDate.slice(0, 4));
      if (isRetiree(m)) {
        expect(year).toBeGreaterThanOrEqual(1940);
        expect(year).toBeLessThanOrEqual(1964);
        expect(m.position).toBe('退休干部');
      } else {
        expect(year).toBeGreaterThanOrEqual(1962);
        expect(year).toBeLessThanOrEqual(2001);
        expect(m.position).not.toBe('退休干部');
      }
    }
    expect(orgs.get('quake.station')).toBeDefined();
    expect(dataset.orgs.filter((o) => o.shortName === RETIREE_BRANCH).length).toBeGreaterThanOrEqual(3);
  });

  it('creates the fixed demo accounts on existing orgs and members', () => {
    expect(dataset.accounts.map((a) => a.username)).toEqual([
      'gongwei',
      'jiguan1',
      'jiguan2',
      'zhibu1',
      'zhibu2',
      'dangyuan1',
      'sysadmin',
      'secadmin',
      'auditor',
    ]);
    const orgs = byKey(dataset.orgs);
    const members = byKey(dataset.members);
    for (const a of dataset.accounts) {
      if (a.orgKey !== null) expect(orgs.has(a.orgKey), `${a.username} org`).toBe(true);
      if (a.memberKey !== null) {
        expect(members.get(a.memberKey)?.name, `${a.username} member`).toBe(a.displayName);
        expect(members.get(a.memberKey)).toMatchObject({ category: 'full', status: 'normal' });
      }
      expect(a.displayName.length).toBeGreaterThan(0);
    }

    expect(account(dataset, 'gongwei')).toMatchObject({ role: 'committee_admin', orgKey: 'root' });
    expect(account(dataset, 'jiguan1')).toMatchObject({ role: 'organ_admin', orgKey: 'stats' });
    expect(orgs.get('stats')?.name).toBe('中共省统计局机关委员会');
    expect(account(dataset, 'jiguan2')).toMatchObject({ role: 'organ_admin', orgKey: 'quake' });
    expect(orgs.get('quake')?.shortName).toBe('省地震局机关党委');
    for (const username of ['sysadmin', 'secadmin', 'auditor']) {
      expect(account(dataset, username)).toMatchObject({ orgKey: null, memberKey: null });
    }
    expect(account(dataset, 'sysadmin')).toMatchObject({ role: 'system_admin', displayName: '系统管理员' });
    expect(account(dataset, 'secadmin')).toMatchObject({ role: 'security_admin', displayName: '安全管理员' });
    expect(account(dataset, 'auditor')).toMatchObject({ role: 'auditor', displayName: '安全审计员' });
  });

  it('puts zhibu1 and dangyuan1 in one statistics branch of 12+ members, and zhibu2 in the earthquake agency', () => {
    const members = byKey(dataset.members);
    const zhibu1 = account(dataset, 'zhibu1');
    const dangyuan1 = account(dataset, 'dangyuan1');
    expect(zhibu1.role).toBe('branch_officer');
    expect(dangyuan1.role).toBe('member');
    expect(zhibu1.orgKey).not.toBeNull();
    expect(dangyuan1.orgKey).toBe(zhibu1.orgKey);
    const branchKey = zhibu1.orgKey ?? '';
    expect(organOf(dataset, branchKey)).toBe('stats');
    expect(membersIn(dataset, branchKey).length).toBeGreaterThanOrEqual(12);

    const secretary = members.get(zhibu1.memberKey ?? '');
    expect(secretary?.orgKey).toBe(branchKey);
    expect(secretary?.position).toBe('处长');
    const ordinary = members.get(dangyuan1.memberKey ?? '');
    expect(ordinary?.orgKey).toBe(branchKey);
    expect(ordinary?.key).not.toBe(secretary?.key);
    expect(['处长', '副处长']).not.toContain(ordinary?.position);

    const zhibu2 = account(dataset, 'zhibu2');
    expect(zhibu2.role).toBe('branch_officer');
    expect(organOf(dataset, zhibu2.orgKey ?? '')).toBe('quake');
    expect(members.get(zhibu2.memberKey ?? '')?.orgKey).toBe(zhibu2.orgKey);
  });

  it('keeps its invariants for other seeds and dates', () => {
    for (const [seed, asOf] of [
      [1, '2024-02-29'],
      [42, '2030-06-15'],
      [987654321, '2026-01-01'],
    ] as const) {
      const data = generateDemoDataset({ seed, asOf });
      expect(data.members.length).toBeGreaterThanOrEqual(550);
      expect(data.members.length).toBeLessThanOrEqual(680);
      expect(new Set(data.members.map((m) => m.name)).size).toBe(data.members.length);
      for (const m of data.members) {
        expect(m.joinedOn >= plusYears(m.birthDate, 18)).toBe(true);
        expect(m.joinedOn <= asOf).toBe(true);
        if (m.category === 'probationary') expect(m.joinedOn > plusYears(asOf, -1)).toBe(true);
        else expect((m.fullMemberOn ?? '') <= asOf).toBe(true);
      }
      expect(membersIn(data, account(data, 'zhibu1').orgKey ?? '').length).toBeGreaterThanOrEqual(12);
    }
  });
});

describe('generateDemoActivities', () => {
  const records = generateDemoOrgRecords(dataset, { seed: 2026, asOf: AS_OF });
  const life = generateDemoActivities(dataset, records, { seed: 2026, asOf: AS_OF });
  const orgs = byKey(dataset.orgs);
  const members = byKey(dataset.members);
  const branches = dataset.orgs.filter((o) => BRANCH_LIKE.includes(o.type));
  const held = life.activities.filter((a) => a.status === 'completed');
  const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const asOfMonth = monthIndex(AS_OF);
  const fromMonth = monthIndex(life.from);

  it('is deterministic and spans from 1 January of the year before asOf (13 to 24 months)', () => {
    expect(generateDemoActivities(dataset, records, { seed: 2026, asOf: AS_OF })).toEqual(life);
    expect(life.from).toBe(`${Number(AS_OF.slice(0, 4)) - 1}-01-01`);
    expect(asOfMonth - fromMonth).toBeGreaterThanOrEqual(12);
    expect(asOfMonth - fromMonth).toBeLessThanOrEqual(23);
    expect(held.length).toBeGreaterThan(1000);
    expect(held.length).toBeLessThan(3000);
    for (const a of held) expect(a.heldOn <= AS_OF, `${a.orgKey} ${a.heldOn}`).toBe(true);
    // Every branch has records; the ones with many members every month of the window.
    for (const b of branches) expect(held.some((a) => a.orgKey === b.key), b.key).toBe(true);
  });

  it('plans a few activities ahead, among them the showcase branch’s 主题党日 of this month', () => {
    const planned = life.activities.filter((a) => a.status === 'planned');
    expect(planned.length).toBeGreaterThanOrEqual(1);
    for (const a of planned) {
      expect(a.heldOn >= AS_OF).toBe(true);
      expect(a.attendance).toEqual([]);
      expect(a.content).toBeNull();
    }
    const showcase = planned.filter((a) => a.orgKey === account(dataset, 'zhibu1').orgKey);
    expect(showcase).toHaveLength(1);
    expect(showcase[0]!.types).toContain('theme_day');
    expect(showcase[0]!.heldOn.slice(0, 7)).toBe(AS_OF.slice(0, 7));
  });

  it('most branches keep the monthly 主题党日 and the quarterly 党员大会 and 党课; about one in ten misses something', () => {
    const missing = new Map<string, string[]>();
    for (const b of branches) {
      const own = held.filter((a) => a.orgKey === b.key);
      const months = (type: string) => new Set(own.filter((a) => (a.types as string[]).includes(type)).map((a) => monthIndex(a.heldOn)));
      const theme = months('theme_day');
      const membersMeeting = months('members_meeting');
      const lecture = months('party_lecture');
      const founded = monthIndex(records.founding[b.key]!.foundedOn);
      const gaps: string[] = [];
      for (let m = Math.max(fromMonth, founded + 1); m < asOfMonth; m++) if (!theme.has(m)) gaps.push(`theme ${m}`);
      for (let q = fromMonth; q + 2 < asOfMonth; q += 3) {
        if (q < founded) continue;
        if (![q, q + 1, q + 2].some((m) => membersMeeting.has(m))) gaps.push(`members ${q}`);
        if (![q, q + 1, q + 2].some((m) => lecture.has(m))) gaps.push(`lecture ${q}`);
      }
      if (gaps.length > 0) missing.set(b.key, gaps);
    }
    expect([...missing.keys()].sort()).toEqual(['academy.philosophy', 'quake.station', 'tax.goods', 'weather.info']);
    expect(missing.size / branches.length).toBeLessThanOrEqual(0.15);
    // 地震监测中心站 (zhibu2) has one red month: neither 主题党日 nor 支委会.
    expect(missing.get('quake.station')).toHaveLength(1);
    const redMonth = asOfMonth - 3;
    expect(held.some((a) => a.orgKey === 'quake.station' && monthIndex(a.heldOn) === redMonth && (a.types.includes('theme_day') || a.types.includes('committee_meeting')))).toBe(false);
    // The showcase branch (zhibu1) misses nothing.
    expect(missing.has(account(dataset, 'zhibu1').orgKey ?? '')).toBe(false);
  });

  it('holds 组织生活会 with 民主评议党员 in the first quarter, 支委会 where there is a committee, and 党小组会 only in groups', () => {
    const year = Number(AS_OF.slice(0, 4));
    for (const b of branches.filter((o) => o.type !== 'temporary_branch')) {
      const orgLife = held.filter((a) => a.orgKey === b.key && a.types.includes('org_life_meeting'));
      expect(orgLife.map((a) => a.heldOn.slice(0, 4)).sort(), b.key).toEqual([String(year - 1), String(year)]);
      for (const a of orgLife) {
        expect(a.types).toContain('democratic_review');
        expect(Number(a.heldOn.slice(5, 7))).toBeLessThanOrEqual(3);
      }
    }
    expect(held.filter((a) => a.types.includes('committee_meeting')).length).toBeGreaterThan(300);
    expect(held.filter((a) => a.types.includes('heart_to_heart_talk')).length).toBeGreaterThan(40);
    const groupMeetings = held.filter((a) => a.types.includes('small_group_meeting'));
    expect(groupMeetings.length).toBeGreaterThan(50);
    for (const a of life.activities) expect(a.types.includes('small_group_meeting'), a.orgKey).toBe(orgs.get(a.orgKey)?.type === 'party_small_group');
  });

  it('records attendance of the organization’s own members admitted by then: mostly present, leave with a reason, mobile members online', () => {
    const rows = held.flatMap((a) => a.attendance.map((r) => ({ ...r, a })));
    expect(held.every((a) => a.attendance.length > 0)).toBe(true);
    /** A member of the org or of an org below it (总支 and 机关党委 meet with the members of their branches). */
    const within = (orgKey: string, ancestor: string): boolean => orgKey === ancestor || (orgs.get(orgKey)?.parentKey ? within(orgs.get(orgKey)!.parentKey!, ancestor) : false);
    for (const { memberKey, status, reason, a } of rows) {
      const m = members.get(memberKey)!;
      const branchKey = orgs.get(a.orgKey)!.type === 'party_small_group' ? orgs.get(a.orgKey)!.parentKey! : a.orgKey;
      expect(within(m.orgKey, branchKey), `${memberKey} at ${a.orgKey}`).toBe(true);
      expect(m.joinedOn <= a.heldOn).toBe(true);
      expect(m.status).not.toBe('lost_contact');
      if (status === 'leave') expect(reason).toBeTruthy();
      if (status === 'online') expect(m.status === 'mobile' || reason).toBeTruthy();
    }
    const share = (s: string) => rows.filter((r) => r.status === s).length / rows.length;
    expect(share('present')).toBeGreaterThan(0.85);
    expect(share('leave')).toBeGreaterThan(0.03);
    expect(share('online')).toBeGreaterThan(0);
    expect(share('absent')).toBeLessThan(0.01);
    for (const a of held) for (const key of [a.host, a.recorder]) if (key) expect(a.attendance.find((r) => members.get(r.memberKey)?.name === key)?.status ?? 'present').not.toBe('leave');
  });

  it('has exactly one member absent without reason for six or more consecutive months', () => {
    expect(life.absentMemberKey).not.toBeNull();
    const absentKey = life.absentMemberKey!;
    expect(members.get(absentKey)).toMatchObject({ status: 'normal', category: 'full' });
    expect(dataset.accounts.some((a) => a.memberKey === absentKey)).toBe(false);
    // Per member and month: absent without reason in every activity of the month.
    const byMember = new Map<string, Map<number, boolean>>();
    for (const a of held) {
      for (const r of a.attendance) {
        const months = byMember.get(r.memberKey) ?? new Map<number, boolean>();
        const m = monthIndex(a.heldOn);
        months.set(m, (months.get(m) ?? true) && r.status === 'absent' && r.reason === null);
        byMember.set(r.memberKey, months);
      }
    }
    const longest = (months: Map<number, boolean>) => {
      let best = 0;
      let run = 0;
      for (let m = fromMonth; m <= asOfMonth; m++) {
        if (months.get(m) === true) best = Math.max(best, ++run);
        else if (months.has(m)) run = 0;
      }
      return best;
    };
    const streaks = [...byMember].filter(([, months]) => longest(months) >= 6).map(([key]) => key);
    expect(streaks).toEqual([absentKey]);
  });
});
