import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, idNumberAgrees, maskIdNumber, parseIdNumber } from './id-number.js';

/** ISO 7064 MOD 11-2, written out independently of id-number.ts. */
function checkOf(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * (weights[i] ?? 0);
  return '10X98765432'.charAt(sum % 11);
}

const province = fc.constantFrom('11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82', '83');
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** Birth dates 1900-01-01 … 2099-12-31 as YYYYMMDD, built with the UTC calendar. */
const birth = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''));
const body17 = fc.tuple(province, digits(4), birth, digits(3)).map((parts) => parts.join(''));
const validId = body17.map((body) => body + checkOf(body));

describe('parseIdNumber', () => {
  it('accepts the worked example of the standard', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '2', upgradedFrom15: false });
  });

  it('normalizes full-width characters, spaces and a lower-case x', () => {
    expect(parseIdNumber(' 110105 19491231 002x ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('reads the gender from the 17th digit', () => {
    const body = '32010219800501001';
    expect(parseIdNumber(body + checkOf(body))).toMatchObject({ ok: true, birthDate: '1980-05-01', gender: '1' });
  });

  it('upgrades a legacy 15-digit number', () => {
    // 110105 491231 002 → 110105 19491231 002 + check
    expect(parseIdNumber('110105491231002')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '2', upgradedFrom15: true });
  });

  it('does not reject an address code missing from the current GB/T 2260 list', () => {
    const body = '11999919800101001';
    expect(parseIdNumber(body + checkOf(body)).ok).toBe(true);
  });

  it.each([
    ['', '公民身份号码不能为空'],
    ['1101051949123100', '公民身份号码应为18位'],
    ['11010519491231002XX', '公民身份号码应为18位'],
    ['11010519491231002Y', '公民身份号码前17位应为数字，最后一位应为数字或X'],
    ['1101051949123A002X', '公民身份号码前17位应为数字，最后一位应为数字或X'],
    ['11010549123100X', '15位公民身份号码应全部为数字'],
    ['11010519491231002Ｘ'.replace('Ｘ', '1'), '公民身份号码校验位不正确'],
    ['99010519491231002X', '公民身份号码的省级行政区划代码（99）无效'],
    ['10010519491231002X', '公民身份号码的省级行政区划代码（10）无效'],
  ])('%j → %s', (input, message) => {
    expect(parseIdNumber(input)).toEqual({ ok: false, message });
  });

  it.each(['19000229', '20230229', '19491331', '19490001', '18991231'])('rejects the birth date %s', (date) => {
    const body = `110105${date}002`;
    expect(parseIdNumber(body + checkOf(body))).toEqual({ ok: false, message: '公民身份号码中的出生日期无效' });
  });

  it('accepts 29 February of a leap year', () => {
    const body = '11010520000229002';
    expect(parseIdNumber(body + checkOf(body))).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('accepts any valid body with its computed check character', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const parsed = parseIdNumber(id);
        expect(parsed).toMatchObject({ ok: true, idNumber: id, upgradedFrom15: false });
        if (parsed.ok) expect(parsed.birthDate.replace(/-/g, '')).toBe(id.slice(6, 14));
      }),
    );
  });

  it('rejects a valid number with any one character changed', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, position, shift) => {
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id.charAt(position));
        const replacement = alphabet.charAt((current + shift) % alphabet.length);
        fc.pre(replacement !== id.charAt(position));
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(parseIdNumber(changed).ok).toBe(false);
      }),
    );
  });

  it('computes the same check character as an independent implementation', () => {
    fc.assert(
      fc.property(body17, (body) => {
        expect(idCheckChar(body)).toBe(checkOf(body));
      }),
    );
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
  });
});

describe('idNumberAgrees', () => {
  const id = '11010519491231002X';

  it('is empty when birth date and gender agree, or are not given', () => {
    expect(idNumberAgrees(id, { birthDate: '1949-12-31', gender: '2' })).toEqual([]);
    expect(idNumberAgrees(id, { gender: '女' })).toEqual([]);
    expect(idNumberAgrees(id, {})).toEqual([]);
    expect(idNumberAgrees(id, { birthDate: null, gender: null })).toEqual([]);
  });

  it('lists each disagreement in Chinese', () => {
    const body = '32010219800501001';
    expect(idNumberAgrees(body + checkOf(body), { birthDate: '1980-06-01', gender: '2' })).toEqual([
      '公民身份号码中的出生日期（1980-05-01）与出生日期（1980-06-01）不一致',
      '公民身份号码中的性别（男）与性别（女）不一致',
    ]);
  });

  it('reports an unreadable gender and an invalid number', () => {
    expect(idNumberAgrees(id, { gender: '0' })).toEqual(['性别（0）无法识别']);
    expect(idNumberAgrees('11010519491231002', { gender: '1' })).toEqual(['公民身份号码应为18位']);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
  });

  it('reveals less of shorter inputs', () => {
    expect(maskIdNumber('12345678')).toBe('****5678');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });

  it('never reveals more than 7 characters', () => {
    fc.assert(
      fc.property(fc.oneof(validId, fc.string(), fc.string({ unit: fc.constantFrom('0', '1', '9', 'X', 'x', ' ', '＊') })), (input) => {
        expect([...maskIdNumber(input)].filter((c) => c !== '*').length).toBeLessThanOrEqual(7);
      }),
    );
  });
});
