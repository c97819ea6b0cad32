// The HTTP contract of compliance (合规): obligations per period, branch lights (支部亮灯), green rates,
// and monthly digests (月提示). Everything here is derived from activity records by rule meetings.frequency.
import { Type } from 'typebox';
import { Nullable } from '../../platform/http-schemas.js';
import { LIGHTS } from '../meetings/activity-types.js';

const literalUnion = <const T extends readonly string[]>(values: T, title: string) => Type.Enum(values, { title });
export const LightSchema = literalUnion(LIGHTS, '亮灯');
const Month = (title: string) => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', title, description: 'YYYY-MM' });

/** One parameter a result used, as it was when judged. */
export const BasisItem = Type.Object({
  parameter: Type.String(),
  value: Type.Unknown(),
  effectiveFrom: Type.String({ format: 'date', description: '所用取值的生效日期' }),
  force: Type.String({ description: 'shall 应当 · generally 一般 · may 可以' }),
  title: Type.String({ description: '法规名称' }),
  article: Type.String(),
  quote: Nullable(Type.String()),
});

/** One obligation of one organization for one period. */
export const ObligationResult = Type.Object({
  orgId: Type.Integer(),
  obligation: Type.String({ description: 'meetings.frequency 的 activity' }),
  obligationLabel: Type.String(),
  periodKind: literalUnion(['month', 'quarter', 'year'], '期间'),
  periodStart: Type.String({ format: 'date' }),
  periodEnd: Type.String({ format: 'date' }),
  light: LightSchema,
  held: Type.Integer(),
  minCount: Type.Integer(),
  ruleId: Type.String(),
  code: Nullable(Type.String()),
  severity: Nullable(Type.String()),
  message: Nullable(Type.String()),
  basis: Type.Array(BasisItem),
  evaluatedOn: Type.String({ format: 'date' }),
});

export const MonthLight = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  light: LightSchema,
  reasons: Type.Array(Type.Object({ obligation: Type.String(), obligationLabel: Type.String(), periodStart: Type.String(), light: LightSchema, message: Nullable(Type.String()) })),
});

/** A branch: its last 12 monthly lights and the obligations of the periods containing the month. */
export const BranchCompliance = Type.Object({
  org: Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String(), typeLabel: Type.String() }),
  month: Type.String({ description: 'YYYY-MM' }),
  light: Nullable(LightSchema),
  lights: Type.Array(MonthLight),
  obligations: Type.Array(ObligationResult),
});

export const GreenRate = Type.Object({
  branches: Type.Integer(),
  green: Type.Integer(),
  yellow: Type.Integer(),
  red: Type.Integer(),
  /** green / branches, 0..1; null when the subtree has no branch. */
  greenRate: Nullable(Type.Number()),
});

/** A supervising organization: the green rate of its subtree, its trend, its child units ranked, its red branches. */
export const ComplianceOverview = Type.Object({
  org: Type.Object({ id: Type.Integer(), name: Type.String(), type: Type.String(), typeLabel: Type.String() }),
  month: Type.String({ description: 'YYYY-MM' }),
  total: GreenRate,
  trend: Type.Array(Type.Intersect([Type.Object({ month: Type.String() }), GreenRate])),
  /** Direct children with branches below them, ranked by green rate (highest first). */
  children: Type.Array(Type.Intersect([Type.Object({ id: Type.Integer(), name: Type.String(), typeLabel: Type.String() }), GreenRate])),
  redBranches: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), parentName: Nullable(Type.String()), reasons: Type.Array(Type.String()) })),
  redBranchesTotal: Type.Integer(),
});

export const ComplianceQuery = Type.Object(
  { orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })), month: Type.Optional(Month('月份')) },
  { additionalProperties: false },
);

/** A branch's calendar: activity days of a year (for the heatmap) and its monthly lights. */
export const BranchCalendar = Type.Object({
  orgId: Type.Integer(),
  year: Type.Integer(),
  days: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), count: Type.Integer(), types: Type.Array(Type.String()) })),
  lights: Type.Array(Type.Object({ month: Type.String(), light: LightSchema })),
});

export const CalendarQuery = Type.Object(
  { orgId: Type.Integer({ minimum: 1, title: '组织' }), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, title: '年份' })) },
  { additionalProperties: false },
);

export const DigestItem = Type.Object({
  kind: Type.String({ description: 'meeting | election | probation | transfer | absence | problem' }),
  code: Type.String(),
  title: Type.String(),
  dueOn: Nullable(Type.String({ format: 'date' })),
  message: Type.String(),
  basis: Type.Array(BasisItem),
});

/** 月提示: what falls due this month for one organization, generated on the month's first working day. */
export const MonthlyDigest = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  month: Type.String({ description: 'YYYY-MM' }),
  generatedAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
  items: Type.Array(DigestItem),
});

export const DigestQuery = Type.Object(
  { orgId: Type.Optional(Type.Integer({ minimum: 1, title: '组织' })), month: Type.Optional(Month('月份')) },
  { additionalProperties: false },
);

/** The digest of the month, or null when it has not been generated yet (本月提示尚未生成). */
export const CurrentDigest = Nullable(MonthlyDigest);

export const DigestReadBody = Type.Object({ orgId: Type.Integer({ minimum: 1, title: '组织' }), month: Month('月份') }, { additionalProperties: false });
