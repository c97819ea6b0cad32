import Type from 'typebox';
import { isIsoDate, periodBounds, periodEndOf, periodOf, type PeriodKind } from '../../engine/period.js';
import { defineRule, met, notApplicable, param, unmet, type ParamSpec } from '../../engine/rule.js';
import { IsoDateFact } from '../org/org-types.js';

/** The activities of 三会一课 and organizational life whose frequency is checked, with their Chinese wording. */
export const MEETING_ACTIVITIES = {
  members_meeting: { name: '党员大会', verb: '召开', notApplicableReason: '本组织不召开党员大会（事实 applicable 为 false）' },
  committee_meeting: { name: '支委会', verb: '召开', notApplicableReason: '本支部未设支部委员会，不检查支委会频次' },
  small_group_meeting: { name: '党小组会', verb: '召开', notApplicableReason: '本支部未划分党小组，不检查党小组会频次' },
  party_lecture: { name: '党课', verb: '组织', notApplicableReason: '本组织不单独组织党课（事实 applicable 为 false）' },
  theme_day: { name: '主题党日', verb: '开展', notApplicableReason: '本组织不单独开展主题党日（事实 applicable 为 false）' },
  org_life_meeting: { name: '组织生活会', verb: '召开', notApplicableReason: '本组织不单独召开组织生活会（事实 applicable 为 false）' },
  democratic_review: { name: '民主评议党员', verb: '开展', notApplicableReason: '本组织不单独开展民主评议党员（事实 applicable 为 false）' },
  heart_to_heart_talk: { name: '谈心谈话', verb: '开展', notApplicableReason: '不适用谈心谈话频次要求（事实 applicable 为 false）' },
  secretary_lecture: { name: '党委（党组）书记讲党课', verb: '开展', notApplicableReason: '本组织不是党委（党组），不检查书记讲党课（事实 applicable 为 false）' },
} as const;

/** The `activity` fact's values, in catalogue order. */
export const MEETING_ACTIVITY_IDS = [
  'members_meeting',
  'committee_meeting',
  'small_group_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'democratic_review',
  'heart_to_heart_talk',
  'secretary_lecture',
] as const satisfies readonly (keyof typeof MEETING_ACTIVITIES)[];
export type MeetingActivity = (typeof MEETING_ACTIVITY_IDS)[number];

/** green: enough held; yellow: not yet, the period is still open; red: not enough and the period has ended. */
export type FrequencyLight = 'green' | 'yellow' | 'red';

export type FrequencyDetail = {
  period: PeriodKind;
  periodStart: string;
  /** Last day of the period (inclusive). */
  periodEnd: string;
  minCount: number;
  held: number;
  light: FrequencyLight;
};

const PeriodSchema = Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]);
const MinCountSchema = Type.Integer({ minimum: 1 });
const ReminderSchema = Type.Boolean();

type FrequencyParams = { [A in MeetingActivity as `${A}.period`]: ParamSpec<typeof PeriodSchema> } & {
  [A in MeetingActivity as `${A}.min_count`]: ParamSpec<typeof MinCountSchema>;
} & { reminder: ParamSpec<typeof ReminderSchema> };

const frequencyParams = Object.fromEntries([
  ...MEETING_ACTIVITY_IDS.flatMap((a) => [
    [`${a}.period`, param(`meetings.${a}.period`, PeriodSchema)],
    [`${a}.min_count`, param(`meetings.${a}.min_count`, MinCountSchema)],
  ]),
  ['reminder', param('meetings.open_period_reminder', ReminderSchema)],
]) as FrequencyParams;

const KIND_WORD: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };
const CURRENT: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', year: '本年度' };
const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

/** `2026年11月`, `2026年第一季度`, `2026年`. */
function periodLabel(kind: PeriodKind, periodStart: string): string {
  const year = Number(periodStart.slice(0, 4));
  const month = Number(periodStart.slice(5, 7));
  if (kind === 'month') return `${year}年${month}月`;
  if (kind === 'quarter') return `${year}年第${QUARTER_NAMES[Math.ceil(month / 3) - 1] ?? ''}季度`;
  return `${year}年`;
}

export const meetingFrequency = defineRule({
  id: 'meetings.frequency',
  title: '三会一课与组织生活应当按规定频次开展',
  description:
    '检查一个组织在一个自然期间内某项活动的次数。asOf 是被检查期间的第一天，参数按该日取值（修改参数只影响生效后开始的期间，旧期间仍按当时的规定评价）；facts.today 是评价日。' +
    '党员大会一般每季度 1 次（支部工作条例第十一条），' +
    '支委会、党小组会一般每月 1 次（第十二、十三条），党课每季度 1 次（条例只要求"按期"，次数为地方通行做法，可按本辖区规定修改），' +
    '主题党日每月 1 次（第十六条，条号待核），组织生活会每年至少 1 次（第十七条），民主评议党员一般每年 1 次（第十八条，条号待核），' +
    '谈心谈话每年一般不少于 1 次（第十九条，held 为被检查的一对人或一名党员当年的谈话次数），党委（党组）书记每年至少讲 1 次党课' +
    '（第十五条，条号待核；held 为书记本人当年讲党课的次数）。期间种类和最低次数都是参数 meetings.<活动>.period、' +
    'meetings.<活动>.min_count。已达到最低次数为绿灯（met）；未达到但期间尚未结束（评价日不晚于期末，期末当天仍算未结束）为黄灯：' +
    '以 <活动>_due 提醒，依据是"一般"效力的提醒参数 meetings.open_period_reminder，因此只是 warning；期间结束仍未达到为红灯：<活动>_missed，' +
    '严重程度取最低次数参数的效力（应当 → violation，一般 → warning）。提醒参数关闭时黄灯不作为问题报告。' +
    '组织未设支委会、党小组等（applicable 为 false）时不适用。',
  period: 'event',
  resolveAt: 'event_date',
  params: frequencyParams,
  facts: Type.Object(
    {
      activity: Type.Enum(MEETING_ACTIVITY_IDS),
      /** False when the organization has no such body (no 支委会, no 党小组, …). */
      applicable: Type.Boolean(),
      /** The evaluation day (today, Asia/Shanghai); asOf is the first day of the period judged. */
      today: IsoDateFact,
      /** How many were held in that period. */
      held: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),

  assess({ params, facts: { activity, applicable, today, held }, asOf: periodStart }) {
    const { name, verb, notApplicableReason } = MEETING_ACTIVITIES[activity];
    if (!applicable) return notApplicable(notApplicableReason);
    const periodParam = params[`${activity}.period`];
    const minParam = params[`${activity}.min_count`];
    if (!periodParam || !minParam) return notApplicable(`期间开始时（${periodStart}）尚无已编码的${name}频次规定`);
    const kind = periodParam.value;
    if (!isIsoDate(periodStart)) return notApplicable(`期间起始日 ${periodStart} 不是有效日期`);
    const start = periodBounds(periodOf(periodStart, kind)).start;
    if (start !== periodStart) return notApplicable(`${name}按${KIND_WORD[kind]}计，期间起始日应为 ${start}，收到 ${periodStart}`);
    if (periodStart > today) return notApplicable(`${periodLabel(kind, periodStart)}尚未开始（评价日 ${today}）`);

    const periodEnd = periodEndOf(kind, periodStart);
    const minCount = minParam.value;
    const open = today <= periodEnd;
    const light: FrequencyLight = held >= minCount ? 'green' : open ? 'yellow' : 'red';
    const detail: FrequencyDetail = { period: kind, periodStart, periodEnd, minCount, held, light };
    if (light === 'green') return met(detail);
    if (light === 'red') {
      return unmet(detail, [
        {
          code: `${activity}_missed`,
          message: `${periodLabel(kind, periodStart)}应${verb}${name}至少 ${minCount} 次，已${verb} ${held} 次（${KIND_WORD[kind]}已结束）`,
          basis: minParam,
        },
      ]);
    }
    const { reminder } = params;
    if (!reminder?.value) return met(detail);
    const sofar = held === 0 ? `尚未${verb}` : `已${verb} ${held} 次`;
    return unmet(detail, [
      { code: `${activity}_due`, message: `${CURRENT[kind]}应${verb}${name}至少 ${minCount} 次，${sofar}（截至 ${today}）`, basis: reminder },
    ]);
  },
});
