/**
 * Tolerant reading of spreadsheet cells, as people fill them in: Excel date serials and date cells, dates typed
 * as text in the usual Chinese ways (2019.07.01, 2019.7.1, 2019/7/1, 2019年7月1日, 20190701), full-width digits
 * and spaces, numbers stored as numbers, code-table values by code, name or alias. Pure: no I/O, no clock.
 * Messages are Chinese and name the field.
 */
import { isIsoDate, lookupCode, MEMBER_CODE_TABLES, type CodeTable } from '@dangjian/regulations';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** The value under a formula, rich text or hyperlink, as exceljs gives it. */
function underlying(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if ('result' in v) return underlying(v.result);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
  if ('text' in v) return underlying(v.text);
  if ('error' in v) return String(v.error);
  return null;
}

/** Numbers as Excel shows them in a General cell (no exponent for integers up to 15 digits). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n);
}

/**
 * The cell as text: NFKC (full-width digits, letters and spaces become half-width), runs of whitespace collapsed,
 * trimmed; null when blank. Dates become YYYY-MM-DD, numbers their digits.
 */
export function cellText(value: unknown): string | null {
  const v = underlying(value);
  if (v === null || v === undefined) return null;
  let text: string;
  if (v instanceof Date) text = Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  else if (typeof v === 'number') text = Number.isFinite(v) ? numberText(v) : '';
  else if (typeof v === 'boolean') text = v ? '是' : '否';
  else text = String(v);
  const normalized = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  return normalized === '' ? null : normalized;
}

/** Text with every whitespace removed (names: 「王  伟」 padded to align with three-character names is 王伟). */
export function compactText(value: unknown): string | null {
  const t = cellText(value);
  return t === null ? null : t.replace(/\s+/gu, '');
}

/** Free text of at most `maxLength` characters. */
export function parseTextCell(value: unknown, label: string, maxLength: number): CellResult<string | null> {
  const t = cellText(value);
  if (t !== null && [...t].length > maxLength) return bad(`${label}不能超过 ${maxLength} 个字`);
  return ok(t);
}

const pad2 = (n: number | string) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system is 1899-12-31, and it counts a 29 February 1900 that never was. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const LAST_SERIAL = 73_050; // 2099-12-31

function dateFromSerial(serial: number): string {
  const day = Math.floor(serial);
  // Serials before 61 come before the phantom 1900-02-29, so they are one day later than the epoch suggests.
  const ms = EXCEL_EPOCH_MS + (day < 61 ? day + 1 : day) * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

function checkedDate(label: string, raw: string, y: string, m: string, d: string): CellResult<string> {
  const iso = `${y}-${pad2(m)}-${pad2(d)}`;
  if (!isIsoDate(iso)) return bad(`${label}「${raw}」不是有效日期（${iso} 不存在）`);
  if (iso < '1900-01-01' || iso > '2099-12-31') return bad(`${label}「${raw}」超出合理范围`);
  return ok(iso);
}

const monthOnly = (label: string, raw: string) => bad<string | null>(`${label}须精确到日：「${raw}」只有年月，请填写如 1985-07-01`);

/**
 * A date to the day, as an ISO string. Accepts date cells, Excel serial numbers, 20190701 (number or text), and
 * text with `-`, `.`, `/` or 年月日 between year, month and day (month and day with or without a leading zero),
 * with or without a time after it. A year and month alone (1985.07, 1985年7月, or the number 1985.07) is an error:
 * the roster needs the day.
 */
export function parseDateCell(value: unknown, label: string): CellResult<string | null> {
  const v = underlying(value);
  if (v === null || v === undefined) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad(`${label}不是有效日期`);
    const iso = v.toISOString().slice(0, 10);
    return checkedDate(label, iso, iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10));
  }
  if (typeof v === 'number') {
    const raw = numberText(v);
    if (Number.isInteger(v) && v >= 19_000_101 && v <= 20_991_231) return checkedDate(label, raw, raw.slice(0, 4), raw.slice(4, 6), raw.slice(6, 8));
    // 1985 or 1985.07 typed into a General cell: a year, or a year and month.
    if (v >= 1900 && v < 2100) return Number.isInteger(v) ? bad(`${label}须精确到日：「${raw}」只有年份，请填写如 1985-07-01`) : monthOnly(label, raw);
    if (v >= 1 && v <= LAST_SERIAL) return ok(dateFromSerial(v));
    return bad(`${label}「${raw}」不是有效日期，请填写如 2019-07-01`);
  }
  const raw = cellText(v);
  if (raw === null) return ok(null);
  // A time after the date (2019-07-01 00:00:00, 2019/7/1 0:00) is dropped; then spaces do not matter.
  const t = raw.replace(/(?:T|\s)+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$/u, '').replace(/\s+/gu, '');
  const full = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/u.exec(t);
  if (full) return checkedDate(label, raw, full[1]!, full[2]!, full[3]!);
  const compact = /^(\d{4})(\d{2})(\d{2})$/u.exec(t);
  if (compact) return checkedDate(label, raw, compact[1]!, compact[2]!, compact[3]!);
  if (/^\d{4}[-./年]\d{1,2}月?$/u.test(t) || /^\d{6}$/u.test(t)) return monthOnly(label, raw);
  if (/^\d{4}年?$/u.test(t)) return bad(`${label}须精确到日：「${raw}」只有年份，请填写如 1985-07-01`);
  return bad(`${label}「${raw}」不是有效日期，请填写如 2019-07-01`);
}

const ID_AS_NUMBER = '公民身份号码被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写';

/**
 * The 公民身份号码 as text (validated later by the member record check). Excel keeps only 15 significant digits of a
 * number, so an 18-digit number stored as a number has lost its last digits: that is an error, not a guess.
 */
export function parseIdNumberCell(value: unknown): CellResult<string | null> {
  const v = underlying(value);
  if (v === null || v === undefined) return ok(null);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('公民身份号码无效');
    if (Math.abs(v) >= 1e15 || !Number.isInteger(v)) return bad(ID_AS_NUMBER);
    return ok(numberText(v));
  }
  const t = cellText(v);
  if (t === null) return ok(null);
  if (/^\d(?:\.\d+)?E\+?\d+$/iu.test(t.replace(/\s+/gu, ''))) return bad(ID_AS_NUMBER);
  if (t.includes('*')) return bad('公民身份号码含“*”，是脱敏后的号码（导出的花名册不能直接导入），请填写完整号码');
  return ok(t);
}

/** A phone number as text (validated later by the member record check); numbers keep all their digits. */
export function parsePhoneCell(value: unknown): CellResult<string | null> {
  const v = underlying(value);
  if (typeof v === 'number' && (!Number.isInteger(v) || Math.abs(v) >= 1e15)) return bad('联系电话被 Excel 存成了数字且位数有误，请将该列设为文本后重新填写');
  const t = cellText(v);
  if (t !== null && t.includes('*')) return bad('联系电话含“*”，是脱敏后的号码，请填写完整号码');
  return ok(t);
}

/**
 * The code of a cell in `table` (by code, name, alias or "code name"); a number also matches a code that Excel
 * stripped of its leading zero (1 → 01). Null when blank; undefined code when nothing matches.
 */
export function lookupCodeCell(value: unknown, table: CodeTable): { text: string | null; code: string | undefined } {
  const v = underlying(value);
  const text = cellText(v);
  if (text === null) return { text: null, code: undefined };
  let code = lookupCode(table, text)?.code;
  if (code === undefined && typeof v === 'number' && Number.isInteger(v)) code = lookupCode(table, pad2(text))?.code;
  return { text, code };
}

/** A code-table value that must match: the code, or an error listing the accepted names. */
export function parseCodeCell(value: unknown, label: string, table: CodeTable, accepted?: readonly string[]): CellResult<string | null> {
  const { text, code } = lookupCodeCell(value, table);
  if (text === null) return ok(null);
  const allowed = accepted ?? table.entries.map((e) => e.code);
  if (code !== undefined && allowed.includes(code)) return ok(code);
  const names = table.entries.filter((e) => allowed.includes(e.code)).map((e) => e.label);
  return bad(`${label}「${text}」${code === undefined ? '无法识别' : '在此不能使用'}，可填：${names.join('、')}`);
}

/** 性别: 男/女, 男性/女性, 1/2 (GB/T 2261.1) → the record's `male` / `female`. */
export function parseGenderCell(value: unknown): CellResult<'male' | 'female' | null> {
  const r = parseCodeCell(value, '性别', MEMBER_CODE_TABLES.gender);
  if (!r.ok) return bad(`${r.message.replace(/，可填.*$/u, '')}，应为男或女`);
  return ok(r.value === null ? null : r.value === '1' ? 'male' : 'female');
}
