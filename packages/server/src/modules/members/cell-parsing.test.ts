import { describe, expect, it } from 'vitest';
import { MEMBER_CODE_TABLES } from '@dangjian/regulations';
import { cellText, compactText, lookupCodeCell, parseCodeCell, parseDateCell, parseGenderCell, parseIdNumberCell, parsePhoneCell, parseTextCell } from './cell-parsing.js';
import { columnLetter, matchHeader, normalizeHeader } from './roster-columns.js';

const date = (v: unknown) => parseDateCell(v, '入党日期');

describe('dates as people type them', () => {
  it.each([
    ['2019-07-01'],
    ['2019.07.01'],
    ['2019.7.1'],
    ['2019-7-1'],
    ['2019/7/1'],
    ['2019年7月1日'],
    ['2019年07月01日'],
    ['20190701'],
    ['２０１９．０７．０１'],
    ['２０１９年７月１日'],
    [' 2019 - 07 - 01  '],
    ['2019-07-01 00:00:00'],
    ['2019/7/1 0:00'],
    ['2019-07-01T00:00:00.000Z'],
  ])('%j → 2019-07-01', (text) => {
    expect(date(text)).toEqual({ ok: true, value: '2019-07-01' });
  });

  it('reads Excel date cells, serial numbers and yyyymmdd numbers', () => {
    expect(date(new Date(Date.UTC(2019, 6, 1)))).toEqual({ ok: true, value: '2019-07-01' });
    expect(date(43647)).toEqual({ ok: true, value: '2019-07-01' });
    expect(date(43647.5)).toEqual({ ok: true, value: '2019-07-01' });
    expect(date(20190701)).toEqual({ ok: true, value: '2019-07-01' });
    expect(date(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(date(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(date({ formula: 'DATE(2019,7,1)', result: new Date(Date.UTC(2019, 6, 1)) })).toEqual({ ok: true, value: '2019-07-01' });
  });

  it('blank is null, not an error', () => {
    expect(date(null)).toEqual({ ok: true, value: null });
    expect(date(undefined)).toEqual({ ok: true, value: null });
    expect(date('   ')).toEqual({ ok: true, value: null });
    expect(date('\u3000')).toEqual({ ok: true, value: null });
  });

  it('a year and month alone is an error: the roster needs the day', () => {
    for (const v of ['1985.07', '1985.7', '1985-07', '1985年7月', '198507', 1985.07, 1985.1]) {
      const r = date(v);
      expect(r.ok, String(v)).toBe(false);
      if (!r.ok) expect(r.message).toContain('入党日期须精确到日');
    }
    const year = date('1985');
    expect(year.ok).toBe(false);
    if (!year.ok) expect(year.message).toContain('只有年份');
  });

  it('impossible dates and other text are errors naming the field', () => {
    for (const v of ['2019-02-30', '2019.13.01', '20191301', '七月一日', 'N/A', '#N/A']) {
      const r = date(v);
      expect(r.ok, v).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^入党日期/);
    }
    expect(date({ error: '#VALUE!' }).ok).toBe(false);
    expect(date(new Date(Number.NaN)).ok).toBe(false);
  });
});

describe('ID numbers', () => {
  it('keeps text as typed (validated later by the record check)', () => {
    expect(parseIdNumberCell(' 11010519850701001３ ')).toEqual({ ok: true, value: '110105198507010013' });
    expect(parseIdNumberCell('11010519850701003x')).toEqual({ ok: true, value: '11010519850701003x' });
    expect(parseIdNumberCell(null)).toEqual({ ok: true, value: null });
  });

  it('an 18-digit number stored as a number has lost its last digits: an error, never a guess', () => {
    for (const v of [Number('110105198507010013'), 1.1010519850701e17, '1.10105E+17', '1.10105198507010E+17']) {
      const r = parseIdNumberCell(v);
      expect(r.ok, String(v)).toBe(false);
      if (!r.ok) expect(r.message).toBe('公民身份号码被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写');
    }
  });

  it('a 15-digit legacy number fits in a number and is kept whole', () => {
    expect(parseIdNumberCell(110105850701001)).toEqual({ ok: true, value: '110105850701001' });
  });

  it('a masked number (from an export) is refused', () => {
    const r = parseIdNumberCell('110***********0013');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('脱敏');
  });
});

describe('text, phones, genders and codes', () => {
  it('normalizes full-width characters and spaces, and trims', () => {
    expect(cellText('  ＡＢＣ　１２３  ')).toBe('ABC 123');
    expect(cellText({ richText: [{ text: '辽宁' }, { text: '沈阳 ' }] })).toBe('辽宁沈阳');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText(13800138000)).toBe('13800138000');
    expect(cellText(42)).toBe('42');
    expect(compactText(' 王　 伟 ')).toBe('王伟');
    expect(parseTextCell('一'.repeat(51), '职级', 50)).toEqual({ ok: false, message: '职级不能超过 50 个字' });
  });

  it('phones stored as numbers keep their digits', () => {
    expect(parsePhoneCell(13800138000)).toEqual({ ok: true, value: '13800138000' });
    expect(parsePhoneCell('１３８ ００１３ ８０００')).toEqual({ ok: true, value: '138 0013 8000' });
    expect(parsePhoneCell('138****8000').ok).toBe(false);
  });

  it('gender: 男/女, 男性/女性, 1/2', () => {
    for (const v of ['男', '男性', ' 男 ', 1, '1']) expect(parseGenderCell(v)).toEqual({ ok: true, value: 'male' });
    for (const v of ['女', '女性', 2]) expect(parseGenderCell(v)).toEqual({ ok: true, value: 'female' });
    expect(parseGenderCell(null)).toEqual({ ok: true, value: null });
    const r = parseGenderCell('未知');
    expect(r).toEqual({ ok: false, message: '性别「未知」无法识别，应为男或女' });
  });

  it('code tables by code, name, alias and "code name"; a number that lost its leading zero still matches', () => {
    expect(lookupCodeCell('汉族', MEMBER_CODE_TABLES.ethnicity).code).toBe('01');
    expect(lookupCodeCell('01', MEMBER_CODE_TABLES.ethnicity).code).toBe('01');
    expect(lookupCodeCell(1, MEMBER_CODE_TABLES.ethnicity).code).toBe('01');
    expect(lookupCodeCell('01 汉族', MEMBER_CODE_TABLES.ethnicity).code).toBe('01');
    expect(lookupCodeCell('本科', MEMBER_CODE_TABLES.education).code).toBe('21');
    expect(lookupCodeCell('火星族', MEMBER_CODE_TABLES.ethnicity)).toEqual({ text: '火星族', code: undefined });
    expect(parseCodeCell('预备', '人员类别', MEMBER_CODE_TABLES.memberCategory)).toEqual({ ok: true, value: 'probationary' });
    expect(parseCodeCell('正式党员', '人员类别', MEMBER_CODE_TABLES.memberCategory)).toEqual({ ok: true, value: 'full' });
    const status = parseCodeCell('死亡', '党籍状态', MEMBER_CODE_TABLES.memberStatus, ['normal', 'mobile', 'lost_contact', 'suspended']);
    expect(status).toEqual({ ok: false, message: '党籍状态「死亡」在此不能使用，可填：正常、流动、失联、停止党籍' });
    expect(parseCodeCell('开除', '党籍状态', MEMBER_CODE_TABLES.memberStatus).ok).toBe(false);
  });
});

describe('roster headers', () => {
  it('are matched tolerant of spaces, full-width characters, marks and synonyms', () => {
    expect(matchHeader('公民身份号码')?.key).toBe('idNumber');
    expect(matchHeader('身份证号')?.key).toBe('idNumber');
    expect(matchHeader('公民身份证号码')?.key).toBe('idNumber');
    expect(matchHeader('手机号码')?.key).toBe('phone');
    expect(matchHeader(' 姓　名 ')?.key).toBe('name');
    expect(matchHeader('*入党日期（必填）')?.key).toBe('joinedOn');
    expect(matchHeader('出生年月')?.key).toBe('birthDate');
    expect(matchHeader('所在党支部')?.key).toBe('org');
    expect(matchHeader('爱好')).toBeUndefined();
    expect(normalizeHeader('＊联系电话：')).toBe('联系电话');
  });

  it('column letters', () => {
    expect([1, 6, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'F', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
