/**
 * The organization system of a scale dataset: founding dates, committees (班子, committee_posts) and the last
 * election (换届, elections + org_terms) of every 党支部, 党总支 and 机关党委. Pure and deterministic: the caller
 * passes a seeded Rng, the id counters and `termOf` (the app's rule elections.term_due, resolved on the election day).
 *
 * What the app would accept and what the compliance evaluator reads:
 * - A branch's committee is its first `committeeSize(n)` members (5, or 7 from 25 members), the same people
 *   branchActivities invites to 支委会 meetings; a branch under 7 members has only its secretary (the first member),
 *   so the evaluator requires 支委会 meetings exactly of the branches that hold them (≥ 2 committee members).
 *   Every committee has the posts REQUIRED_COMMITTEE_POSTS (书记, 组织委员, 宣传委员, 纪检委员).
 * - 党总支 (5) and 机关党委 (7) committees are members of branches below them (a post holder must be in the org's
 *   subtree), drawn from the branches' long-standing full members.
 * - Everyone elected was a full member on the election day and is 正常 now; a secretary had a year of standing
 *   (rule committee.secretary_qualification). Expected/actual voters pass elections.quorum (more than 4/5).
 * - Terms come from elections.term_due on the election day (3 years for 党支部/党总支, 5 for 机关党委 since 2018);
 *   about 5% of the elections are overdue for 换届 on RECORDS_AS_OF, the rest spread over the term.
 * - 临时党支部 hold no elections (no term): their secretary (and committee) are appointed by the organ.
 * - A few committees changed a member mid-term: the first holder's post ended, the successor was appointed.
 */
import { addMonths } from '@dangjian/regulations';
import { COMMITTEE_POOL, committeeSize, dayNumber, isoDay, type MemberBrief } from './rows.js';
import { intBetween, type BranchPlan, type OrgRow, type OrgType, type Rng } from './tree-shape.js';

/** The day the records are anchored on (DATASET_AS_OF): stages of terms and problems are as of this day. */
export const RECORDS_AS_OF = '2026-01-15';
export const RECORDS_AS_OF_DAY = dayNumber(RECORDS_AS_OF);

/** Share of elected orgs whose term is overdue on RECORDS_AS_OF. */
export const OVERDUE_SHARE = 0.05;

export interface TermInfo {
  termYears: number;
  dueOn: string;
  /** The rule's basis (RuleBasis[]), stored in elections.basis. */
  basis: unknown;
}
/** The term of an org elected on `electedOn` (rule elections.term_due on that day). */
export type TermOf = (orgType: OrgType, electedOn: string) => TermInfo;

export const ELECTION_COLUMNS = [
  'id', 'org_id', 'term_number', 'elected_on', 'method', 'expected_voters', 'actual_voters', 'approved_on', 'approval_doc',
  'approving_org_id', 'term_years', 'due_on', 'basis', 'created_at',
] as const;
export const ORG_TERM_COLUMNS = ['org_id', 'election_id', 'due_on'] as const;
export const COMMITTEE_POST_COLUMNS = [
  'id', 'org_id', 'post', 'member_id', 'started_on', 'ended_on', 'source', 'election_id', 'appointment_doc', 'end_reason',
  'talk_on', 'talk_by', 'talk_note', 'created_at',
] as const;

/** Id counters of the record tables, in generation order. */
export class RecordIds {
  post = 1;
  election = 1;
}

export interface RecordRows {
  committeePosts: unknown[][];
  elections: unknown[][];
  orgTerms: unknown[][];
}

export const emptyRecordRows = (): RecordRows => ({ committeePosts: [], elections: [], orgTerms: [] });

/** An org's current committee as generated: what the stored findings (org_findings) are computed from. */
export interface CommitteeSummary {
  /** Current posts (committee_member may repeat). */
  posts: string[];
  /** Distinct current holders. */
  holders: number;
  /** The election of the current term (null for an appointed committee). */
  electedOn: string | null;
  secretary: { id: number; name: string } | null;
}

/** A member who may sit on a 党总支 or 机关党委 committee: one of a branch's long-standing full members. */
export interface Candidate {
  id: number;
  name: string;
  fullMemberDay: number;
}

type Post = 'secretary' | 'deputy_secretary' | 'organization_member' | 'propaganda_member' | 'discipline_member' | 'youth_member' | 'committee_member';

/** Posts of a committee of `size`, in the order of its members (the first is the secretary). */
const BRANCH_POSTS: Readonly<Record<number, readonly Post[]>> = {
  1: ['secretary'],
  5: ['secretary', 'deputy_secretary', 'organization_member', 'propaganda_member', 'discipline_member'],
  7: ['secretary', 'deputy_secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'youth_member', 'committee_member'],
};
/** 党总支 and 机关党委 committees, by priority: a small candidate pool fills the required posts first. */
const GENERAL_BRANCH_POSTS: readonly Post[] = ['secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'deputy_secretary'];
const ORGAN_POSTS: readonly Post[] = ['secretary', 'organization_member', 'propaganda_member', 'discipline_member', 'deputy_secretary', 'committee_member', 'committee_member'];

const at = (day: number, time = '08:00:00') => `${isoDay(day)}T${time}Z`;

/** Founding dates: organs 1985–2012, their 党总支 and branches later (by 2019), 临时党支部 in 2024, 党小组 with their branch. */
export function foundedDays(rng: Rng, organ: OrgRow, orgs: readonly OrgRow[]): Map<number, number> {
  const days = new Map<number, number>();
  const organDay = dayNumber(`${intBetween(rng, 1985, 2012)}-01-01`) + intBetween(rng, 0, 364);
  days.set(organ.id, organDay);
  const limit = dayNumber('2019-12-31');
  for (const org of orgs) {
    if (org.id === organ.id) continue;
    const parentDay = (org.parentId !== null ? days.get(org.parentId) : undefined) ?? organDay;
    if (org.type === 'temporary_branch') days.set(org.id, dayNumber('2024-01-01') + intBetween(rng, 0, 365));
    else if (org.type === 'party_small_group') days.set(org.id, parentDay + intBetween(rng, 0, 60));
    else days.set(org.id, parentDay + Math.floor(rng.next() * Math.max(1, limit - parentDay)));
  }
  return days;
}

/** An election day: spread over the last term, or (OVERDUE_SHARE) before it, so the term is overdue. */
function electionDay(rng: Rng, termYears: number): number {
  const termStart = dayNumber(addMonths(RECORDS_AS_OF, -12 * termYears));
  if (rng.next() < OVERDUE_SHARE) return termStart - intBetween(rng, 2, 270);
  return intBetween(rng, termStart + 1, RECORDS_AS_OF_DAY - 20);
}

/** The nominal term length used to place election days (the stored term comes from termOf). */
const nominalTerm = (type: OrgType) => (type === 'organ_party_committee' ? 5 : 3);

function quorumVoters(rng: Rng, expected: number): { expected: number; actual: number } {
  const minimum = Math.floor((expected * 4) / 5) + 1;
  return { expected, actual: Math.min(expected, intBetween(rng, minimum, expected)) };
}

interface ElectionInput {
  org: OrgRow;
  parent: OrgRow;
  /** Who approves (上级党组织), for the approval document's name. */
  approverName: string;
  electedDay: number;
  method: 'members_meeting' | 'delegate_meeting';
  expectedVoters: number;
}

function addElection(rng: Rng, ids: RecordIds, out: RecordRows, termOf: TermOf, e: ElectionInput): number {
  const id = ids.election++;
  const electedOn = isoDay(e.electedDay);
  const term = termOf(e.org.type, electedOn);
  const voters = quorumVoters(rng, Math.max(1, e.expectedVoters));
  // Approved 5–25 days later; a very recent election may still wait for its approval.
  const approvedDay = e.electedDay + intBetween(rng, 5, 25);
  const approved = approvedDay < RECORDS_AS_OF_DAY;
  const doc = `${e.approverName}〔${electedOn.slice(0, 4)}〕${intBetween(rng, 3, 160)}号`;
  out.elections.push([
    id, e.org.id, intBetween(rng, 3, 9), electedOn, e.method, voters.expected, voters.actual, approved ? isoDay(approvedDay) : null, approved ? doc : null,
    approved ? e.parent.id : null, term.termYears, term.dueOn, term.basis, at(e.electedDay),
  ]);
  out.orgTerms.push([e.org.id, id, term.dueOn]);
  return id;
}

interface Seat {
  post: Post;
  member: { id: number };
}

/** The current posts of a committee started on `startDay`, each row complete; a few with a mid-term change. */
function addPosts(
  rng: Rng,
  ids: RecordIds,
  out: RecordRows,
  org: OrgRow,
  seats: readonly Seat[],
  start: { day: number; electionId: number | null; appointmentDoc: string | null; talkBy: string },
  predecessor: { id: number; name: string } | null,
): void {
  const source = start.electionId === null ? 'appointed' : 'elected';
  for (const [i, seat] of seats.entries()) {
    // 任职谈话 with most new secretaries, within a month.
    const talk = seat.post === 'secretary' && rng.next() < 0.85 ? Math.min(start.day + intBetween(rng, 3, 30), RECORDS_AS_OF_DAY - 1) : null;
    // A mid-term change of the propaganda member: the elected predecessor left, the present holder was appointed.
    if (predecessor && seat.post === 'propaganda_member' && i > 0 && start.day + 60 <= RECORDS_AS_OF_DAY - 10) {
      const changed = intBetween(rng, start.day + 60, RECORDS_AS_OF_DAY - 10);
      out.committeePosts.push([ids.post++, org.id, seat.post, predecessor.id, isoDay(start.day), isoDay(changed), source, start.electionId, start.appointmentDoc, '工作调动', null, null, null, at(start.day)]);
      out.committeePosts.push([ids.post++, org.id, seat.post, seat.member.id, isoDay(changed), null, 'appointed', null, `${org.shortName}〔${isoDay(changed).slice(0, 4)}〕${intBetween(rng, 2, 60)}号`, null, null, null, null, at(changed)]);
      continue;
    }
    out.committeePosts.push([
      ids.post++, org.id, seat.post, seat.member.id, isoDay(start.day), null, source, start.electionId, start.appointmentDoc, null,
      talk === null ? null : isoDay(talk), talk === null ? null : start.talkBy, talk === null ? null : '明确任期目标和履职要求', at(start.day),
    ]);
  }
}

/**
 * The committee and last election of one branch (党支部, 联合党支部) or the appointed committee of a 临时党支部.
 * `members` are the branch's members in order (rows.ts: the first is the secretary).
 */
export function branchRecords(rng: Rng, ids: RecordIds, out: RecordRows, termOf: TermOf, branch: BranchPlan, parent: OrgRow, organ: OrgRow, members: readonly MemberBrief[], foundedDay: number): CommitteeSummary {
  const size = committeeSize(members.length);
  const committee = members.slice(0, Math.max(size, 1));
  const seats: Seat[] = (BRANCH_POSTS[committee.length] ?? BRANCH_POSTS[1]!).map((post, i) => ({ post, member: committee[i]! }));
  const approver = parent.shortName;
  // A predecessor for the mid-term change: a full member outside the committee, in good standing.
  const outside = members.slice(Math.max(size, 1)).filter((m) => m.status === 'normal' && m.fullMemberDay !== null);
  const summary = (electedDay: number | null): CommitteeSummary => ({ posts: seats.map((s) => s.post), holders: seats.length, electedOn: electedDay === null ? null : isoDay(electedDay), secretary: committee[0] ?? null });
  if (branch.org.type === 'temporary_branch') {
    addPosts(rng, ids, out, branch.org, seats, { day: foundedDay, electionId: null, appointmentDoc: `${organ.shortName}〔${isoDay(foundedDay).slice(0, 4)}〕${intBetween(rng, 2, 80)}号`, talkBy: '机关党委书记' }, null);
    return summary(null);
  }
  let electedDay = electionDay(rng, nominalTerm(branch.org.type));
  // Everyone elected was a full member on the day (the committee pool is, by construction; this guards it).
  const latestFull = Math.max(...committee.map((m, i) => (m.fullMemberDay ?? RECORDS_AS_OF_DAY) + (i === 0 ? 366 : 1)));
  if (electedDay < latestFull) electedDay = Math.min(latestFull, RECORDS_AS_OF_DAY - 20);
  const fullMembers = members.filter((m) => m.fullMemberDay !== null && m.fullMemberDay <= electedDay).length;
  const electionId = addElection(rng, ids, out, termOf, { org: branch.org, parent, approverName: approver, electedDay, method: 'members_meeting', expectedVoters: fullMembers });
  const changes = size > 0 && rng.next() < 0.04;
  const predecessor = changes ? (outside.find((m) => m.fullMemberDay! <= electedDay) ?? null) : null;
  addPosts(rng, ids, out, branch.org, seats, { day: electedDay, electionId, appointmentDoc: null, talkBy: parent.type === 'general_branch' ? '党总支书记' : '机关党委书记' }, predecessor);
  return summary(electedDay);
}

/** Candidates for upper committees from one branch: its committee pool (long-standing full members, 正常). */
export function branchCandidates(branch: BranchPlan, members: readonly MemberBrief[]): Candidate[] {
  if (branch.kind === 'retiree' || branch.kind === 'temporary') return [];
  return members.slice(0, COMMITTEE_POOL).flatMap((m) => (m.fullMemberDay !== null && m.status === 'normal' ? [{ id: m.id, name: m.name, fullMemberDay: m.fullMemberDay }] : []));
}

/**
 * The committee and last election of a 党总支 or 机关党委, from `candidates` (members of its branches); without
 * candidates, none (the org then has no secretary).
 * `fullMembers` counts the full members below it (the voters of a 党员大会); large organs elect by 党员代表大会.
 */
export function upperRecords(rng: Rng, ids: RecordIds, out: RecordRows, termOf: TermOf, org: OrgRow, parent: OrgRow, candidates: readonly Candidate[], fullMembers: number): CommitteeSummary {
  const none: CommitteeSummary = { posts: [], holders: 0, electedOn: null, secretary: null };
  if (candidates.length === 0) return none;
  const posts = org.type === 'organ_party_committee' ? ORGAN_POSTS : GENERAL_BRANCH_POSTS;
  let electedDay = electionDay(rng, nominalTerm(org.type));
  // Shuffle a copy (Fisher–Yates) and take the first who qualify on the election day.
  const pool = [...candidates];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const qualifies = (c: Candidate, post: Post, day: number) => c.fullMemberDay + (post === 'secretary' ? 366 : 1) <= day;
  const take = (day: number): Candidate[] => {
    const chosen: Candidate[] = [];
    const rest = [...pool];
    for (const post of posts) {
      const k = rest.findIndex((c) => qualifies(c, post, day));
      if (k < 0) break;
      chosen.push(rest.splice(k, 1)[0]!);
    }
    return chosen;
  };
  let chosen = take(electedDay);
  const want = Math.min(posts.length, pool.length);
  if (chosen.length < want) {
    // Too few long-standing members for an early election day: hold it later, when all of the pool qualify.
    electedDay = Math.min(Math.max(electedDay, ...pool.map((c) => c.fullMemberDay + 366)), RECORDS_AS_OF_DAY - 20);
    chosen = take(electedDay);
  }
  if (chosen.length === 0) return none;
  const large = org.type === 'organ_party_committee' && fullMembers > 800;
  const electionId = addElection(rng, ids, out, termOf, {
    org,
    parent,
    approverName: parent.shortName,
    electedDay,
    method: large ? 'delegate_meeting' : 'members_meeting',
    expectedVoters: large ? Math.min(300, Math.max(100, Math.round(fullMembers / 8))) : fullMembers,
  });
  const seats = chosen.map((member, i) => ({ post: posts[i]!, member }));
  addPosts(rng, ids, out, org, seats, { day: electedDay, electionId, appointmentDoc: null, talkBy: org.type === 'organ_party_committee' ? '工委书记' : '机关党委书记' }, null);
  return { posts: seats.map((s) => s.post), holders: seats.length, electedOn: isoDay(electedDay), secretary: chosen[0]! };
}
