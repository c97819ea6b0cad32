/**
 * 联系电话 (datastd §1.3 item 13): an 11-digit mainland mobile number, or a landline with its area code. Pure.
 */
import { normalizeText } from './code-table.js';

export type PhoneParse = { ok: true; phone: string; kind: 'mobile' | 'landline' } | { ok: false; message: string };

const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const LANDLINE = /^(0\d{2,3})-?(\d{7,8})$/;

/**
 * A mobile number (`13800138000`, also written `+86 138-0013-8000` or `86 13800138000`) comes back as its 11 digits;
 * a landline (`010-12345678`, `0755 1234567`) as `area-number`. Area codes 010 and 02x have three digits, all
 * others four, which splits a landline written without a separator.
 */
export function parsePhone(input: string): PhoneParse {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, message: '联系电话不能为空' };
  const digits = normalizeText(text).replace(/-/g, '');
  const mobile = MOBILE.exec(digits);
  if (mobile) return { ok: true, phone: mobile[1] as string, kind: 'mobile' };
  // A landline keeps the separator its writer chose between area code and number.
  const compact = text.replace(/[\s-]+/gu, '-');
  const separated = LANDLINE.exec(compact);
  if (separated && compact.includes('-')) return { ok: true, phone: `${separated[1]}-${separated[2]}`, kind: 'landline' };
  if (/^0\d{9,11}$/.test(compact)) {
    const areaLength = /^0[12]/.test(compact) ? 3 : 4;
    const [area, number] = [compact.slice(0, areaLength), compact.slice(areaLength)];
    if (/^\d{7,8}$/.test(number)) return { ok: true, phone: `${area}-${number}`, kind: 'landline' };
  }
  return { ok: false, message: '联系电话格式不正确：应为11位手机号码，或带区号的固定电话（如 010-12345678）' };
}

/**
 * The number for display: a mobile as `138****1234`; a landline with only its last 4 digits shown (`***-****5678`);
 * anything else with only its last 4 digits shown, and nothing shown when it has 4 digits or fewer.
 */
export function maskPhone(p: string): string {
  const parsed = parsePhone(p);
  if (parsed.ok && parsed.kind === 'mobile') return `${parsed.phone.slice(0, 3)}****${parsed.phone.slice(-4)}`;
  const text = parsed.ok ? parsed.phone : normalizeText(p);
  const chars = [...text];
  const digitCount = chars.filter((c) => /\d/.test(c)).length;
  let digitsSeen = 0;
  return chars
    .map((c) => {
      if (c === '-' && parsed.ok) return c;
      if (!/\d/.test(c)) return '*';
      digitsSeen += 1;
      return digitCount > 4 && digitsSeen > digitCount - 4 ? c : '*';
    })
    .join('');
}
