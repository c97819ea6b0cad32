// Demo organizational life (组织生活记录), derived from the demo dataset and its org records: 12–14 months of
// 三会一课 up to `asOf` for every branch, with realistic attendance and minutes. Most branches keep every
// obligation; a tail of about one in ten misses something (a quarter without 党员大会, a month without 主题党日,
// one red month at 地震监测中心站), and one member has been absent without reason for more than six months.
// Pure and deterministic, like demo-dataset.ts: the same dataset, seed and asOf give the same activities.
import type { ActivityType, AttendanceStatus } from '../meetings/activity-types.js';
import type { DemoDataset, DemoMember, DemoOrg } from './demo-dataset.js';
import type { DemoOrgRecords } from './demo-org-records.js';

export interface DemoAttendance {
  memberKey: string;
  status: AttendanceStatus;
  reason: string | null;
}

export interface DemoActivity {
  orgKey: string;
  status: 'planned' | 'completed';
  types: ActivityType[];
  topic: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  place: string;
  host: string | null;
  recorder: string | null;
  lecturer: string | null;
  lecturerMemberKey: string | null;
  content: string | null;
  decisions: string | null;
  /** Empty for a planned activity. */
  attendance: DemoAttendance[];
}

export interface DemoActivities {
  activities: DemoActivity[];
  /** First day of the generated window (a quarter's first day, 12–15 months before asOf). */
  from: string;
  /** The member absent without reason from `absentSince` on (the six-month absence warning). */
  absentMemberKey: string | null;
  absentSince: string;
}

// ---------------------------------------------------------------------------------------------
// Scenarios: the branches that miss something (keys are fixed in demo-dataset.ts)
// ---------------------------------------------------------------------------------------------

/** No 党员大会 in the last complete quarter. */
const NO_MEMBERS_MEETING_LAST_QUARTER = 'tax.goods';
/** 主题党日 not held in these months (months before asOf's month). */
const MISSED_THEME_DAYS: Record<string, number[]> = { 'weather.info': [2, 5], 'academy.philosophy': [4] };
/** A red month: neither 主题党日 nor 支委会 (3 months before asOf's month). */
const RED_MONTH: Record<string, number> = { 'quake.station': 3 };
/** Everything held; this month's 主题党日 is planned and still to come. */
const SHOWCASE = 'stats.general';
/** A branch whose 党小组 sometimes skip their monthly meeting. */
const SMALL_GROUP_GAPS = 'tax.inspection';
/** The branch of the member absent without reason. */
const ABSENT_BRANCH = 'stats.industry';
const ABSENT_MONTHS = 7;

const BRANCH_LIKE = new Set(['branch', 'joint_branch', 'temporary_branch']);

// ---------------------------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------------------------

const ORGAN_FOCUS: Record<string, { work: string; lecture: string }> = {
  tax: { work: '推进税收征管数字化转型、优化纳税服务', lecture: '坚持依法治税，以高质量税收服务保障高质量发展' },
  stats: { work: '防范和惩治统计造假、提高统计数据质量', lecture: '坚守统计数据真实准确的生命线' },
  quake: { work: '做好地震监测预报和防震减灾', lecture: '守护人民群众生命财产安全，筑牢防震减灾防线' },
  academy: { work: '繁荣发展哲学社会科学、建设新型智库', lecture: '以高质量研究成果服务省委省政府决策' },
  weather: { work: '筑牢气象防灾减灾第一道防线', lecture: '做好气象服务，当好防灾减灾“消息树”' },
  law: { work: '推进法治吉林建设、服务法学和社科研究', lecture: '厚植法治信仰，服务全面依法治省' },
};

const GENERAL_STUDY = [
  '深入学习贯彻习近平新时代中国特色社会主义思想',
  '学习《习近平谈治国理政》第四卷有关篇目',
  '学习《中国共产党支部工作条例（试行）》',
  '学习《中国共产党纪律处分条例》，筑牢纪律防线',
  '学习习近平总书记关于推动东北全面振兴的重要论述',
  '学习贯彻中央八项规定及其实施细则精神',
  '开展“强作风、促发展”专题研讨',
  '观看警示教育片，开展以案促改',
  '学习习近平总书记关于调查研究的重要论述',
];

/** What a branch studies on a date: the general list plus what was new then. */
function studyTopics(date: string): string[] {
  const topics = [...GENERAL_STUDY];
  if (date >= '2023-04-01' && date <= '2023-12-31') topics.push('深入学习贯彻习近平新时代中国特色社会主义思想主题教育');
  if (date >= '2024-07-19' && date <= '2025-12-31') topics.push('学习贯彻党的二十届三中全会精神');
  if (date >= '2025-03-01' && date <= '2025-08-31') topics.push('深入贯彻中央八项规定精神学习教育');
  if (date >= '2025-10-24') topics.push('学习贯彻党的二十届四中全会精神', '学习贯彻党的二十届四中全会精神', '学习《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》');
  return topics;
}

/** 主题党日 themes tied to the calendar. */
const MONTH_THEMES: Record<number, string> = {
  1: '新年主题党日：学习贯彻中央经济工作会议精神',
  3: '学雷锋志愿服务主题党日：走进社区开展志愿服务',
  4: '清明祭英烈主题党日：缅怀革命先烈，传承红色基因',
  7: '七一主题党日：重温入党誓词',
  9: '九一八主题党日：勿忘国耻，砥砺前行',
  12: '宪法宣传周主题党日：学习宪法，弘扬宪法精神',
};

const LECTURE_TITLES = [
  '以严的基调强化正风肃纪',
  '弘扬伟大建党精神，争做合格党员',
  '坚定理想信念，筑牢信仰之基',
  '牢记初心使命，立足岗位建功',
  '学习党章党规，增强纪律规矩意识',
  '发扬斗争精神，增强斗争本领',
  '践行全心全意为人民服务的根本宗旨',
];

const MEMBERS_MEETING_ITEMS = [
  '通报本季度支部工作情况和党费收缴情况',
  '讨论确定入党积极分子培养联系人',
  '审议支部年度工作计划',
  '听取党员思想汇报，分析党员队伍思想状况',
  '讨论推荐优秀共产党员人选',
  '通报上级党组织重点工作部署',
];

const COMMITTEE_ITEMS = [
  '研究本月主题党日活动方案',
  '研究入党积极分子培养考察工作',
  '研究党员教育培训安排',
  '研究党费收缴和使用情况',
  '研究支部品牌创建工作',
  '研究困难党员走访慰问工作',
  '研究落实上级党组织工作部署的具体措施',
];

const SMALL_GROUP_TOPICS = [
  '党小组集中学习并交流心得体会',
  '党小组学习讨论：立足岗位发挥先锋模范作用',
  '党小组会：收集党员对支部工作的意见建议',
  '党小组学习《中国共产党章程》',
];

const LEAVE_REASONS = ['出差', '病假', '外出学习', '公务外出', '休假', '事假', '出差', '外出学习'];
const RETIREE_LEAVE_REASONS = ['病假', '住院治疗', '外地探亲', '身体原因', '病假'];
const MOBILE_ONLINE_REASONS = ['外派挂职，线上参加', '异地工作，线上参加', '驻外学习，线上参加'];
const EXTERNAL_LECTURERS = ['机关党委副书记', '省委党校教研部教授', '机关党委专职副书记'];

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

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

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Month `index` as year and month (index = y * 12 + m - 1). */
function ym(index: number): { y: number; m: number } {
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/** A working day near day `d` of the month (Saturday → Friday, Sunday → Monday, staying in the month). */
function workday(y: number, m: number, d: number): string {
  const day = Math.min(Math.max(d, 1), lastDay(y, m));
  const dow = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
  let shift = dow === 6 ? -1 : dow === 0 ? 1 : 0;
  if (day + shift > lastDay(y, m)) shift = dow === 0 ? -2 : -1;
  if (day + shift < 1) shift = dow === 6 ? 2 : 1;
  return iso(y, m, day + shift);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function chineseMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}


/** `date`, or `limit` when `date` is after it. */
function notAfter(date: string, limit: string): string {
  return date <= limit ? date : limit;
}

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

/** How an activity dated after asOf is kept: as a plan, or not at all (not yet scheduled). */
type FutureMode = 'plan' | 'skip';

type Draft = Pick<DemoActivity, 'types' | 'topic' | 'heldOn' | 'content' | 'decisions'> & Partial<Omit<DemoActivity, 'status' | 'attendance'>>;

export function generateDemoActivities(dataset: DemoDataset, records: DemoOrgRecords, options: { seed: number; asOf: string }): DemoActivities {
  const random = rng(options.seed ^ 0xac71);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const { asOf } = options;
  const asOfY = Number(asOf.slice(0, 4));
  const asOfM = Number(asOf.slice(5, 7));
  const asOfIndex = asOfY * 12 + asOfM - 1;
  const monthOfQuarter = (asOfM - 1) % 3;
  // The window starts on 1 January of the year before asOf's (13–24 months), so last year's yearly
  // obligations (组织生活会, 民主评议, 谈心谈话, 书记讲党课) are judged on a whole year of records.
  const startIndex = (asOfY - 1) * 12;
  const from = iso(ym(startIndex).y, ym(startIndex).m, 1);
  const lastCompleteQuarterStart = asOfIndex - monthOfQuarter - 3;
  const monthEnd = iso(asOfY, asOfM, lastDay(asOfY, asOfM));

  const orgByKey = new Map(dataset.orgs.map((o) => [o.key, o]));
  const organOf = (org: DemoOrg): DemoOrg | undefined => {
    let cur: DemoOrg | undefined = org;
    while (cur && cur.type !== 'organ_party_committee') cur = cur.parentKey ? orgByKey.get(cur.parentKey) : undefined;
    return cur;
  };
  const membersOf = new Map<string, DemoMember[]>();
  for (const m of dataset.members) membersOf.set(m.orgKey, [...(membersOf.get(m.orgKey) ?? []), m]);
  const memberByKey = new Map(dataset.members.map((m) => [m.key, m]));

  // The current committee of each branch: its latest election (or appointment), less vacated posts.
  const committeeOf = new Map<string, { post: string; memberKey: string }[]>();
  for (const e of records.elections) committeeOf.set(e.orgKey, e.committee.map((c) => ({ post: c.post, memberKey: c.memberKey })));
  for (const a of records.appointments) if (!committeeOf.has(a.orgKey)) committeeOf.set(a.orgKey, [{ post: a.post, memberKey: a.memberKey }]);
  for (const v of records.vacancies) committeeOf.set(v.orgKey, (committeeOf.get(v.orgKey) ?? []).filter((c) => c.post !== v.post));

  const accountMembers = new Set(dataset.accounts.map((a) => a.memberKey).filter((k): k is string => k !== null));
  const absentMember =
    (membersOf.get(ABSENT_BRANCH) ?? [])
      .filter((m) => m.status === 'normal' && m.category === 'full' && !accountMembers.has(m.key) && !(committeeOf.get(ABSENT_BRANCH) ?? []).some((c) => c.memberKey === m.key))
      .at(-1) ?? null;
  const absentSince = iso(ym(asOfIndex - ABSENT_MONTHS).y, ym(asOfIndex - ABSENT_MONTHS).m, 1);

  const out: DemoActivity[] = [];

  for (const org of dataset.orgs) {
    if (!BRANCH_LIKE.has(org.type)) continue;
    const roster = (membersOf.get(org.key) ?? []).filter((m) => m.status !== 'lost_contact');
    if (roster.length === 0) continue;
    const organ = organOf(org);
    const focus = ORGAN_FOCUS[organ?.key ?? ''] ?? ORGAN_FOCUS.stats!;
    const organName = organ?.shortName.replace(/机关党委$/, '') ?? '';
    const retiree = org.shortName.includes('离退休');
    const temporary = org.type === 'temporary_branch';
    const foundedOn = records.founding[org.key]?.foundedOn ?? '1900-01-01';
    const foundedIndex = Number(foundedOn.slice(0, 4)) * 12 + Number(foundedOn.slice(5, 7)) - 1;
    const committee = committeeOf.get(org.key) ?? [];
    const post = (name: string) => memberByKey.get(committee.find((c) => c.post === name)?.memberKey ?? '');
    const committeeMembers = committee.map((c) => memberByKey.get(c.memberKey)).filter((m): m is DemoMember => m !== undefined && m.status !== 'lost_contact');
    const secretary = post('secretary') ?? roster[0]!;
    const organizer = post('organization_member') ?? roster.find((m) => m.key !== secretary.key) ?? null;
    const propagandist = post('propaganda_member') ?? null;
    const hasCommittee = committee.length >= 3;
    const groups = dataset.orgs.filter((o) => o.parentKey === org.key && o.type === 'party_small_group');
    const place = retiree
      ? '离退休干部活动中心'
      : org.key === 'quake.station'
        ? '地震监测中心站会议室'
        : org.key === 'quake.volcano'
          ? '火山监测站会议室'
          : temporary
            ? '驻村工作队办公室'
            : chance(0.5)
              ? `${organName}${pick(['三', '四', '五', '六'])}楼会议室`
              : `${organName}党员活动室`;
    const smallRoom = retiree || temporary ? place : '支部书记办公室';
    const themeDay = between(8, 24);
    const committeeDay = Math.max(2, themeDay - between(3, 6));
    const orgLifeMonth = between(1, 2);
    const leaveRate = retiree ? 0.12 : 0.06;
    const [start, end] = temporary || retiree ? ['09:30', '11:00'] : ['14:30', '16:30'];
    const missedThemeMonths = new Set((MISSED_THEME_DAYS[org.key] ?? []).map((back) => asOfIndex - back));
    const redMonth = RED_MONTH[org.key] === undefined ? null : asOfIndex - RED_MONTH[org.key]!;
    const showcase = org.key === SHOWCASE;

    /** Attendance of the members admitted by then; whoever runs the meeting (`running`) is there. */
    const attendanceOf = (people: readonly DemoMember[], heldOn: string, running: ReadonlySet<string>): DemoAttendance[] =>
      people
        .filter((m) => m.joinedOn <= heldOn)
        .map((m): DemoAttendance => {
          if (absentMember && m.key === absentMember.key && heldOn >= absentSince) return { memberKey: m.key, status: 'absent', reason: null };
          if (running.has(m.key)) return { memberKey: m.key, status: 'present', reason: null };
          if (m.status === 'mobile') return chance(0.85) ? { memberKey: m.key, status: 'online', reason: pick(MOBILE_ONLINE_REASONS) } : { memberKey: m.key, status: 'leave', reason: '在外地工作' };
          const roll = random();
          if (roll < leaveRate) return { memberKey: m.key, status: 'leave', reason: pick(retiree ? RETIREE_LEAVE_REASONS : LEAVE_REASONS) };
          if (roll < leaveRate + 0.004) return { memberKey: m.key, status: 'absent', reason: null };
          return { memberKey: m.key, status: 'present', reason: null };
        });

    /** Adds an activity: held (with attendance) up to asOf, planned or left out after it; `planned` forces a plan. */
    const add = (draft: Draft, people: readonly DemoMember[], future: FutureMode, planned = false) => {
      if (draft.heldOn < foundedOn) return;
      const isPlan = planned || draft.heldOn > asOf;
      if (isPlan && draft.heldOn > asOf && future === 'skip') return;
      const host = draft.host === undefined ? secretary.name : draft.host;
      const recorder = draft.recorder === undefined ? (organizer?.name ?? null) : draft.recorder;
      const running = new Set(people.filter((p) => p.name === host || p.name === recorder || p.key === draft.lecturerMemberKey).map((p) => p.key));
      const attendance = isPlan ? [] : attendanceOf(people, draft.heldOn, running);
      if (!isPlan && attendance.length === 0) return;
      out.push({
        orgKey: draft.orgKey ?? org.key,
        status: isPlan ? 'planned' : 'completed',
        types: draft.types,
        topic: draft.topic.slice(0, 200),
        heldOn: draft.heldOn,
        startsAt: draft.startsAt ?? start,
        endsAt: draft.endsAt ?? end,
        place: draft.place ?? place,
        host,
        recorder,
        lecturer: draft.lecturer ?? null,
        lecturerMemberKey: draft.lecturerMemberKey ?? null,
        content: isPlan ? null : draft.content,
        decisions: isPlan ? null : draft.decisions,
        attendance,
      });
    };

    // Per quarter: the month (0–2) of the 党员大会 and of the 党课, and whether the 党员大会 joins the 主题党日.
    const quarterPlans = new Map<number, { membersMonth: number; lectureMonth: number; combineMembers: boolean }>();
    const planOf = (index: number) => {
      const qStart = index - ((ym(index).m - 1) % 3);
      let plan = quarterPlans.get(qStart);
      if (!plan) {
        // The showcase branch holds the current quarter's early, so the quarter is already green.
        const early = showcase && qStart + 2 >= asOfIndex;
        plan = { membersMonth: early ? 0 : between(0, 2), lectureMonth: early ? 0 : between(0, 2), combineMembers: chance(0.5) };
        // A branch founded during the quarter holds them in its last month.
        if (foundedIndex >= qStart && foundedIndex <= qStart + 2) {
          plan.membersMonth = 2;
          plan.lectureMonth = 2;
        }
        // Not in a month without 主题党日 (the red month moves the 党员大会 too), so the quarter stays green.
        const noTheme = [0, 1, 2].filter((i) => missedThemeMonths.has(qStart + i) || qStart + i === redMonth);
        const open = [0, 1, 2].filter((i) => !noTheme.includes(i));
        if (noTheme.includes(plan.lectureMonth)) plan.lectureMonth = open[0] ?? plan.lectureMonth;
        if (qStart + plan.membersMonth === redMonth) plan.membersMonth = open.at(-1) ?? plan.membersMonth;
        quarterPlans.set(qStart, plan);
      }
      return { qStart, ...plan };
    };
    let lectures = 0;

    for (let index = startIndex; index <= asOfIndex + 1; index++) {
      const { y, m } = ym(index);
      const next = index === asOfIndex + 1;
      // Next month's 主题党日 is already planned by some branches; nothing else is.
      if (next && (showcase || !chance(0.3))) continue;
      const current = index === asOfIndex;
      const plan = planOf(index);
      const inQuarter = index - plan.qStart;
      const membersHere = inQuarter === plan.membersMonth && !(org.key === NO_MEMBERS_MEETING_LAST_QUARTER && plan.qStart === lastCompleteQuarterStart);
      const lectureHere = inQuarter === plan.lectureMonth;
      const red = index === redMonth;
      const study = pick(studyTopics(iso(y, m, 15)));
      const themeDate = (() => {
        if (showcase && current) {
          // The showcase branch's 主题党日 of this month is still to come (or today, on the month's last day).
          const soon = notAfter(addDays(asOf, 3), monthEnd);
          const working = workday(y, m, Number(soon.slice(8, 10)));
          return working >= asOf ? working : soon;
        }
        if (m === 7) return workday(y, 7, between(1, 3));
        if (m === 9) return workday(y, 9, 18);
        return workday(y, m, themeDay + between(-2, 2));
      })();

      // 支委会 (monthly, where the branch has a committee of three or more): prepares the month's work.
      if (hasCommittee && !red && !next) {
        const items = [...new Set([pick(COMMITTEE_ITEMS), pick(COMMITTEE_ITEMS)])];
        const heldOn = showcase && current ? notAfter(workday(y, m, committeeDay), asOf) : workday(y, m, committeeDay + between(-1, 1));
        add(
          {
            types: ['committee_meeting'],
            topic: `支委会：${items[0]}`,
            heldOn,
            startsAt: '16:00',
            endsAt: '17:00',
            place: smallRoom,
            content: `一、传达学习上级党组织近期工作部署。\n二、${items.join('；')}。\n三、研究确定本月主题党日安排。`,
            decisions: `1. 本月主题党日围绕“${study}”开展${organizer ? `，由${organizer.name}同志负责组织` : ''}。\n2. 各支委按分工抓好落实，下次支委会听取进展情况。`,
          },
          committeeMembers,
          'plan',
        );
      }

      // 主题党日 (monthly), with the quarter's 党课 and sometimes with its 党员大会.
      const skipTheme = missedThemeMonths.has(index) || red;
      const combine = membersHere && plan.combineMembers && !skipTheme;
      if (!skipTheme) {
        const types: ActivityType[] = ['theme_day'];
        let lecturer: string | null = null;
        let lecturerMemberKey: string | null = null;
        let lectureTitle: string | null = null;
        if (lectureHere) {
          types.push('party_lecture');
          lectureTitle = chance(0.4) ? focus.lecture : pick(LECTURE_TITLES);
          // The secretary gives a 党课 every year (书记讲党课); the others a committee member or a guest.
          if (lectures % 4 === 0 || !propagandist) {
            lecturer = secretary.name;
            lecturerMemberKey = secretary.key;
          } else if (chance(0.6)) {
            lecturer = propagandist.name;
            lecturerMemberKey = propagandist.key;
          } else lecturer = pick(EXTERNAL_LECTURERS);
          lectures += 1;
        }
        if (combine) types.unshift('members_meeting');
        const seasonal = m === 7 || m === 9 ? MONTH_THEMES[m] : chance(0.75) ? MONTH_THEMES[m] : undefined;
        const theme = seasonal ?? `主题党日：${study}`;
        const topic = `${combine ? '党员大会暨' : ''}${theme}${lectureTitle ? `；专题党课：${lectureTitle}` : ''}`;
        const trip = (m === 4 || m === 9) && !retiree && chance(0.3);
        const speakers = Math.max(1, Math.min(roster.length - 1, between(3, 6)));
        const who = lecturerMemberKey ? `${lecturer}同志` : lecturer;
        add(
          {
            types,
            topic,
            heldOn: themeDate,
            ...(trip ? { place: '东北抗联纪念馆', startsAt: '09:00', endsAt: '11:30' } : {}),
            lecturer,
            lecturerMemberKey,
            content: [
              `一、集体学习：${study}。`,
              lectureTitle ? `二、专题党课：${who}以《${lectureTitle}》为题讲党课。` : `二、交流研讨：${speakers} 名党员结合${focus.work}谈认识、谈体会。`,
              combine ? `三、召开党员大会：${pick(MEMBERS_MEETING_ITEMS)}。` : trip ? '三、集体参观东北抗联纪念馆，重温革命历史。' : m === 7 ? '三、全体党员面向党旗重温入党誓词。' : `三、支部书记${secretary.name}同志作总结。`,
            ].join('\n'),
            decisions: `${combine ? `1. 会议一致同意${pick(['本季度支部工作安排', '支部年度工作计划', '推荐人选', '党费收缴使用情况报告'])}。\n2. ` : '1. '}党员结合岗位实际，将学习成果转化为${focus.work}的具体举措。`,
          },
          roster,
          'plan',
          showcase && current,
        );
      }

      // 党员大会 on its own (quarterly), when not combined with the 主题党日.
      if (membersHere && !combine && !next) {
        const item = pick(MEMBERS_MEETING_ITEMS);
        const day = workday(y, m, themeDay - between(3, 7));
        add(
          {
            types: ['members_meeting'],
            topic: `支部党员大会：${item}`,
            heldOn: showcase && current ? notAfter(day, asOf) : day,
            startsAt: retiree ? '09:30' : '15:00',
            endsAt: retiree ? '11:00' : '16:30',
            content: `一、支部书记${secretary.name}同志通报本季度支部工作情况。\n二、${item}。\n三、党员就支部工作提出意见建议。`,
            decisions: `1. 会议对${item.replace(/^(讨论确定|讨论|审议|通报|听取)/, '')}形成一致意见。\n2. 下季度重点抓好${focus.work}相关工作。`,
          },
          roster,
          'plan',
        );
      }

      // 党小组会: each group every month, except at 稽查局 (a group skips a month now and then: the small-group tail).
      if (groups.length > 0 && !next) {
        const members = roster.filter((mm) => mm.key !== secretary.key);
        const meets = groups.map(() => org.key !== SMALL_GROUP_GAPS || chance(0.8));
        if (!meets.some(Boolean)) meets[between(0, groups.length - 1)] = true;
        groups.forEach((group, g) => {
          const people = members.filter((_, i) => i % groups.length === g);
          const leader = people[0];
          if (!meets[g] || !leader) return;
          add(
            {
              orgKey: group.key,
              types: ['small_group_meeting'],
              topic: pick(SMALL_GROUP_TOPICS),
              heldOn: workday(y, m, themeDay + 3 + g),
              startsAt: retiree ? '09:30' : '15:30',
              endsAt: retiree ? '10:30' : '16:30',
              host: leader.name,
              recorder: people[1]?.name ?? null,
              content: `一、集体学习：${study}。\n二、党员交流学习体会，${between(2, Math.max(2, people.length - 1))} 名党员发言。\n三、收集对支部工作的意见建议 ${between(1, 4)} 条，报支部委员会研究。`,
              decisions: '1. 将意见建议整理后报支部委员会研究。',
            },
            people,
            'skip',
          );
        });
      }

      // 组织生活会 and 民主评议党员 in the first quarter, for the year before: January last year, January or February this year.
      if (!next && ((y === asOfY - 1 && m === 1) || (y === asOfY && m === orgLifeMonth))) {
        add(orgLifeMeeting(y, m), roster, 'plan');
      }
    }

    // Last year's January 组织生活会, when it falls before the window.
    if ((asOfY - 1) * 12 < startIndex) add(orgLifeMeeting(asOfY - 1, 1), roster, 'skip');

    function orgLifeMeeting(y: number, m: number): Draft {
      const heldOn = workday(y, m, between(10, 26));
      const count = roster.filter((mm) => mm.joinedOn <= heldOn).length;
      return {
        types: ['org_life_meeting', 'democratic_review'],
        topic: `${y - 1}年度组织生活会和民主评议党员`,
        heldOn,
        startsAt: '09:00',
        endsAt: '11:30',
        content: `一、支部书记${secretary.name}同志代表支部委员会报告${y - 1}年度工作，进行对照检查。\n二、党员逐一进行党性分析，开展批评和自我批评。\n三、开展民主评议党员，发放测评表 ${count} 份，收回 ${count} 份。`,
        decisions: '1. 民主评议结果按程序报上级党组织备案。\n2. 针对查摆的问题建立整改清单，明确责任人和完成时限。',
      };
    }

    // 谈心谈话: the secretary talks with every member once a year, in two or three rounds.
    for (const y of [asOfY - 1, asOfY]) {
      const rounds = between(2, 3);
      const months = [between(3, 4), between(6, 8), between(9, 11)].slice(0, rounds);
      const people = roster.filter((mm) => mm.key !== secretary.key && mm.key !== absentMember?.key);
      months.forEach((month, r) => {
        const index = y * 12 + month - 1;
        const heldOn = workday(y, month, between(5, 27));
        if (index < startIndex || heldOn > asOf || heldOn < foundedOn) return;
        const talked = people.filter((mm, i) => i % rounds === r && mm.joinedOn <= heldOn);
        if (talked.length === 0) return;
        out.push({
          orgKey: org.key,
          status: 'completed',
          types: ['heart_to_heart_talk'],
          topic: `支部书记与党员谈心谈话（${y}年第${r + 1}轮）`,
          heldOn,
          startsAt: '15:00',
          endsAt: '17:30',
          place: smallRoom,
          host: secretary.name,
          recorder: null,
          lecturer: null,
          lecturerMemberKey: null,
          content: `支部书记${secretary.name}同志于${chineseMonthDay(heldOn)}分别与${talked.map((t) => t.name).join('、')}同志谈心谈话，了解思想、工作和生活情况，听取对支部工作的意见建议。`,
          decisions: '对谈话中反映的困难和建议逐项登记，由支部委员会研究解决。',
          attendance: [
            { memberKey: secretary.key, status: 'present', reason: null },
            ...talked.map((t): DemoAttendance => (t.status === 'mobile' ? { memberKey: t.key, status: 'online', reason: pick(MOBILE_ONLINE_REASONS) } : { memberKey: t.key, status: 'present', reason: null })),
          ],
        });
      });
    }
  }

  // 党总支 and 机关党委: the 总支委员会 each month, the 总支党员大会 with a 党课 each quarter and the yearly 组织生活会
  // (总支); the secretary's yearly 党课 around 七一 for the organ's members (机关党委, obligation secretary_lecture).
  const parentOf = (key: string) => orgByKey.get(key)?.parentKey ?? null;
  const isBelow = (key: string, ancestor: string) => {
    for (let cur = parentOf(key); cur !== null; cur = parentOf(cur)) if (cur === ancestor) return true;
    return false;
  };
  const simpleAttendance = (people: readonly DemoMember[], heldOn: string, running: ReadonlySet<string>): DemoAttendance[] =>
    people
      .filter((m) => m.joinedOn <= heldOn)
      .map((m): DemoAttendance => {
        if (absentMember && m.key === absentMember.key && heldOn >= absentSince) return { memberKey: m.key, status: 'absent', reason: null };
        if (running.has(m.key)) return { memberKey: m.key, status: 'present', reason: null };
        if (m.status === 'mobile') return { memberKey: m.key, status: 'online', reason: pick(MOBILE_ONLINE_REASONS) };
        return chance(0.06) ? { memberKey: m.key, status: 'leave', reason: pick(LEAVE_REASONS) } : { memberKey: m.key, status: 'present', reason: null };
      });
  for (const org of dataset.orgs) {
    if (org.type !== 'general_branch' && org.type !== 'organ_party_committee') continue;
    const committee = (committeeOf.get(org.key) ?? []).flatMap((c) => {
      const member = memberByKey.get(c.memberKey);
      return member && member.status !== 'lost_contact' ? [{ post: c.post, member }] : [];
    });
    const secretary = committee.find((c) => c.post === 'secretary')?.member;
    if (!secretary) continue;
    const people = dataset.members.filter((m) => m.status !== 'lost_contact' && isBelow(m.orgKey, org.key) && orgByKey.get(m.orgKey)?.type !== 'temporary_branch');
    const foundedOn = records.founding[org.key]?.foundedOn ?? '1900-01-01';
    const organ = organOf(org);
    const focus = ORGAN_FOCUS[organ?.key ?? ''] ?? ORGAN_FOCUS.stats!;
    const place = `${(organ?.shortName ?? org.shortName).replace(/机关党委$/, '')}党员活动室`;
    const recorder = committee[1]?.member ?? null;
    const base = { orgKey: org.key, status: 'completed' as const, place, host: secretary.name, recorder: recorder?.name ?? null };
    const running = new Set([secretary.key, ...(recorder ? [recorder.key] : [])]);
    const push = (a: Omit<DemoActivity, 'orgKey' | 'status' | 'place' | 'host' | 'recorder' | 'attendance'>, attendance: DemoAttendance[]) => {
      if (a.heldOn > asOf || a.heldOn < foundedOn || attendance.length === 0) return;
      out.push({ ...base, ...a, attendance });
    };
    for (let index = startIndex; index <= asOfIndex; index++) {
      const { y, m } = ym(index);
      if (org.type === 'organ_party_committee') {
        if (m !== 6) continue;
        const heldOn = workday(y, 6, between(24, 29));
        push(
          {
            types: ['party_lecture'],
            topic: `七一专题党课：${focus.lecture}`,
            heldOn,
            startsAt: '14:30',
            endsAt: '16:30',
            lecturer: secretary.name,
            lecturerMemberKey: secretary.key,
            content: `机关党委书记${secretary.name}同志以“${focus.lecture}”为题讲专题党课，结合${focus.work}的实际，从提高政治站位、强化责任担当、改进工作作风三个方面作了阐述。`,
            decisions: '各支部结合本支部实际组织党员交流学习体会。',
          },
          simpleAttendance(people, heldOn, running),
        );
        continue;
      }
      const committeeDay = workday(y, m, between(3, 9));
      push(
        {
          types: ['committee_meeting'],
          topic: `总支委员会会议：${pick(COMMITTEE_ITEMS)}`,
          heldOn: committeeDay,
          startsAt: '15:00',
          endsAt: '16:30',
          lecturer: null,
          lecturerMemberKey: null,
          content: `传达学习上级党组织近期工作部署，${pick(COMMITTEE_ITEMS)}。`,
          decisions: '会议议定事项由各支部书记抓好落实。',
        },
        simpleAttendance(
          committee.map((c) => c.member),
          committeeDay,
          running,
        ),
      );
      if (m % 3 === 2) {
        const heldOn = workday(y, m, between(12, 22));
        push(
          {
            types: ['members_meeting', 'party_lecture'],
            topic: `总支党员大会暨专题党课：${pick(LECTURE_TITLES)}`,
            heldOn,
            startsAt: '14:30',
            endsAt: '16:30',
            lecturer: secretary.name,
            lecturerMemberKey: secretary.key,
            content: `总支书记${secretary.name}同志通报总支本季度工作，并讲专题党课。`,
            decisions: '各支部组织党员开展学习讨论。',
          },
          simpleAttendance(people, heldOn, running),
        );
      }
      if (m === 1) {
        const heldOn = workday(y, 1, between(15, 27));
        push(
          {
            types: ['org_life_meeting'],
            topic: `${y - 1}年度总支委员会组织生活会`,
            heldOn,
            startsAt: '09:00',
            endsAt: '11:30',
            lecturer: null,
            lecturerMemberKey: null,
            content: `总支委员会成员逐一进行对照检查，开展批评和自我批评。`,
            decisions: '针对查摆的问题制定整改措施，明确责任人和完成时限。',
          },
          simpleAttendance(
            committee.map((c) => c.member),
            heldOn,
            running,
          ),
        );
      }
    }
  }

  out.sort((a, b) => (a.heldOn === b.heldOn ? (a.orgKey < b.orgKey ? -1 : a.orgKey > b.orgKey ? 1 : 0) : a.heldOn < b.heldOn ? -1 : 1));
  return { activities: out, from, absentMemberKey: absentMember?.key ?? null, absentSince };
}
