/**
 * Members, activities and attendance of one branch, for the scale generator. Pure and deterministic: the
 * caller passes a seeded Rng and the first free ids; rows come back as arrays in column order.
 */
import { intBetween, pick, weighted, type BranchPlan, type Rng } from './tree-shape.js';

type Weighted<T> = readonly (readonly [T, number])[];

const SURNAMES: Weighted<string> = [
  ['王', 72], ['李', 70], ['张', 68], ['刘', 54], ['陈', 40], ['杨', 30], ['赵', 28], ['孙', 22], ['黄', 18], ['周', 18],
  ['吴', 17], ['徐', 16], ['于', 14], ['高', 13], ['朱', 12], ['胡', 12], ['郭', 11], ['林', 10], ['何', 10], ['马', 10],
  ['姜', 9], ['罗', 8], ['梁', 8], ['宋', 8], ['郑', 8], ['谢', 7], ['韩', 7], ['唐', 7], ['冯', 7], ['董', 7], ['曹', 6],
  ['袁', 6], ['邓', 6], ['许', 6], ['沈', 5], ['曾', 5], ['彭', 5], ['吕', 5], ['苏', 5], ['卢', 5], ['蒋', 5], ['蔡', 5],
  ['贾', 5], ['丁', 5], ['魏', 5], ['薛', 4], ['叶', 4], ['潘', 4], ['杜', 4], ['戴', 4], ['夏', 4], ['田', 4], ['任', 4],
  ['范', 4], ['方', 4], ['石', 4], ['姚', 4], ['金', 3], ['崔', 3], ['孟', 3], ['常', 2], ['关', 2], ['隋', 1],
];

const GIVEN: Readonly<Record<'male' | 'female', Readonly<Record<'older' | 'middle' | 'younger', string>>>> = {
  male: {
    older: '建国国庆建华志刚卫东立新振华德胜永福宝林春生玉林国栋志强建军广才学文国良振东庆祥军明林刚平华福忠山民斌',
    middle: '志勇海涛立军建伟晓东俊峰宏伟海波振宇永强国峰文涛志伟春雷继东晓光洪涛海峰庆华宏宇伟强磊军勇杰涛斌辉波峰东亮健毅松鹏',
    younger: '鹏飞浩然宇航博文思远俊杰天宇嘉豪泽宇明轩晨阳子豪文博佳乐宇轩志远晓宇明哲睿哲一帆思源英杰浩宇博鑫磊鹏超凯杰昊旭晨',
  },
  female: {
    older: '淑珍秀英桂兰凤霞玉兰淑芬秀珍桂芝丽华淑华秀兰凤英玉梅素梅春花桂荣淑琴玉珍秀云美华英兰芳珍霞红梅琴荣萍',
    middle: '丽娟晓燕秀丽海燕春燕丽萍晓红艳红雪梅丽娜晓丽红梅艳华晓梅玉洁美玲春梅丽敏文娟晓静红艳晓霞慧敏丽静敏燕娟艳芳娜玲琳颖倩洁慧莉丹',
    younger: '佳琪思雨雅琪晓雪梦洁欣然雨婷静怡文静晓琳婷婷佳怡梦瑶诗雨雨欣思琪欣怡晓彤婉婷雅楠梦琪心怡可欣书瑶佳慧婷欣悦佳蕾琪雯璐晶薇彤怡楠瑶雪',
  },
};

// Code tables (GB/T 3304 ethnicity, 党统学历, 工作岗位) as stored in the members table.
const ETHNICITY: Weighted<string> = [['01', 880], ['10', 45], ['11', 45], ['03', 18], ['02', 12]];
const EDUCATION: Readonly<Record<string, Weighted<string>>> = {
  division: [['14', 35], ['21', 57], ['22', 8]],
  technical: [['14', 42], ['21', 50], ['22', 8]],
  temporary: [['14', 80], ['21', 20]],
  retiree: [['21', 35], ['22', 30], ['41', 22], ['6', 13]],
};
const POSITIONS: Readonly<Record<string, readonly string[]>> = {
  division: ['一级科员', '四级主任科员', '三级主任科员', '二级主任科员', '一级主任科员', '四级调研员', '三级调研员', '二级调研员'],
  technical: ['助理工程师', '工程师', '工程师', '高级工程师', '正高级工程师'],
  temporary: ['助理研究员', '副研究员', '驻村第一书记'],
  retiree: ['退休干部'],
};

const DAY_MS = 86_400_000;
// Both memoized: a few thousand distinct days serve millions of rows (and Date objects are not free).
const DAY_NUMBERS = new Map<string, number>();
const ISO_DAYS = new Map<number, string>();
/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(iso: string): number {
  let day = DAY_NUMBERS.get(iso);
  if (day === undefined) DAY_NUMBERS.set(iso, (day = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)));
  return day;
}
/** 'YYYY-MM-DD' of a day number. */
export function isoDay(day: number): string {
  let iso = ISO_DAYS.get(day);
  if (iso === undefined) ISO_DAYS.set(day, (iso = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return iso;
}

/** The dataset is anchored on this day (ages, standing, probation) so that a seed always gives the same rows. */
export const AS_OF = '2026-01-01';
const AS_OF_DAY = dayNumber(AS_OF);
/** Activities cover the calendar year before AS_OF. */
export const ACTIVITY_YEAR = 2025;

export type MemberStatus = 'normal' | 'mobile' | 'lost_contact';

/** Column order of MEMBER_COLUMNS. */
export const MEMBER_COLUMNS = [
  'id', 'org_id', 'name', 'gender', 'ethnicity', 'education', 'birth_date', 'joined_on', 'full_member_on', 'category',
  'status', 'position', 'job_position', 'probation_ends_on', 'created_at', 'updated_at',
] as const;
/** When the roster was entered into the system (created_at/updated_at of every generated member). */
export const RECORDED_AT = '2025-01-02T01:00:00Z';

export interface MemberBrief {
  id: number;
  name: string;
  status: MemberStatus;
  /** Day number (days since 1970-01-01) of 转正; null for a probationary member. */
  fullMemberDay: number | null;
}

/**
 * The first COMMITTEE_POOL members of every branch are long-standing full members in good standing (正常): the
 * committee (支委会 or the lone secretary) is drawn from them, and so are the 党总支 and 机关党委 committees.
 * Their 转正 is at least SENIOR_FULL_DAYS before AS_OF (the secretary's at least SECRETARY_FULL_DAYS), so that
 * they were full members when elected, even by an overdue election, and the secretary had a year of standing.
 */
export const COMMITTEE_POOL = 7;
export const SENIOR_FULL_DAYS = 1_440;
export const SECRETARY_FULL_DAYS = 2_040;

/**
 * The size of a branch's committee (支委会), its first members: 5, or 7 from 25 members; 0 under 7 members (such a
 * branch has only a secretary and holds no 支委会 meetings).
 */
export function committeeSize(members: number): number {
  return members >= 7 ? (members >= 25 ? 7 : 5) : 0;
}

function personName(rng: Rng, gender: 'male' | 'female', birthYear: number): string {
  const era = birthYear < 1965 ? 'older' : birthYear < 1985 ? 'middle' : 'younger';
  const pool = GIVEN[gender][era];
  const surname = weighted(rng, SURNAMES);
  if (rng.next() < 0.3) return surname + (pool[Math.floor(rng.next() * pool.length)] ?? '明');
  const pairs = Math.floor(pool.length / 2);
  const p = Math.floor(rng.next() * pairs) * 2;
  return surname + pool.slice(p, p + 2);
}

/** The members of one branch, as rows in MEMBER_COLUMNS order; the first is the secretary. */
export function branchMembers(rng: Rng, branch: BranchPlan, firstId: number): { rows: unknown[][]; briefs: MemberBrief[] } {
  const rows: unknown[][] = [];
  const briefs: MemberBrief[] = [];
  const retiree = branch.kind === 'retiree';
  for (let i = 0; i < branch.size; i++) {
    const id = firstId + i;
    const gender = rng.next() < 0.58 ? 'male' : 'female';
    // The secretary (first member) is a cadre born by 1990; the committee pool is never probationary.
    const birthYear = retiree ? intBetween(rng, 1940, 1964) : intBetween(rng, 1962, i === 0 ? 1990 : 2001);
    const birthDay = dayNumber(`${birthYear}-01-01`) + intBetween(rng, 0, 364);
    const pool = i < COMMITTEE_POOL;
    const probationary = !retiree && !pool && rng.next() < 0.03;
    let joinedDay: number;
    if (probationary) {
      joinedDay = AS_OF_DAY - intBetween(rng, 20, 360);
    } else {
      const joinAge = retiree ? intBetween(rng, 19, 40) : weighted(rng, [[18, 2], [20, 8], [21, 10], [22, 10], [23, 8], [25, 5], [27, 3], [30, 2], [35, 1]] as const);
      // At least 18 at joining; 转正 a year later, at least `latestFull` days before AS_OF (the committee pool longer).
      const latestFull = i === 0 ? SECRETARY_FULL_DAYS : pool ? SENIOR_FULL_DAYS : 35;
      joinedDay = Math.min(birthDay + Math.round(joinAge * 365.25) + intBetween(rng, 0, 300), AS_OF_DAY - latestFull - 365);
      joinedDay = Math.max(joinedDay, birthDay + Math.ceil(18 * 365.25));
    }
    const roll = rng.next();
    const status: MemberStatus = pool ? 'normal' : roll < 0.015 ? 'mobile' : roll < 0.02 ? 'lost_contact' : 'normal';
    const name = personName(rng, gender, birthYear);
    const position = i === 0 ? '党支部书记' : pick(rng, POSITIONS[branch.kind] ?? ['科员']);
    rows.push([
      id, branch.org.id, name, gender, weighted(rng, ETHNICITY), weighted(rng, EDUCATION[branch.kind] ?? EDUCATION.division ?? []),
      isoDay(birthDay), isoDay(joinedDay), probationary ? null : isoDay(joinedDay + 365), probationary ? 'probationary' : 'full',
      status, position, retiree ? '34' : branch.kind === 'technical' ? '04' : '01', probationary ? isoDay(joinedDay + 365) : null,
      RECORDED_AT, RECORDED_AT,
    ]);
    briefs.push({ id, name, status, fullMemberDay: probationary ? null : joinedDay + 365 });
  }
  return { rows, briefs };
}

/** Recorded (created, updated, completed) the evening of the meeting. */
export const ACTIVITY_COLUMNS = ['id', 'org_id', 'status', 'topic', 'held_on', 'starts_at', 'ends_at', 'place', 'host', 'recorder', 'completed_at', 'created_at', 'updated_at', 'lecturer', 'lecturer_member_id'] as const;
export const ATTENDANCE_COLUMNS = ['activity_id', 'member_id', 'status', 'reason'] as const;
export const TYPE_COLUMNS = ['activity_id', 'type'] as const;

const THEMES = [
  '学习贯彻党的二十届四中全会精神', '重温入党誓词', '学习《中国共产党支部工作条例》', '开展志愿服务活动', '参观革命教育基地',
  '学习习近平新时代中国特色社会主义思想', '纪律教育学习', '党史学习教育', '廉政警示教育', '调研走访基层', '读书分享会',
  '七一主题党日', '国家安全教育', '学习贯彻中央八项规定精神',
];
const LEAVE_REASONS = ['出差', '病假', '公务外出', '休假', '参加培训'];

export interface BranchActivities {
  activities: unknown[][];
  types: unknown[][];
  attendance: unknown[][];
}

/** One completed activity as a row of ACTIVITY_COLUMNS, with its types; a 党课 may name its lecturer. */
function activityRow(out: BranchActivities, activityId: number, orgId: number, heldOn: string, types: readonly string[], topic: string, host: string, recorder: string, lecturer: { id: number; name: string } | null = null): void {
  const recorded = `${heldOn}T09:00:00Z`;
  out.activities.push([activityId, orgId, 'completed', topic, heldOn, '14:30', '16:30', '党员活动室', host, recorder, recorded, recorded, recorded, lecturer?.name ?? null, lecturer?.id ?? null]);
  for (const t of types) out.types.push([activityId, t]);
}

const day = (month: number, dayOfMonth: number) => `${ACTIVITY_YEAR}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

/**
 * A year of a branch's organizational life: 主题党日 monthly (one a quarter also counts as 党课), 支部委员会 monthly
 * (branches with a committee), 党员大会 quarterly (the first of the year is also the 组织生活会 and 民主评议党员 of
 * the year before), one round of 谈心谈话 with every member, and a monthly 党小组会 in each 党小组. About one branch
 * in ten is weak and misses some of them, so most branches are green and a tail is red. Attendance is recorded for
 * 党员大会 and 谈心谈话, and for every activity when `fullAttendance`.
 */
export function branchActivities(rng: Rng, members: readonly MemberBrief[], orgId: number, firstId: number, fullAttendance: boolean, smallGroupIds: readonly number[] = []): BranchActivities {
  const out: BranchActivities = { activities: [], types: [], attendance: [] };
  const weak = rng.next() < 0.1;
  const missRate = weak ? 0.25 + rng.next() * 0.3 : 0.002;
  const host = members[0]?.name ?? '书记';
  const recorder = members[1]?.name ?? host;
  const committee = members.slice(0, committeeSize(members.length));
  let id = firstId;

  const add = (month: number, dayOfMonth: number, types: string[], topic: string, attendees: readonly MemberBrief[] | null, at = orgId) => {
    const activityId = id++;
    activityRow(out, activityId, at, day(month, dayOfMonth), types, topic, host, recorder);
    if (!attendees) return;
    for (const m of attendees) {
      const r = rng.next();
      if (m.status === 'lost_contact') out.attendance.push([activityId, m.id, 'absent', null]);
      else if (m.status === 'mobile') out.attendance.push(r < 0.5 ? [activityId, m.id, 'online', null] : r < 0.8 ? [activityId, m.id, 'leave', '外出务工'] : [activityId, m.id, 'absent', null]);
      else if (r < 0.88) out.attendance.push([activityId, m.id, 'present', null]);
      else if (r < 0.91) out.attendance.push([activityId, m.id, 'online', null]);
      else if (r < 0.97) out.attendance.push([activityId, m.id, 'leave', pick(rng, LEAVE_REASONS)]);
      else out.attendance.push([activityId, m.id, 'absent', null]);
    }
  };

  for (let month = 1; month <= 12; month++) {
    if (rng.next() >= missRate) {
      const lecture = month % 3 === 0;
      const topic = pick(rng, THEMES);
      add(month, intBetween(rng, 5, 25), lecture ? ['theme_day', 'party_lecture'] : ['theme_day'], lecture ? `主题党日暨党课：${topic}` : `主题党日：${topic}`, fullAttendance ? members : null);
    }
    if (committee.length > 0 && rng.next() >= missRate) {
      add(month, intBetween(rng, 1, 10), ['committee_meeting'], '支部委员会会议：研究本月工作', fullAttendance ? committee : null);
    }
    if (month % 3 === 0 && rng.next() >= missRate) {
      if (month === 3) add(month, intBetween(rng, 10, 28), ['members_meeting', 'org_life_meeting', 'democratic_review'], `党员大会暨${ACTIVITY_YEAR - 1}年度组织生活会、民主评议党员`, members);
      else add(month, intBetween(rng, 10, 28), ['members_meeting'], `党员大会：第${month / 3}季度工作`, members);
    }
    for (const group of smallGroupIds) {
      if (rng.next() >= missRate) add(month, intBetween(rng, 1, 28), ['small_group_meeting'], '党小组会：学习讨论', null, group);
    }
  }
  // 谈心谈话: the secretary talks with every member once a year; a weak branch leaves some out.
  const talked = members.filter(() => rng.next() >= missRate);
  if (talked.length > 0) {
    const activityId = id++;
    activityRow(out, activityId, orgId, day(intBetween(rng, 4, 11), intBetween(rng, 1, 28)), ['heart_to_heart_talk'], '谈心谈话：书记与党员逐一谈心', host, recorder);
    for (const m of talked) out.attendance.push([activityId, m.id, 'present', null]);
  }
  return out;
}

/**
 * A year of a 党总支's own meetings: 总支委员会 monthly, 党员大会 quarterly with a 党课, the first of the year also
 * its 组织生活会. No attendance (the members belong to its branches). One in ten is weak.
 */
export function generalBranchActivities(rng: Rng, orgId: number, firstId: number, host: string): BranchActivities {
  const out: BranchActivities = { activities: [], types: [], attendance: [] };
  const missRate = rng.next() < 0.1 ? 0.3 : 0.002;
  let id = firstId;
  for (let month = 1; month <= 12; month++) {
    if (rng.next() >= missRate) activityRow(out, id++, orgId, day(month, intBetween(rng, 1, 10)), ['committee_meeting'], '总支委员会会议：研究本月工作', host, host);
    if (month % 3 === 0 && rng.next() >= missRate) {
      const types = month === 3 ? ['members_meeting', 'party_lecture', 'org_life_meeting'] : ['members_meeting', 'party_lecture'];
      activityRow(out, id++, orgId, day(month, intBetween(rng, 10, 28)), types, `党员大会暨党课：${pick(rng, THEMES)}`, host, host);
    }
  }
  return out;
}

/** 书记讲党课: the 机关党委 secretary's 七一 lecture to the whole organ; about one organ in twenty misses it. */
export function secretaryLecture(rng: Rng, organId: number, activityId: number, secretary: { id: number; name: string } | null): BranchActivities {
  const out: BranchActivities = { activities: [], types: [], attendance: [] };
  if (secretary && rng.next() >= 0.05) activityRow(out, activityId, organId, day(6, 27), ['party_lecture'], `七一专题党课：${pick(rng, THEMES)}`, secretary.name, secretary.name, secretary);
  return out;
}
