/**
 * 公民身份号码, GB 11643-1999 (datastd §2.12): 6-digit address code + 8-digit birth date + 3-digit sequence
 * (odd = male, even = female) + a check character (ISO 7064:1983 MOD 11-2). Legacy 15-digit numbers
 * (GB 11643-1989: 6-digit birth date, no check character) are upgraded by inserting "19" and computing the check.
 *
 * Address codes are not looked up in GB/T 2260: they are frozen at issuance and areas are recoded, so a valid
 * number may carry a code that no current list contains. Only the province prefix is checked. No clock: a birth
 * date in the future is not detected; only years before 1900 are rejected.
 */
import { isIsoDate } from '../engine/period.js';
import { labelOf, lookupCode, normalizeText } from './code-table.js';
import { GENDER_CODES } from './gender.js';

export type IdNumberParse =
  | {
      ok: true;
      /** 18 characters, check character `X` upper case. */
      idNumber: string;
      /** YYYY-MM-DD. */
      birthDate: string;
      /** GB/T 2261.1 code: `1` male, `2` female. */
      gender: '1' | '2';
      upgradedFrom15: boolean;
    }
  | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * Province-level prefixes (first two digits): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 台湾, 81 香港, 82 澳门,
 * 83 台湾居民居住证.
 */
const PROVINCES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
    [81, 83],
  ].flatMap(([from, to]) => Array.from({ length: (to as number) - (from as number) + 1 }, (_, i) => String((from as number) + i))),
);

/** The MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new RangeError(`公民身份号码本体码应为17位数字：${JSON.stringify(body17)}`);
  const sum = [...body17].reduce((acc, digit, i) => acc + Number(digit) * (WEIGHTS[i] as number), 0);
  return CHECK_CHARS[sum % 11] as string;
}

/** NFKC, no whitespace, `x` → `X`. */
function normalizeId(input: string): string {
  return normalizeText(input).toUpperCase();
}

/** Validates and normalizes a 公民身份号码 (18 characters, or a legacy 15-digit number, which is upgraded). */
export function parseIdNumber(input: string): IdNumberParse {
  const id = normalizeId(input);
  if (id === '') return { ok: false, message: '公民身份号码不能为空' };
  let body: string;
  let upgradedFrom15 = false;
  if (id.length === 15) {
    if (!/^\d{15}$/.test(id)) return { ok: false, message: '15位公民身份号码应全部为数字' };
    body = `${id.slice(0, 6)}19${id.slice(6)}`;
    upgradedFrom15 = true;
  } else if (id.length === 18) {
    if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '公民身份号码前17位应为数字，最后一位应为数字或X' };
    body = id.slice(0, 17);
  } else {
    return { ok: false, message: '公民身份号码应为18位' };
  }
  const province = body.slice(0, 2);
  if (!PROVINCES.has(province)) return { ok: false, message: `公民身份号码的省级行政区划代码（${province}）无效` };
  const birthDate = `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01') return { ok: false, message: '公民身份号码中的出生日期无效' };
  const check = idCheckChar(body);
  if (!upgradedFrom15 && id[17] !== check) return { ok: false, message: '公民身份号码校验位不正确' };
  return { ok: true, idNumber: body + check, birthDate, gender: Number(body[16]) % 2 === 1 ? '1' : '2', upgradedFrom15 };
}

/**
 * Chinese messages for each way the ID number disagrees with the record's birth date and gender (a gender code
 * `1`/`2`, or anything the gender table accepts, such as 男). Empty when they agree; the parse message when the
 * number itself is invalid. Fields left out are not compared.
 */
export function idNumberAgrees(idNumber: string, record: { birthDate?: string | null; gender?: string | null }): string[] {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) return [parsed.message];
  const messages: string[] = [];
  if (record.birthDate != null && record.birthDate !== parsed.birthDate) {
    messages.push(`公民身份号码中的出生日期（${parsed.birthDate}）与出生日期（${record.birthDate}）不一致`);
  }
  if (record.gender != null) {
    const gender = lookupCode(GENDER_CODES, record.gender)?.code;
    if (gender === undefined) messages.push(`性别（${record.gender}）无法识别`);
    else if (gender !== parsed.gender) {
      messages.push(`公民身份号码中的性别（${labelOf(GENDER_CODES, parsed.gender)}）与性别（${labelOf(GENDER_CODES, gender)}）不一致`);
    }
  }
  return messages;
}

/**
 * The number for display: the first 3 and the last 4 characters, `*` for the rest (`110***********002X`). Shorter
 * inputs reveal less: only the last 4 from 8 characters up, nothing below 8.
 */
export function maskIdNumber(id: string): string {
  const chars = [...normalizeId(id)];
  const n = chars.length;
  if (n >= 15) return chars.slice(0, 3).join('') + '*'.repeat(n - 7) + chars.slice(-4).join('');
  if (n >= 8) return '*'.repeat(n - 4) + chars.slice(-4).join('');
  return '*'.repeat(n);
}
