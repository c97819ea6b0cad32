import { describe, expect, it } from 'vitest';
import { entryKeys, labelOf, lookupCode, normalizeText, type CodeTable } from './code-table.js';
import {
  DEGREE_CODES,
  EDUCATION_CODES,
  ETHNICITY_CODES,
  GENDER_CODES,
  JOB_POSITION_CODES,
  MEMBER_CATEGORY_CODES,
  MEMBER_CODE_TABLES,
  MEMBER_STATUS_CODES,
} from './index.js';

const code = (table: CodeTable, input: string) => lookupCode(table, input)?.code;

describe('normalizeText', () => {
  it.each([
    ['  汉 族 ', '汉族'],
    ['汉　族', '汉族'],
    ['０１', '01'],
    ['ＡＢｃ', 'ABc'],
    ['硕士生班（研究生班）', '硕士生班(研究生班)'],
    ['\t01\n汉族\u3000', '01汉族'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('lookupCode', () => {
  it.each([
    [GENDER_CODES, '1', '1'],
    [GENDER_CODES, '男', '1'],
    [GENDER_CODES, '女性', '2'],
    [GENDER_CODES, 'm', '1'],
    [GENDER_CODES, 'F', '2'],
    [GENDER_CODES, '2 女', '2'],
    [GENDER_CODES, '１－男', '1'],
    [ETHNICITY_CODES, '01', '01'],
    [ETHNICITY_CODES, '０１', '01'],
    [ETHNICITY_CODES, '汉族', '01'],
    [ETHNICITY_CODES, '汉　族', '01'],
    [ETHNICITY_CODES, '汉', '01'],
    [ETHNICITY_CODES, '维吾尔', '05'],
    [ETHNICITY_CODES, '蒙古', '02'],
    [ETHNICITY_CODES, '01 汉族', '01'],
    [ETHNICITY_CODES, '01-汉族', '01'],
    [ETHNICITY_CODES, '05 维吾尔', '05'],
    [ETHNICITY_CODES, '崩龙族', '46'],
    [ETHNICITY_CODES, '德昂族', '46'],
    [ETHNICITY_CODES, '毛难族', '36'],
    [ETHNICITY_CODES, '毛南族', '36'],
    [ETHNICITY_CODES, '柯尔克孜族', '29'],
    [ETHNICITY_CODES, '土族', '30'],
    [ETHNICITY_CODES, '土家', '15'],
    [ETHNICITY_CODES, '基诺族', '56'],
    [ETHNICITY_CODES, '其他', '97'],
    [ETHNICITY_CODES, '外国血统中国籍人士', '98'],
    [EDUCATION_CODES, '博士', '11'],
    [EDUCATION_CODES, '硕士', '14'],
    [EDUCATION_CODES, '研究生班', '17'],
    [EDUCATION_CODES, '硕士生班（研究生班）', '17'],
    [EDUCATION_CODES, '1a', '1A'],
    [EDUCATION_CODES, '省（区、市）委党校研究生', '1B'],
    [EDUCATION_CODES, '本科', '21'],
    [EDUCATION_CODES, '大学本科', '21'],
    [EDUCATION_CODES, '大本', '21'],
    [EDUCATION_CODES, '专科', '22'],
    [EDUCATION_CODES, '大学专科', '22'],
    [EDUCATION_CODES, '中专', '41'],
    [EDUCATION_CODES, '高中', '6'],
    [EDUCATION_CODES, '6 普通高中', '6'],
    [EDUCATION_CODES, '初中毕业', '7'],
    [EDUCATION_CODES, '2D 省(区、市)委党校大专', '2D'],
    [DEGREE_CODES, '博士学位', '2'],
    [DEGREE_CODES, '硕士学位', '3'],
    [DEGREE_CODES, '学士学位', '4'],
    [DEGREE_CODES, '名誉博士', '1'],
    [JOB_POSITION_CODES, '公务员', '01'],
    [JOB_POSITION_CODES, '02 参照公务员法管理的工作人员', '02'],
    [JOB_POSITION_CODES, '(转业)待安置、学生毕业未就业的人员', '42'],
    [JOB_POSITION_CODES, '其他无业人员', '49'],
    [MEMBER_CATEGORY_CODES, '正式', 'full'],
    [MEMBER_CATEGORY_CODES, '预备党员', 'probationary'],
    [MEMBER_STATUS_CODES, '流动党员', 'mobile'],
    [MEMBER_STATUS_CODES, '失联党员', 'lost_contact'],
    [MEMBER_STATUS_CODES, 'transferred_out', 'transferred_out'],
  ] as const)('%#: %s %j → %s', (table, input, expected) => {
    expect(code(table, input)).toBe(expected);
  });

  it.each([
    [GENDER_CODES, '0'],
    [GENDER_CODES, '9'],
    [GENDER_CODES, '未知'],
    [ETHNICITY_CODES, '1'],
    [ETHNICITY_CODES, '57'],
    [ETHNICITY_CODES, '99'],
    [ETHNICITY_CODES, '火星族'],
    [ETHNICITY_CODES, '01 蒙古族'],
    [ETHNICITY_CODES, '01-'],
    [ETHNICITY_CODES, ''],
    [ETHNICITY_CODES, '　'],
    [EDUCATION_CODES, '研究生'],
    [EDUCATION_CODES, '22 大学'],
    [DEGREE_CODES, '5'],
    [MEMBER_STATUS_CODES, '在册'],
  ] as const)('%#: %s %j → undefined', (table, input) => {
    expect(lookupCode(table, input)).toBeUndefined();
  });
});

describe('labelOf', () => {
  it('gives the label of a stored code, and undefined otherwise', () => {
    expect(labelOf(ETHNICITY_CODES, '46')).toBe('德昂族');
    expect(labelOf(EDUCATION_CODES, '2B')).toBe('省(区、市)委党校大学');
    expect(labelOf(GENDER_CODES, '2')).toBe('女');
    expect(labelOf(GENDER_CODES, '0')).toBeUndefined();
  });
});

describe('the tables', () => {
  const tables = Object.entries(MEMBER_CODE_TABLES);

  it('are keyed by their own ids', () => {
    for (const [id, table] of tables) expect(table.id).toBe(id);
  });

  it.each(tables)('%s: codes, labels and aliases are unique, and no alias shadows another entry', (_, table: CodeTable) => {
    const keys = table.entries.flatMap((e) => entryKeys(e).map((key) => [key, e.code] as const));
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [key, owner] of keys) {
      const previous = seen.get(key);
      if (previous !== undefined) clashes.push(`${key}（${previous} / ${owner}）`);
      seen.set(key, owner);
    }
    expect(clashes).toEqual([]);
  });

  it.each(tables)('%s: every code, label and alias looks up its own entry', (_, table: CodeTable) => {
    for (const entry of table.entries) {
      for (const input of [entry.code, entry.label, ...(entry.aliases ?? []), `${entry.code} ${entry.label}`, `${entry.code}-${entry.label}`]) {
        expect(lookupCode(table, input)?.code, input).toBe(entry.code);
      }
    }
  });

  it('have the sizes of their sources', () => {
    expect(GENDER_CODES.entries.map((e) => e.code)).toEqual(['1', '2']);
    expect(ETHNICITY_CODES.entries).toHaveLength(58);
    expect(ETHNICITY_CODES.entries.slice(0, 56).map((e) => e.code)).toEqual(Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(EDUCATION_CODES.entries.map((e) => e.code)).toEqual([
      '11', '14', '17', '1A', '1B', '21', '22', '23', '24', '2A', '2B', '2C', '2D', '41', '44', '47', '6', '7', '8', '9',
    ]);
    expect(JOB_POSITION_CODES.entries).toHaveLength(49);
    expect(JOB_POSITION_CODES.entries.map((e) => e.code)).toEqual(Array.from({ length: 49 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(MEMBER_STATUS_CODES.entries.map((e) => e.code)).toEqual(['normal', 'mobile', 'lost_contact', 'suspended', 'expelled', 'deceased', 'transferred_out']);
  });

  it('say where the codes are unverified or the project chose them', () => {
    expect(EDUCATION_CODES.note).toMatch(/11、14、17/);
    expect(DEGREE_CODES.note).toMatch(/未核实/);
    expect(JOB_POSITION_CODES.note).toMatch(/本项目/);
  });
});
