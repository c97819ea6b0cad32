// The member form (新增党员 / 编辑): its fields, the values from a record, and the body sent to
// POST /members (all fields) or PATCH /members/:id (only what changed). Pure; tested in memberForm.test.ts.
import dayjs, { type Dayjs } from 'dayjs';
import type { Gender, MemberCategory, MemberCreateInput, MemberDetail, MemberInput, MemberUpdateInput } from '../../api/types';
import { labelOf, type CodeTables } from '../../shared/codeTables';
import { textOrNull, toIsoDate } from '../../shared/format';

/** A member's editable fields; their Chinese names come from the server (code table memberFields). */
export const MEMBER_FIELD_KEYS = [
  'name',
  'gender',
  'idNumber',
  'ethnicity',
  'birthDate',
  'nativePlace',
  'education',
  'degree',
  'joinedOn',
  'fullMemberOn',
  'category',
  'jobPosition',
  'position',
  'rank',
  'unitId',
  'phone',
  'standingAdjustmentYears',
] as const satisfies readonly (keyof MemberInput)[];

/** The names of the fields as the server calls them in its messages and the import template. */
export function memberFieldLabels(codes: Pick<CodeTables, 'memberFields'> | undefined): Record<keyof MemberInput, string> {
  return Object.fromEntries(MEMBER_FIELD_KEYS.map((k) => [k, labelOf(codes?.memberFields, k)])) as Record<keyof MemberInput, string>;
}

/** Fields the server may name in an error (formFieldErrors). */
export const MEMBER_FORM_FIELDS = ['orgId', ...MEMBER_FIELD_KEYS] as const;
export type MemberFormField = (typeof MEMBER_FORM_FIELDS)[number];

/** What a member may ask to have corrected (信息更正申请), by its Chinese name; 其他 for anything else. */
export function correctableFields(codes: Pick<CodeTables, 'memberFields'> | undefined): string[] {
  const labels = memberFieldLabels(codes);
  const fields = MEMBER_FIELD_KEYS.filter((k) => k !== 'category' && k !== 'standingAdjustmentYears');
  return [...fields.map((f) => labels[f]), '所在党组织', '其他'];
}

export interface MemberFormValues {
  orgId?: number;
  name?: string;
  gender?: Gender;
  /** Empty when editing: the record only shows the masked number; typed in to replace it. */
  idNumber?: string;
  ethnicity?: string | null;
  birthDate?: Dayjs | null;
  nativePlace?: string;
  education?: string | null;
  degree?: string | null;
  joinedOn?: Dayjs | null;
  fullMemberOn?: Dayjs | null;
  category?: MemberCategory;
  jobPosition?: string | null;
  position?: string;
  rank?: string;
  /** UnitSelect is a multi-select: a member has one 工作单位, so at most one id. */
  unitIds?: number[];
  phone?: string;
  standingAdjustmentYears?: number | null;
}

function day(value: string | null): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** The form's values for a record being edited. ID number and phone start empty (only their masks are known). */
export function memberFormValues(m: MemberDetail): MemberFormValues {
  return {
    orgId: m.orgId,
    name: m.name,
    gender: m.gender,
    idNumber: '',
    ethnicity: m.ethnicity,
    birthDate: day(m.birthDate),
    nativePlace: m.nativePlace ?? '',
    education: m.education,
    degree: m.degree,
    joinedOn: day(m.joinedOn),
    fullMemberOn: day(m.fullMemberOn),
    category: m.category,
    jobPosition: m.jobPosition,
    position: m.position ?? '',
    rank: m.rank ?? '',
    unitIds: m.unit ? [m.unit.id] : [],
    phone: '',
    standingAdjustmentYears: m.standingAdjustmentYears,
  };
}

/** Every field of a record, as POST /members wants it. */
export function memberInputOf(v: MemberFormValues): MemberInput {
  return {
    name: (v.name ?? '').trim(),
    gender: v.gender ?? 'male',
    idNumber: textOrNull(v.idNumber)?.toUpperCase() ?? null,
    ethnicity: v.ethnicity ?? null,
    birthDate: toIsoDate(v.birthDate),
    nativePlace: textOrNull(v.nativePlace),
    education: v.education ?? null,
    degree: v.degree ?? null,
    joinedOn: toIsoDate(v.joinedOn),
    // A probationary member has no 转正日期 (the server refuses one).
    fullMemberOn: v.category === 'probationary' ? null : toIsoDate(v.fullMemberOn),
    category: v.category ?? 'full',
    jobPosition: v.jobPosition ?? null,
    position: textOrNull(v.position),
    rank: textOrNull(v.rank),
    unitId: v.unitIds?.[0] ?? null,
    phone: textOrNull(v.phone),
    standingAdjustmentYears: v.standingAdjustmentYears ?? 0,
  };
}

export function memberCreateBody(v: MemberFormValues): MemberCreateInput {
  return { orgId: v.orgId ?? 0, ...memberInputOf(v) };
}

/**
 * Only what changed, for PATCH /members/:id. ID number and phone are sent only when typed in (empty keeps the
 * recorded one); the org is not changed here (组织关系转接 moves a member).
 */
export function memberPatchOf(m: MemberDetail, v: MemberFormValues): MemberUpdateInput {
  const next = memberInputOf(v);
  const current: MemberInput = {
    name: m.name,
    gender: m.gender,
    idNumber: null,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    nativePlace: m.nativePlace,
    education: m.education,
    degree: m.degree,
    joinedOn: m.joinedOn,
    fullMemberOn: m.fullMemberOn,
    category: m.category,
    jobPosition: m.jobPosition,
    position: m.position,
    rank: m.rank,
    unitId: m.unit?.id ?? null,
    phone: null,
    standingAdjustmentYears: m.standingAdjustmentYears,
  };
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof MemberInput)[]) {
    if (key === 'idNumber' || key === 'phone') {
      if (next[key] !== null) patch[key] = next[key];
      continue;
    }
    if (next[key] !== current[key]) patch[key] = next[key];
  }
  return patch as MemberUpdateInput;
}
