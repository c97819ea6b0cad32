import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { MemberDetail } from '../../api/types';
import { correctableFields, MEMBER_FORM_FIELDS, memberCreateBody, memberFormValues, memberPatchOf } from './memberForm';

const member: MemberDetail = {
  id: 5,
  name: '张三',
  gender: 'male',
  ethnicity: '01',
  education: '21',
  birthDate: '1985-03-02',
  joinedOn: '2008-06-20',
  fullMemberOn: '2009-06-20',
  category: 'full',
  status: 'normal',
  orgId: 9,
  orgName: '综合处党支部',
  position: '科员',
  phoneMasked: '138****1234',
  probationEndsOn: null,
  inHardship: false,
  idNumberMasked: '110****1234',
  nativePlace: '山东济南',
  degree: null,
  jobPosition: null,
  rank: null,
  unit: { id: 3, name: '省统计局' },
  standingAdjustmentYears: 0,
  standingYears: 16,
  probationExtensionMonths: 0,
  hardshipNote: null,
  leftOn: null,
  orgPath: [],
  findings: [],
  pendingTransferId: null,
};

describe('member form', () => {
  it('sends nothing when nothing changed, and never the masked ID number or phone', () => {
    expect(memberPatchOf(member, memberFormValues(member))).toEqual({});
  });

  it('sends only what changed, trimmed, and empty text as null', () => {
    const v = { ...memberFormValues(member), name: ' 张三丰 ', position: '  ', unitIds: [] };
    expect(memberPatchOf(member, v)).toEqual({ name: '张三丰', position: null, unitId: null });
  });

  it('sends a new ID number (upper-case X) or phone when one is typed in', () => {
    const v = { ...memberFormValues(member), idNumber: '11010519491231002x', phone: '13900001111' };
    expect(memberPatchOf(member, v)).toEqual({ idNumber: '11010519491231002X', phone: '13900001111' });
  });

  it('builds the whole create body, dates as YYYY-MM-DD and no 转正日期 for a probationary member', () => {
    const body = memberCreateBody({
      orgId: 9,
      name: '李四',
      gender: 'female',
      category: 'probationary',
      joinedOn: dayjs('2026-01-15'),
      fullMemberOn: dayjs('2026-05-01'),
      unitIds: [3],
    });
    expect(body).toMatchObject({ orgId: 9, name: '李四', gender: 'female', category: 'probationary', joinedOn: '2026-01-15', fullMemberOn: null, unitId: 3, idNumber: null, standingAdjustmentYears: 0 });
  });

  it('names every field the server may report, and offers 其他 for corrections', () => {
    expect(MEMBER_FORM_FIELDS).toContain('orgId');
    expect(MEMBER_FORM_FIELDS).toContain('idNumber');
    const fields = correctableFields({ memberFields: [{ code: 'idNumber', label: '公民身份号码' }] });
    expect(fields).toContain('公民身份号码');
    expect(fields.at(-1)).toBe('其他');
  });
});
