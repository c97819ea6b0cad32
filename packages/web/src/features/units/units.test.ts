import { describe, expect, it } from 'vitest';
import {
  adminLevelLabel,
  adminLevelOptions,
  creditCodeProblem,
  isValidCreditCode,
  leadingBodyLabel,
  leadingBodyOptions,
  normalizeCreditCode,
  orgLink,
  unitChanges,
  unitDisplayName,
  unitFormValues,
  unitInput,
  type UnitCodeTables,
} from './units';

// A slice of GET /api/meta/code-tables (packages/server/src/modules/meta/meta.routes.ts).
const tables = {
  orgTypes: [],
  orgStatuses: [],
  roles: [],
  memberCategories: [],
  memberStatuses: [],
  genders: [],
  unitAdminLevels: [
    { code: 'provincial', label: '省级' },
    { code: 'prefecture', label: '市（地）级' },
    { code: 'county', label: '县级' },
  ],
  unitLeadingBodies: [
    { code: 'leading_party_group', label: '党组' },
    { code: 'party_committee', label: '党委' },
    { code: 'none', label: '未设党组（党委）' },
  ],
} satisfies UnitCodeTables;

const unit = {
  id: 3,
  name: '某某省财政厅',
  shortName: '财政厅',
  adminLevel: 'provincial',
  leadingBody: 'leading_party_group',
  hasDisciplineCommission: true,
  creditCode: '113300000024821504',
  managingOrg: { id: 12, name: '中共某某省财政厅机关委员会' },
  orgCount: 4,
  editable: true,
};

describe('credit codes', () => {
  it('accepts the 18 characters of GB 32100, as the server does', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('113300000024821504')).toBe(true);
  });

  it('normalizes case and blanks, and takes no code as valid (the field is optional)', () => {
    expect(normalizeCreditCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('   ')).toBeNull();
    expect(normalizeCreditCode(undefined)).toBeNull();
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(isValidCreditCode('')).toBe(true);
    expect(isValidCreditCode(null)).toBe(true);
  });

  it('rejects I, O, Z, S, V, letters in the region code, and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100O000100Y43')).toBe(false);
    expect(isValidCreditCode('9135010AM000100Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
  });

  it('says what is wrong: the length first, then the characters', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('')).toBeNull();
    expect(creditCodeProblem('9135')).toBe('统一社会信用代码应为 18 位（已输入 4 位）');
    expect(creditCodeProblem('91350100M000100S43')).toContain('不含 I、O、Z、S、V');
  });
});

describe('labels', () => {
  it('reads 行政级别 and 领导机构 from the code tables', () => {
    expect(adminLevelLabel(tables, 'prefecture')).toBe('市（地）级');
    expect(leadingBodyLabel(tables, 'party_committee')).toBe('党委');
    expect(adminLevelOptions(tables).map((o) => o.value)).toEqual(['provincial', 'prefecture', 'county']);
    expect(leadingBodyOptions(tables)[0]).toEqual({ value: 'leading_party_group', label: '党组' });
  });

  it('shows the code while the tables (or an older server) do not know it', () => {
    expect(adminLevelLabel(undefined, 'county')).toBe('county');
    expect(leadingBodyLabel({ ...tables, unitLeadingBodies: undefined }, 'none')).toBe('none');
    expect(leadingBodyOptions(undefined)).toEqual([]);
  });

  it('names a unit with its short name when it differs', () => {
    expect(unitDisplayName(unit)).toBe('某某省财政厅（财政厅）');
    expect(unitDisplayName({ name: '财政厅', shortName: '财政厅' })).toBe('财政厅');
    expect(unitDisplayName({ name: '财政厅', shortName: null })).toBe('财政厅');
  });

  it('links an org as the org page selects it', () => {
    expect(orgLink(42)).toBe('/orgs?id=42');
  });
});

describe('form bodies', () => {
  it('trims, turns blanks to null and upper-cases the credit code', () => {
    expect(
      unitInput({
        name: '  某某市发展和改革委员会 ',
        shortName: '  ',
        adminLevel: 'prefecture',
        leadingBody: 'party_committee',
        creditCode: '11330100a',
        managingOrgId: 7,
      }),
    ).toEqual({
      name: '某某市发展和改革委员会',
      shortName: null,
      adminLevel: 'prefecture',
      leadingBody: 'party_committee',
      hasDisciplineCommission: false,
      creditCode: '11330100A',
      managingOrgId: 7,
    });
  });

  it('sends only what changed', () => {
    const same = unitInput(unitFormValues(unit) as Parameters<typeof unitInput>[0]);
    expect(unitChanges(unit, same)).toEqual({});
    expect(unitChanges(unit, { ...same, shortName: null, hasDisciplineCommission: false, managingOrgId: 13 })).toEqual({
      shortName: null,
      hasDisciplineCommission: false,
      managingOrgId: 13,
    });
  });

  it('edits a unit with no short name or code as empty inputs', () => {
    const values = unitFormValues({ ...unit, shortName: null, creditCode: null, managingOrg: null });
    expect(values).toMatchObject({ shortName: '', creditCode: '' });
    expect(values).not.toHaveProperty('managingOrgId');
  });
});
