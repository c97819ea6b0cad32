// Demo records of the organization system, derived from the demo dataset: units (单位), founding data,
// elections with their committees (a few overdue or due soon), one vacant post and the temporary
// branch's appointed secretary. Pure and deterministic, like demo-dataset.ts.
import type { CommitteePost } from '../committees/committee-posts.js';
import type { DemoDataset, DemoMember, DemoOrg } from './demo-dataset.js';

export interface DemoUnit {
  name: string;
  shortName: string;
  hasDisciplineCommission: boolean;
  orgKeys: string[];
}

export interface DemoElection {
  orgKey: string;
  termNumber: number;
  electedOn: string;
  expectedVoters: number;
  actualVoters: number;
  approvedOn: string;
  approvalDoc: string;
  committee: { post: CommitteePost; memberKey: string }[];
  /** 任职谈话 with the new secretary, when one was held. */
  secretaryTalk: { talkOn: string; talkBy: string } | null;
}

export interface DemoOrgRecords {
  units: DemoUnit[];
  founding: Record<string, { foundedOn: string; approvalDoc: string; statisticsCategory: 'party_government_organ' | 'other_public_institution' | null }>;
  /** Oldest first per org. */
  elections: DemoElection[];
  /** Posts that ended without a successor: the vacancy shown on first start. */
  vacancies: { orgKey: string; post: CommitteePost; endedOn: string; endReason: string }[];
  appointments: { orgKey: string; post: CommitteePost; memberKey: string; startedOn: string; appointmentDoc: string }[];
}

const ORGAN_UNITS: Record<string, { name: string; discipline: boolean }> = {
  tax: { name: '国家税务总局省税务局', discipline: true },
  stats: { name: '省统计局', discipline: true },
  quake: { name: '省地震局', discipline: false },
  academy: { name: '省社会科学院', discipline: true },
  weather: { name: '省气象局', discipline: true },
  law: { name: '省法学会', discipline: false },
};

/** Branches whose current term is overdue, due within 30 days, or due within 90 days on first start. */
const TERM_SCENARIOS: Record<string, { daysPastDue: number }> = {
  'quake.defense': { daysPastDue: 146 },
  'academy.history': { daysPastDue: 38 },
  'stats.industry': { daysPastDue: -21 },
  'tax.goods': { daysPastDue: -64 },
  'weather.observation': { daysPastDue: -83 },
  'stats.accounts': { daysPastDue: -500 }, // elected long enough ago for the vacancy below
};
/** A branch with a longer history across the 2018 term change: 2 years before 2018-07-12, 3 after (and one late re-election). */
const HISTORY: Record<string, string[]> = { 'stats.office': ['2016-03-01', '2018-03-05', '2021-03-10', '2024-03-15'] };
const VACANCY = { orgKey: 'stats.accounts', post: 'propaganda_member' as const, daysAgo: 130, endReason: '调任其他单位' };
const BRANCH_TERM_DAYS = 3 * 365 + 1;
const COMMITTEE_TERM_DAYS = 5 * 365 + 1;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const BRANCH_LIKE = new Set(['branch', 'joint_branch', 'temporary_branch']);

export function generateDemoOrgRecords(dataset: DemoDataset, options: { seed: number; asOf: string }): DemoOrgRecords {
  const random = rng(options.seed ^ 0x5eed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const orgByKey = new Map(dataset.orgs.map((o) => [o.key, o]));
  const membersOf = new Map<string, DemoMember[]>();
  for (const m of dataset.members) membersOf.set(m.orgKey, [...(membersOf.get(m.orgKey) ?? []), m]);
  const organOf = (org: DemoOrg): string | null => {
    let cur: DemoOrg | undefined = org;
    while (cur && cur.type !== 'organ_party_committee') cur = cur.parentKey ? orgByKey.get(cur.parentKey) : undefined;
    return cur?.key ?? null;
  };
  const doc = (issuer: string, date: string) => `${issuer}〔${date.slice(0, 4)}〕${between(3, 98)}号`;

  const units: DemoUnit[] = Object.entries(ORGAN_UNITS).map(([key, u]) => ({
    name: u.name,
    shortName: u.name.replace('国家税务总局', ''),
    hasDisciplineCommission: u.discipline,
    orgKeys: dataset.orgs.filter((o) => o.type !== 'work_committee' && organOf(o) === key).map((o) => o.key),
  }));
  // The joint branch also sits in the provincial federation of social science circles.
  const joint = dataset.orgs.find((o) => o.type === 'joint_branch');
  units.push({ name: '省社会科学界联合会', shortName: '省社科联', hasDisciplineCommission: false, orgKeys: joint ? [joint.key] : [] });

  const founding: DemoOrgRecords['founding'] = {};
  for (const org of dataset.orgs) {
    const foundedOn =
      org.type === 'work_committee' ? '1955-06-01' : org.type === 'organ_party_committee' ? `${between(1980, 2002)}-0${between(1, 9)}-1${between(0, 9)}` : org.type === 'temporary_branch' ? addDays(options.asOf, -between(300, 420)) : `${between(1995, 2019)}-0${between(1, 9)}-${between(10, 28)}`;
    const parent = org.parentKey ? orgByKey.get(org.parentKey) : undefined;
    // Research institutes, observatories, centres and stations are public institutions (事业单位); the rest organs.
    const statisticsCategory = org.type === 'work_committee' ? null : /研究所|中心|站|台|社会科学院/.test(org.name) && org.type !== 'organ_party_committee' ? 'other_public_institution' : 'party_government_organ';
    founding[org.key] = { foundedOn, approvalDoc: doc(parent?.shortName.replace(/党委|党总支|党支部$/, '') ?? '省委组织部', foundedOn), statisticsCategory };
  }

  const fullOf = (key: string) => (membersOf.get(key) ?? []).filter((m) => m.category === 'full');
  const elections: DemoElection[] = [];
  const appointments: DemoOrgRecords['appointments'] = [];
  for (const org of dataset.orgs) {
    if (org.type === 'work_committee' || org.type === 'party_small_group') continue;
    const own = fullOf(org.key);
    let committee: DemoElection['committee'];
    if (BRANCH_LIKE.has(org.type)) {
      if (own.length === 0) continue;
      const posts: CommitteePost[] = own.length >= 7 ? ['secretary', 'organization_member', 'propaganda_member', 'discipline_member'] : ['secretary'];
      if (own.length >= 20) posts.push('deputy_secretary');
      committee = posts.map((post, i) => ({ post, memberKey: own[i]!.key }));
    } else {
      // 机关党委 / 党总支: members drawn from the branches below, the first a secretary of one of them.
      const below = dataset.orgs.filter((o) => BRANCH_LIKE.has(o.type) && o.type !== 'temporary_branch' && (o.parentKey === org.key || orgByKey.get(o.parentKey ?? '')?.parentKey === org.key));
      const pool = below.flatMap((b) => fullOf(b.key).slice(1, 3));
      const posts: CommitteePost[] = org.type === 'organ_party_committee' ? ['secretary', 'deputy_secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'committee_member', 'committee_member'] : ['secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'committee_member'];
      committee = posts.slice(0, Math.min(posts.length, pool.length)).map((post, i) => ({ post, memberKey: pool[i]!.key }));
      if (committee.length === 0) continue;
    }
    if (org.type === 'temporary_branch') {
      appointments.push({ orgKey: org.key, post: 'secretary', memberKey: committee[0]!.memberKey, startedOn: founding[org.key]!.foundedOn, appointmentDoc: founding[org.key]!.approvalDoc });
      continue;
    }
    const termDays = BRANCH_LIKE.has(org.type) || org.type === 'general_branch' ? BRANCH_TERM_DAYS : COMMITTEE_TERM_DAYS;
    const scenario = TERM_SCENARIOS[org.key];
    const latest = scenario ? addDays(options.asOf, -(termDays + scenario.daysPastDue)) : addDays(options.asOf, -between(120, termDays - 120));
    const previous = addDays(latest, -(termDays + between(-20, 40)));
    const term = between(2, 6);
    const voters = org.type === 'organ_party_committee' ? Math.round(own.length + 60 + between(0, 80)) : own.length;
    const dates = HISTORY[org.key] ?? [previous, latest];
    for (const [i, electedOn] of dates.entries()) {
      const approvedOn = addDays(electedOn, between(6, 20));
      const issuer = (org.parentKey ? orgByKey.get(org.parentKey)?.shortName : null) ?? '省直机关工委';
      elections.push({
        orgKey: org.key,
        termNumber: term + i,
        electedOn,
        expectedVoters: voters,
        actualVoters: voters - between(0, Math.floor(voters / 10)),
        approvedOn: approvedOn > options.asOf ? options.asOf : approvedOn,
        approvalDoc: doc(issuer.replace(/党委|党总支$/, ''), approvedOn),
        committee,
        secretaryTalk: random() < 0.8 ? { talkOn: addDays(electedOn, between(3, 14)), talkBy: issuer.includes('工委') ? '省直机关工委组织部部长' : `${issuer}书记` } : null,
      });
    }
  }
  const vacancyOrg = orgByKey.get(VACANCY.orgKey);
  const vacancies = vacancyOrg ? [{ orgKey: VACANCY.orgKey, post: VACANCY.post, endedOn: addDays(options.asOf, -VACANCY.daysAgo), endReason: VACANCY.endReason }] : [];
  return { units, founding, elections, vacancies, appointments };
}
