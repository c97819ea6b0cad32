/**
 * One member record checked as a whole, the same way for the form (POST/PATCH /members) and for the Excel
 * import: codes must exist in the national code tables, the ID number must be valid (GB 11643) and agree with
 * the birth date and gender, dates must come in order, and the category must match the 转正 date. Pure: no
 * database, no clock (today is passed in). Errors name the field in Chinese, so the import can add the row
 * and column.
 */
import { GENDER_LABELS } from './members.schemas.js';
import { idNumberAgrees, lookupCode, MEMBER_CODE_TABLES, parseIdNumber, parsePhone, type CodeTable } from '@dangjian/regulations';

export interface MemberRecordInput {
  name: string;
  gender: 'male' | 'female';
  idNumber: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  nativePlace: string | null;
  education: string | null;
  degree: string | null;
  joinedOn: string | null;
  fullMemberOn: string | null;
  category: 'full' | 'probationary';
  jobPosition: string | null;
  position: string | null;
  rank: string | null;
  unitId: number | null;
  phone: string | null;
  standingAdjustmentYears?: number;
}

/** The checked record: codes canonical, ID number and phone normalized (still in clear: encrypt before storing). */
export type MemberRecord = MemberRecordInput & { standingAdjustmentYears: number };

export type MemberField = keyof MemberRecordInput;

export const MEMBER_FIELD_LABELS: Record<MemberField, string> = {
  name: '姓名',
  gender: '性别',
  idNumber: '公民身份号码',
  ethnicity: '民族',
  birthDate: '出生日期',
  nativePlace: '籍贯',
  education: '学历',
  degree: '学位',
  joinedOn: '入党日期',
  fullMemberOn: '转正日期',
  category: '人员类别',
  jobPosition: '工作岗位',
  position: '工作单位职务',
  rank: '职级',
  unitId: '工作单位',
  phone: '联系电话',
  standingAdjustmentYears: '党龄校正值',
};

export interface FieldError {
  field: MemberField;
  message: string;
}

export type CheckResult = { ok: true; record: MemberRecord } | { ok: false; errors: FieldError[] };

const CODED_FIELDS: readonly [MemberField, CodeTable][] = [
  ['ethnicity', MEMBER_CODE_TABLES.ethnicity],
  ['education', MEMBER_CODE_TABLES.education],
  ['degree', MEMBER_CODE_TABLES.degree],
  ['jobPosition', MEMBER_CODE_TABLES.jobPosition],
];

const GENDER_BY_ID_CODE = { '1': 'male', '2': 'female' } as const;

function trimmedOrNull(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

export function checkMemberRecord(input: MemberRecordInput, today: string): CheckResult {
  const errors: FieldError[] = [];
  const fail = (field: MemberField, message: string) => errors.push({ field, message });
  const record: MemberRecord = {
    ...input,
    name: input.name.trim(),
    nativePlace: trimmedOrNull(input.nativePlace),
    position: trimmedOrNull(input.position),
    rank: trimmedOrNull(input.rank),
    standingAdjustmentYears: input.standingAdjustmentYears ?? 0,
  };
  if (!record.name) fail('name', '姓名不能为空');

  for (const [field, table] of CODED_FIELDS) {
    const raw = trimmedOrNull(input[field] as string | null);
    if (raw === null) {
      (record as unknown as Record<string, unknown>)[field] = null;
      continue;
    }
    const entry = lookupCode(table, raw);
    if (entry) (record as unknown as Record<string, unknown>)[field] = entry.code;
    else fail(field, `${MEMBER_FIELD_LABELS[field]}“${raw}”不在《${table.title}》代码表中`);
  }

  const idRaw = trimmedOrNull(input.idNumber);
  record.idNumber = null;
  if (idRaw !== null) {
    const parsed = parseIdNumber(idRaw);
    if (!parsed.ok) fail('idNumber', parsed.message);
    else {
      record.idNumber = parsed.idNumber;
      if (record.birthDate === null) record.birthDate = parsed.birthDate;
      for (const message of idNumberAgrees(parsed.idNumber, { birthDate: record.birthDate ?? undefined, gender: record.gender === 'male' ? '1' : '2' })) {
        fail('idNumber', message);
      }
      if (GENDER_BY_ID_CODE[parsed.gender] !== record.gender && errors.every((e) => e.field !== 'idNumber')) {
        fail('gender', `性别（${GENDER_LABELS[record.gender]}）与公民身份号码不一致`);
      }
    }
  }

  const phoneRaw = trimmedOrNull(input.phone);
  record.phone = null;
  if (phoneRaw !== null) {
    const parsed = parsePhone(phoneRaw);
    if (!parsed.ok) fail('phone', parsed.message);
    else record.phone = parsed.phone;
  }

  const { birthDate, joinedOn, fullMemberOn, category } = record;
  if (birthDate && birthDate > today) fail('birthDate', `出生日期 ${birthDate} 晚于今天`);
  if (joinedOn && joinedOn > today) fail('joinedOn', `入党日期 ${joinedOn} 晚于今天`);
  if (fullMemberOn && fullMemberOn > today) fail('fullMemberOn', `转正日期 ${fullMemberOn} 晚于今天`);
  if (birthDate && joinedOn) {
    const age = Number(joinedOn.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (joinedOn.slice(5) < birthDate.slice(5) ? 1 : 0);
    // 党章第一条: 年满十八岁.
    if (age < 18) fail('joinedOn', `入党日期 ${joinedOn} 时未满十八周岁（出生日期 ${birthDate}），不符合党章第一条`);
  }
  if (joinedOn && fullMemberOn && fullMemberOn <= joinedOn) fail('fullMemberOn', `转正日期 ${fullMemberOn} 应晚于入党日期 ${joinedOn}`);
  if (category === 'probationary' && fullMemberOn) fail('fullMemberOn', '预备党员不应有转正日期');
  if (category === 'full' && joinedOn && !fullMemberOn) fail('fullMemberOn', '正式党员应填写转正日期');
  if (!joinedOn) fail('joinedOn', '入党日期不能为空');

  return errors.length > 0 ? { ok: false, errors } : { ok: true, record };
}
