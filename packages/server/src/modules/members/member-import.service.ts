/**
 * The roster's Excel I/O: the import template, the import of a 党员花名册 (validate, then commit all-or-nothing)
 * and the roster export. Every row goes through `checkMemberRecord`, the rules of the member form.
 *
 * An import is a background job: the upload is saved to a private temporary file, the job answers at once
 * (`running`) and its progress lives in memory while it runs (PGlite has one connection: nothing may write
 * progress rows while the import transaction holds it); the final state is stored in `member_imports`. The
 * workbook is read with exceljs's streaming reader, a batch of rows at a time, so memory stays bounded.
 * Commit re-reads and re-validates the file, and inserts only when no row has an error, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { labelOf, maskIdNumber, maskPhone, MEMBER_CODE_TABLES, normalizeText, parseIdNumber } from '@dangjian/regulations';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { isoTimestamp, queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { memberImports, members, orgs } from '../../platform/schema.js';
import { scopeIncludes, subtreeRange } from '../../platform/scope.js';
import type { OrgRow } from '../org/org.repo.js';
import type { OrgService } from '../org/org.service.js';
import {
  compactText,
  cellText,
  lookupCodeCell,
  parseCodeCell,
  parseDateCell,
  parseGenderCell,
  parseIdNumberCell,
  parsePhoneCell,
  parseTextCell,
  type CellResult,
} from './cell-parsing.js';
import { checkMemberRecord, type MemberField, type MemberRecord, type MemberRecordInput } from './member-record.js';
import type { MemberRules } from './member-rules.js';
import { memberColumns } from './member.repo.js';
import { GENDER_LABELS, MEMBER_STATUS_LABELS, ON_ROSTER_STATUSES, type ImportError as ImportErrorSchema, type ImportJob as ImportJobSchema } from './members.schemas.js';
import { columnLetter, IMPORTABLE_STATUS_LABELS, matchHeader, ROSTER_COLUMN_BY_KEY, ROSTER_COLUMNS, type RosterColumn, type RosterKey } from './roster-columns.js';

export type ImportJob = Static<typeof ImportJobSchema>;
export type ImportError = Static<typeof ImportErrorSchema>;
export type ImportMode = 'validate' | 'commit';

/** Largest accepted upload (the route's body limit). */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Errors kept with a job; `errorCount` counts them all. */
export const IMPORT_MAX_STORED_ERRORS = 1000;
/** Rows per database round trip (lookups and multi-row inserts). */
const BATCH_ROWS = 1000;
/** The header row is looked for in the first rows (a title and notes may come before it). */
const HEADER_SEARCH_ROWS = 5;
const BRANCH_TYPES = ['branch', 'joint_branch', 'temporary_branch'] as const;
const EXAMPLE_MARK = '示例';
const IMPORTED_COLUMNS = ROSTER_COLUMNS.filter((c) => c.imported);
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface MemberImportServiceDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
  fieldCrypto: FieldCrypto;
  memberRules: MemberRules;
  /** Where uploads wait while they are processed (default: the OS temporary directory); each is deleted afterwards. */
  tempDir?: string;
}

/** The roster field of each record field, to name the cell of an error. */
const FIELD_COLUMN: Record<MemberField, RosterKey | null> = {
  name: 'name',
  gender: 'gender',
  idNumber: 'idNumber',
  ethnicity: 'ethnicity',
  birthDate: 'birthDate',
  nativePlace: 'nativePlace',
  education: 'education',
  degree: 'degree',
  joinedOn: 'joinedOn',
  fullMemberOn: 'fullMemberOn',
  category: 'category',
  jobPosition: 'jobPosition',
  position: 'position',
  rank: 'rank',
  unitId: 'unit',
  phone: 'phone',
  standingAdjustmentYears: null,
};

/** A row that passed every check, ready to insert. */
interface ReadyRow {
  row: number;
  record: MemberRecord;
  orgId: number;
  status: string;
  probationEndsOn: string | null;
}

/** A row after the checks that need no database, waiting for the batch lookups. */
interface PendingRow {
  row: number;
  record: MemberRecord | null;
  status: string;
  /** The normalized 公民身份号码 when it is valid and its first occurrence in the file (checked against the database). */
  idNumber: string | null;
  orgText: string | null;
  unitText: string | null;
  /** Keys of the columns that already have an error in this row. */
  failed: Set<RosterKey>;
}

interface HeaderMap {
  row: number;
  /** Column number (1-based) of each recognized roster column, and the header text as written in the file. */
  columns: Map<RosterKey, { index: number; text: string }>;
}

interface ScanOutcome {
  dataRows: number;
  inserted: number;
  errorCount: number;
  errors: ImportError[];
  /** Inserted members per organization (commit). */
  byOrg: Map<number, number>;
}

class ImportRejected extends Error {
  constructor(readonly outcome: ScanOutcome) {
    super('import rejected');
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (isUniqueViolation(error)) return '有公民身份号码在导入期间被另一次导入或录入登记，请重新校验后再导入';
  return '服务器处理出错，请稍后重试或联系系统管理员';
}

/** Saves the request body to `file` (mode 0600), refusing more than `maxBytes`. */
async function saveUpload(body: Readable, file: string, maxBytes: number): Promise<number> {
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) callback(new AppError('E_PAYLOAD_TOO_LARGE', `文件超过 ${maxBytes / 1024 / 1024} MB，请分成几个文件导入`));
      else callback(null, chunk);
    },
  });
  await pipeline(body, limit, createWriteStream(file, { mode: 0o600 }));
  return size;
}

async function startsWithZipSignature(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Text of a byte stream, decoded across chunk boundaries. */
async function* utf8Text(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

type ReaderInternals = {
  _parseSharedStrings?: (this: unknown, entry: Readable) => unknown;
  _parseWorksheet?: (this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
};

/**
 * exceljs 4.4's streaming reader decodes every chunk of a zip entry on its own, so a Chinese character whose
 * three UTF-8 bytes straddle two chunks comes out as "��" (dozens of cells in a 100,000-row roster). Its
 * decoder passes text through untouched, so the shared strings and the worksheet are handed to it as text
 * decoded across chunk boundaries. These are private methods: if they change, fail loudly rather than misread.
 */
function streamingReader(file: string): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const internals = reader as unknown as ReaderInternals;
  const { _parseSharedStrings: sharedStrings, _parseWorksheet: worksheet } = internals;
  if (typeof sharedStrings !== 'function' || typeof worksheet !== 'function') {
    throw new Error('exceljs WorkbookReader internals changed: review streamingReader() in member-import.service.ts');
  }
  internals._parseSharedStrings = function (this: unknown, entry: Readable) {
    entry.setEncoding('utf8');
    return sharedStrings.call(this, entry);
  };
  internals._parseWorksheet = function (this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return worksheet.call(this, utf8Text(iterator), sheetNo);
  };
  return reader;
}

export function createMemberImportService({ db, clock, orgService, fieldCrypto, memberRules, tempDir }: MemberImportServiceDeps) {
  /** Jobs still running: their live progress (the row in member_imports says `running` until they end). */
  const live = new Map<number, { job: ImportJob; orgPath: string }>();
  const running = new Set<Promise<void>>();

  // ------------------------------------------------------------------------------------------
  // Reading one file: header, rows, checks; optionally inserting (commit).
  // ------------------------------------------------------------------------------------------

  interface ScanContext {
    target: OrgRow;
    actor: Actor;
    today: string;
    importId: number;
    userId: number | null;
    onProgress: (dataRows: number) => void;
  }

  async function scan(file: string, q: Db, ctx: ScanContext, insert: boolean): Promise<ScanOutcome> {
    const outcome: ScanOutcome = { dataRows: 0, inserted: 0, errorCount: 0, errors: [], byOrg: new Map() };
    const { lo, hi } = subtreeRange(ctx.target.path);
    const targetIsBranch = (BRANCH_TYPES as readonly string[]).includes(ctx.target.type);
    const seenIds = new Map<string, number>();
    const orgCache = new Map<string, CellResult<number>>();
    const unitCache = new Map<string, CellResult<number>>();
    let header: HeaderMap | null = null;
    let pending: PendingRow[] = [];
    // Inserts run one batch behind the reading: the next rows are parsed while the database writes the last ones.
    let inserting: Promise<void> = Promise.resolve();

    const addError = (row: number, key: RosterKey | null, message: string, fieldText?: string) => {
      outcome.errorCount += 1;
      if (outcome.errors.length >= IMPORT_MAX_STORED_ERRORS) return;
      const col = key && header ? header.columns.get(key) : undefined;
      const field = fieldText ?? col?.text ?? (key ? ROSTER_COLUMN_BY_KEY[key].header : '');
      outcome.errors.push({ row, column: col ? columnLetter(col.index) : '', field, message: `第 ${row} 行：${message}` });
    };

    function readHeader(rowNumber: number, values: unknown[]): HeaderMap | null {
      const columns = new Map<RosterKey, { index: number; text: string }>();
      for (let i = 1; i < values.length; i++) {
        const text = cellText(values[i]);
        const column = text === null ? undefined : matchHeader(text);
        if (column && !columns.has(column.key)) columns.set(column.key, { index: i, text: text! });
      }
      return columns.has('name') && columns.size >= 3 ? { row: rowNumber, columns } : null;
    }

    /** The checks of one row that need no database. */
    function readRow(rowNumber: number, values: unknown[], h: HeaderMap): PendingRow | null {
      const cell = (key: RosterKey) => {
        const c = h.columns.get(key);
        return c ? values[c.index] : undefined;
      };
      if (cellText(cell('index')) === EXAMPLE_MARK) return null;
      if (IMPORTED_COLUMNS.every((c) => cellText(cell(c.key)) === null)) return null;

      const failed = new Set<RosterKey>();
      const fail = (key: RosterKey, message: string) => {
        failed.add(key);
        addError(rowNumber, key, message);
      };
      const take = <T>(key: RosterKey, result: CellResult<T>, fallback: T): T => {
        if (result.ok) return result.value;
        fail(key, result.message);
        return fallback;
      };

      const name = compactText(cell('name'));
      if (name !== null && [...name].length > 50) fail('name', '姓名不能超过 50 个字');
      const idNumber = take('idNumber', parseIdNumberCell(cell('idNumber')), null);
      if (idNumber === null && !failed.has('idNumber')) fail('idNumber', '公民身份号码不能为空（用于识别重复登记）');
      let gender = take('gender', parseGenderCell(cell('gender')), null);
      if (gender === null && !failed.has('gender')) fail('gender', '性别不能为空');
      const birthDate = take('birthDate', parseDateCell(cell('birthDate'), '出生日期'), null);
      const joinedOn = take('joinedOn', parseDateCell(cell('joinedOn'), '入党日期'), null);
      const fullMemberOn = take('fullMemberOn', parseDateCell(cell('fullMemberOn'), '转正日期'), null);
      let category = take('category', parseCodeCell(cell('category'), '人员类别', MEMBER_CODE_TABLES.memberCategory), null) as 'full' | 'probationary' | null;
      if (category === null && !failed.has('category')) fail('category', '人员类别不能为空，应为正式党员或预备党员');
      const status = take('status', parseCodeCell(cell('status'), '党籍状态', MEMBER_CODE_TABLES.memberStatus, ON_ROSTER_STATUSES), null) ?? 'normal';
      const nativePlace = take('nativePlace', parseTextCell(cell('nativePlace'), '籍贯', 50), null);
      const position = take('position', parseTextCell(cell('position'), '职务', 50), null);
      const rank = take('rank', parseTextCell(cell('rank'), '职级', 50), null);
      const phone = take('phone', parsePhoneCell(cell('phone')), null);
      const coded = (key: RosterKey, table: (typeof MEMBER_CODE_TABLES)[keyof typeof MEMBER_CODE_TABLES]) => {
        const { text, code } = lookupCodeCell(cell(key), table);
        return code ?? text;
      };

      // Placeholders where a cell failed, chosen so that they raise no second error about the same mistake.
      if (gender === null) {
        const digit = idNumber && /^\d{17}/.test(idNumber) ? Number(idNumber[16]) : 1;
        gender = digit % 2 === 1 ? 'male' : 'female';
      }
      if (category === null) category = fullMemberOn ? 'full' : 'probationary';

      const input: MemberRecordInput = {
        name: name ?? '',
        gender,
        idNumber,
        ethnicity: coded('ethnicity', MEMBER_CODE_TABLES.ethnicity),
        birthDate,
        nativePlace,
        education: coded('education', MEMBER_CODE_TABLES.education),
        degree: coded('degree', MEMBER_CODE_TABLES.degree),
        joinedOn,
        fullMemberOn,
        category,
        jobPosition: coded('jobPosition', MEMBER_CODE_TABLES.jobPosition),
        position,
        rank,
        unitId: null,
        phone,
      };
      const checked = checkMemberRecord(input, ctx.today);
      let record: MemberRecord | null = null;
      if (checked.ok) record = checked.record;
      else {
        for (const e of checked.errors) {
          const key = FIELD_COLUMN[e.field];
          if (key && failed.has(key)) continue; // already reported from the cell itself
          if (key) failed.add(key);
          addError(rowNumber, key && h.columns.has(key) ? key : key === 'birthDate' ? 'idNumber' : key, e.message);
        }
      }

      // Duplicates are looked for even when other cells of the row are wrong, so every mistake shows at once.
      const parsedId = idNumber === null ? null : parseIdNumber(idNumber);
      let uniqueId: string | null = null;
      if (parsedId?.ok) {
        const first = seenIds.get(parsedId.idNumber);
        if (first !== undefined) {
          fail('idNumber', `公民身份号码与第 ${first} 行重复（同一名党员只能登记一次）`);
          addError(first, 'idNumber', `公民身份号码与第 ${rowNumber} 行重复（同一名党员只能登记一次）`);
        } else {
          seenIds.set(parsedId.idNumber, rowNumber);
          uniqueId = parsedId.idNumber;
        }
      }
      return {
        row: rowNumber,
        record: failed.size === 0 ? record : null,
        status,
        idNumber: uniqueId,
        orgText: cellText(cell('org')),
        unitText: cellText(cell('unit')),
        failed,
      };
    }

    /** Resolves names to org ids within the target subtree (full name before short name). */
    async function resolveOrgs(texts: string[]) {
      const wanted = texts.filter((t) => !orgCache.has(normalizeText(t)));
      if (wanted.length === 0) return;
      const candidates = [...new Set(wanted.flatMap((t) => [t, normalizeText(t)]))];
      const found = await queryRows<{ id: number; name: string; short_name: string | null }>(
        q,
        sql`SELECT id, name, short_name FROM orgs
            WHERE path >= ${lo} AND path < ${hi} AND type IN (${inList(BRANCH_TYPES)}) AND status = 'active'
              AND (name IN (${inList(candidates)}) OR short_name IN (${inList(candidates)}))
            ORDER BY path`,
      );
      for (const text of wanted) {
        const key = normalizeText(text);
        const byName = found.filter((o) => normalizeText(o.name) === key);
        const byShort = found.filter((o) => o.short_name !== null && normalizeText(o.short_name) === key);
        const matches = byName.length > 0 ? byName : byShort;
        const where = ctx.target.shortName ?? ctx.target.name;
        if (matches.length === 1) orgCache.set(key, { ok: true, value: matches[0]!.id });
        else if (matches.length > 1) orgCache.set(key, { ok: false, message: `所在党组织「${text}」在「${where}」内对应 ${matches.length} 个党组织（${matches.map((m) => m.name).join('、')}），请填写全称` });
        else orgCache.set(key, { ok: false, message: `所在党组织「${text}」不是「${where}」内的党支部（含联合党支部、临时党支部），请填写全称或简称` });
      }
    }

    async function resolveUnits(texts: string[]) {
      const wanted = texts.filter((t) => !unitCache.has(normalizeText(t)));
      if (wanted.length === 0) return;
      const candidates = [...new Set(wanted.flatMap((t) => [t, normalizeText(t)]))];
      const found = await queryRows<{ id: number; name: string; short_name: string | null }>(
        q,
        sql`SELECT id, name, short_name FROM units WHERE name IN (${inList(candidates)}) OR short_name IN (${inList(candidates)}) ORDER BY id`,
      );
      for (const text of wanted) {
        const key = normalizeText(text);
        const byName = found.filter((u) => normalizeText(u.name) === key);
        const byShort = found.filter((u) => u.short_name !== null && normalizeText(u.short_name) === key);
        const matches = byName.length > 0 ? byName : byShort;
        if (matches.length === 1) unitCache.set(key, { ok: true, value: matches[0]!.id });
        else if (matches.length > 1) unitCache.set(key, { ok: false, message: `工作单位「${text}」对应多个单位（${matches.map((m) => m.name).join('、')}），请填写全称` });
        else unitCache.set(key, { ok: false, message: `工作单位「${text}」未在系统中登记，请填写已登记单位的全称或简称，或不填` });
      }
    }

    async function flush() {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      await resolveOrgs([...new Set(batch.flatMap((r) => (r.orgText ? [r.orgText] : [])))]);
      await resolveUnits([...new Set(batch.flatMap((r) => (r.unitText ? [r.unitText] : [])))]);
      const hashes = new Map<string, PendingRow>();
      for (const r of batch) if (r.idNumber) hashes.set(fieldCrypto.blindIndex(r.idNumber), r);
      if (hashes.size > 0) {
        const existing = await queryRows<{ hash: string; status: string; name: string; path: string }>(
          q,
          sql`SELECT m.id_number_hash AS hash, m.status, o.name, o.path FROM members m JOIN orgs o ON o.id = m.org_id
              WHERE m.id_number_hash IN (${inList([...hashes.keys()])})`,
        );
        for (const e of existing) {
          const r = hashes.get(e.hash)!;
          r.failed.add('idNumber');
          r.record = null;
          const where = scopeIncludes(ctx.actor.scope, e.path)
            ? `（所在组织：${e.name}${(ON_ROSTER_STATUSES as readonly string[]).includes(e.status) ? '' : `，${MEMBER_STATUS_LABELS[e.status] ?? e.status}`}）`
            : '';
          addError(r.row, 'idNumber', `公民身份号码已登记为党员${where}`);
        }
      }

      const ready: ReadyRow[] = [];
      for (const r of batch) {
        let orgId: number | null = null;
        if (r.orgText) {
          const resolved = orgCache.get(normalizeText(r.orgText))!;
          if (resolved.ok) orgId = resolved.value;
          else {
            r.failed.add('org');
            addError(r.row, 'org', resolved.message);
          }
        } else if (targetIsBranch) orgId = ctx.target.id;
        else {
          r.failed.add('org');
          addError(r.row, 'org', `所在党组织不能为空：「${ctx.target.shortName ?? ctx.target.name}」不是党支部，请填写党员所在的党支部`);
        }
        let unitId: number | null = null;
        if (r.unitText) {
          const resolved = unitCache.get(normalizeText(r.unitText))!;
          if (resolved.ok) unitId = resolved.value;
          else {
            r.failed.add('unit');
            addError(r.row, 'unit', resolved.message);
          }
        }
        if (!r.record || r.failed.size > 0 || orgId === null) continue;
        const record = { ...r.record, unitId };
        let probationEndsOn: string | null = null;
        if (record.category === 'probationary' && record.joinedOn) {
          try {
            probationEndsOn = memberRules.probation({ joinedOn: record.joinedOn, extensionMonths: 0, today: ctx.today }).dueOn;
          } catch (error) {
            addError(r.row, 'joinedOn', `无法按入党日期计算预备期满日期：${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
        }
        ready.push({ row: r.row, record, orgId, status: r.status, probationEndsOn });
      }
      if (insert && outcome.errorCount === 0 && ready.length > 0) {
        const previous = inserting;
        inserting = previous.then(() => insertRows(q, ready, ctx, outcome));
        inserting.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        await previous;
      }
    }

    const reader = streamingReader(file);
    let sheetSeen = false;
    let stepError: unknown = null;
    const step = async (f: () => Promise<void>) => {
      try {
        await f();
      } catch (error) {
        stepError = error;
        throw error;
      }
    };
    try {
      for await (const sheet of reader) {
        sheetSeen = true;
        for await (const row of sheet) {
          const values = row.values as unknown[];
          if (!header) {
            if (row.number > HEADER_SEARCH_ROWS) break;
            header = readHeader(row.number, values);
            if (header && ROSTER_COLUMNS.some((c) => c.required && !header!.columns.has(c.key))) break;
            continue;
          }
          const pendingRow = readRow(row.number, values, header);
          if (!pendingRow) continue;
          outcome.dataRows += 1;
          pending.push(pendingRow);
          if (pending.length >= BATCH_ROWS) {
            await step(flush);
            ctx.onProgress(outcome.dataRows);
          }
        }
        break; // the first worksheet only
      }
    } catch (error) {
      await inserting.catch(() => undefined);
      if (error === stepError || error instanceof AppError) throw error;
      throw new AppError('E_IMPORT_FILE', `无法读取上传的 Excel 文件，请确认是 .xlsx 格式且未损坏（可在 Excel 中打开后另存为 .xlsx 再上传）`);
    }
    if (!sheetSeen) throw new AppError('E_IMPORT_FILE', '上传的 Excel 文件中没有工作表');
    const h = header as HeaderMap | null;
    if (!h) {
      addError(1, null, `未在前 ${HEADER_SEARCH_ROWS} 行找到表头：表头须包含「姓名」「性别」「公民身份号码」「人员类别」「入党日期」等列（可下载导入模板对照）`, '表头');
      return outcome;
    }
    const missing = ROSTER_COLUMNS.filter((c) => c.required && !h.columns.has(c.key));
    if (missing.length > 0) {
      for (const c of missing) addError(h.row, null, `缺少必填列「${c.header}」（表头在第 ${h.row} 行）`, c.header);
      return outcome;
    }
    await flush();
    await inserting;
    ctx.onProgress(outcome.dataRows);
    if (outcome.dataRows === 0) addError(h.row + 1, null, '表头以下没有党员数据（序号为「示例」的行不导入）', '文件');
    outcome.errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    return outcome;
  }

  /**
   * Inserts a batch with one array parameter per column (`INSERT … SELECT * FROM unnest(…)`): the statement has a
   * few dozen parameters whatever the batch size, and building it costs next to nothing.
   */
  async function insertRows(q: Db, ready: ReadyRow[], ctx: ScanContext, outcome: ScanOutcome) {
    const now = clock().toISOString();
    const rows = ready.map((r) => ({ ...memberColumns(r.record, fieldCrypto, r.probationEndsOn), orgId: r.orgId, status: r.status, createdAt: now, updatedAt: now }));
    const columns = getTableColumns(members);
    const keys = Object.keys(rows[0]!) as (keyof typeof rows[number] & keyof typeof columns)[];
    const arrays = keys.map((k) => sql`${sql.param(rows.map((r) => r[k] ?? null))}::${sql.raw(columns[k].getSQLType())}[]`);
    const inserted = await queryRows<{ id: number; org_id: number }>(
      q,
      sql`INSERT INTO members (${sql.join(keys.map((k) => sql.identifier(columns[k].name)), sql`, `)})
          SELECT * FROM unnest(${sql.join(arrays, sql`, `)}) RETURNING id, org_id`,
    );
    await q.execute(sql`INSERT INTO member_events (member_id, kind, occurred_on, org_id, detail, actor_user_id, created_at)
      SELECT u.member_id, 'imported', ${ctx.today}::date, u.org_id, ${JSON.stringify({ importId: ctx.importId })}::jsonb, ${ctx.userId}::integer, ${now}::timestamptz
      FROM unnest(${sql.param(inserted.map((m) => m.id))}::integer[], ${sql.param(inserted.map((m) => m.org_id))}::integer[]) AS u(member_id, org_id)`);
    outcome.inserted += inserted.length;
    for (const m of inserted) outcome.byOrg.set(m.org_id, (outcome.byOrg.get(m.org_id) ?? 0) + 1);
  }

  // ------------------------------------------------------------------------------------------
  // Jobs
  // ------------------------------------------------------------------------------------------

  function finalFields(job: ImportJob) {
    return {
      status: job.status,
      totalRows: job.totalRows,
      processedRows: job.processedRows,
      insertedRows: job.insertedRows,
      errorCount: job.errorCount,
      errors: job.errors,
      message: job.message,
      finishedAt: job.finishedAt ? new Date(job.finishedAt) : null,
    };
  }

  function settle(job: ImportJob, outcome: ScanOutcome, status: ImportJob['status'], message: string) {
    job.status = status;
    job.totalRows = outcome.dataRows;
    job.processedRows = outcome.dataRows;
    job.errorCount = outcome.errorCount;
    job.errors = outcome.errors;
    job.message = message;
    job.finishedAt = clock().toISOString();
  }

  function invalidMessage(outcome: ScanOutcome): string {
    const rows = new Set(outcome.errors.map((e) => e.row)).size;
    const shown = outcome.errorCount > outcome.errors.length ? `，以下列出前 ${outcome.errors.length} 处` : '';
    return `发现 ${outcome.errorCount} 处错误（涉及 ${rows}${shown ? ' 余' : ''} 行）${shown}；请修改后重新上传，未导入任何党员`;
  }

  async function run(job: ImportJob, file: string, target: OrgRow, actor: Actor, auditAs: AuditActor) {
    const ctx: ScanContext = {
      target,
      actor,
      today: shanghaiDate(clock()),
      importId: job.id,
      userId: auditAs.userId,
      onProgress: (n) => {
        job.processedRows = n;
      },
    };
    let committedInTransaction = false;
    try {
      job.message = '正在校验…';
      const checked = await scan(file, db, ctx, false);
      if (checked.errorCount > 0) settle(job, checked, 'invalid', invalidMessage(checked));
      else if (job.mode === 'validate') settle(job, checked, 'valid', `校验通过：共 ${checked.dataRows} 名党员，可以导入`);
      else {
        job.totalRows = checked.dataRows;
        job.processedRows = 0;
        job.message = `校验通过，正在写入 ${checked.dataRows} 名党员（全部成功才生效）…`;
        // The final state is stored in the transaction, and shown to pollers only once it has committed.
        const final: ImportJob = { ...job };
        await db.transaction(async (tx) => {
          const written = await scan(file, tx, ctx, true);
          if (written.errorCount > 0) throw new ImportRejected(written);
          settle(final, written, 'committed', `已导入 ${written.inserted} 名党员`);
          final.insertedRows = written.inserted;
          await tx.update(memberImports).set(finalFields(final)).where(eq(memberImports.id, job.id));
          const byOrg = [...written.byOrg].map(([orgId, count]) => ({ orgId, count }));
          await appendAudit(tx, auditAs, { action: 'member.import', targetType: 'member_import', targetId: job.id, orgId: target.id, after: { inserted: written.inserted, rows: written.dataRows, byOrg } }, clock());
          committedInTransaction = true;
        });
        Object.assign(job, final);
      }
    } catch (error) {
      committedInTransaction = false;
      job.insertedRows = 0;
      if (error instanceof ImportRejected) settle(job, error.outcome, 'invalid', invalidMessage(error.outcome));
      else {
        job.status = 'failed';
        job.message = `导入失败，未导入任何党员：${reasonOf(error)}`;
        job.finishedAt = clock().toISOString();
      }
    }
    if (!committedInTransaction) {
      try {
        await db.update(memberImports).set(finalFields(job)).where(eq(memberImports.id, job.id));
      } catch {
        return; // the database is gone (shutdown): the job stays 'running' in its row and reads as interrupted
      }
    }
    live.delete(job.id);
  }

  const jobColumns = {
    id: memberImports.id,
    orgId: memberImports.orgId,
    fileName: memberImports.fileName,
    mode: memberImports.mode,
    status: memberImports.status,
    totalRows: memberImports.totalRows,
    processedRows: memberImports.processedRows,
    insertedRows: memberImports.insertedRows,
    errorCount: memberImports.errorCount,
    errors: memberImports.errors,
    message: memberImports.message,
    createdAt: isoTimestamp(memberImports.createdAt),
    finishedAt: isoTimestamp(memberImports.finishedAt),
    orgPath: orgs.path,
  };

  // ------------------------------------------------------------------------------------------
  // Template and export
  // ------------------------------------------------------------------------------------------

  /** The values a code column accepts, for the dropdown and the 填写说明 sheet. */
  function acceptedValues(column: RosterColumn): string[] {
    if (column.key === 'status') return [...IMPORTABLE_STATUS_LABELS];
    return column.codeTable ? column.codeTable.entries.map((e) => e.label) : [];
  }

  async function buildTemplate(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = '机关党建智慧平台';
    const sheet = workbook.addWorksheet('党员花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
    const guide = workbook.addWorksheet('填写说明');
    const lists = workbook.addWorksheet('代码表', { state: 'hidden' });
    sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const headerRow = sheet.getRow(1);
    headerRow.font = { bold: true };
    ROSTER_COLUMNS.forEach((c, i) => {
      const cell = headerRow.getCell(i + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2E2' : c.imported ? 'FFF2F2F2' : 'FFE8E8E8' } };
      if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      cell.note = `${c.required ? '必填。' : ''}${c.help}`;
      if (c.text) sheet.getColumn(i + 1).numFmt = '@';
    });
    const example = sheet.addRow(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.example])));
    example.font = { italic: true, color: { argb: 'FF808080' } };

    let listColumn = 0;
    const lastRow = 10_001;
    ROSTER_COLUMNS.forEach((c, i) => {
      const values = acceptedValues(c);
      if (values.length === 0) return;
      listColumn += 1;
      lists.getRow(1).getCell(listColumn).value = c.header;
      values.forEach((v, j) => {
        lists.getRow(j + 2).getCell(listColumn).value = v;
      });
      const letter = columnLetter(listColumn);
      const target = columnLetter(i + 1);
      // exceljs implements range validations but leaves `dataValidations` out of its typings.
      (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${lastRow}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`'代码表'!$${letter}$2:$${letter}$${values.length + 1}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.header,
        error: `请从下拉列表中选择${c.header}，或填写代码、常用写法（见「填写说明」）`,
      });
    });

    guide.columns = [
      { header: '列', key: 'letter', width: 6 },
      { header: '栏目', key: 'header', width: 14 },
      { header: '是否必填', key: 'required', width: 10 },
      { header: '填写要求', key: 'help', width: 60 },
      { header: '可填的值', key: 'values', width: 80 },
    ];
    guide.getRow(1).font = { bold: true };
    ROSTER_COLUMNS.forEach((c, i) => {
      const values = acceptedValues(c);
      const table = c.codeTable && c.key !== 'status' ? `《${c.codeTable.title}》（${c.codeTable.standard}）：` : '';
      const codes = c.codeTable && c.key !== 'status' && c.key !== 'category' ? c.codeTable.entries.map((e) => `${e.code} ${e.label}`).join('、') : values.join('、');
      const row = guide.addRow({ letter: columnLetter(i + 1), header: c.header, required: c.required ? '必填' : c.imported ? '选填' : '不导入', help: c.help, values: values.length ? table + codes : '' });
      row.alignment = { wrapText: true, vertical: 'top' };
    });
    guide.addRow({});
    for (const note of [
      '1. 请在「党员花名册」工作表中填写，每行一名党员；表头可在前 5 行内，之前的行可写标题。',
      '2. 日期须精确到日，可写作 2019-07-01、2019.7.1、2019/7/1、2019年7月1日 或 20190701。',
      '3. 公民身份号码请按文本填写（该列已设为文本格式）；同一文件或系统中已有的号码不能重复导入。',
      '4. 代码类栏目可填名称、代码或常用写法，例如 学历填「大学」「本科」「21」均可。',
      '5. 先「校验」再「导入」：有任何一处错误时不会导入任何党员，错误会列出行号和列号。',
      '6. 序号为「示例」的行不会导入，可删除或保留。导出的花名册中身份证号和电话已脱敏，不能直接用于导入。',
    ]) {
      guide.addRow({ letter: '', header: note }).getCell(2).alignment = { wrapText: false };
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  return {
    /** The import template: header, an example row, dropdowns, and the 填写说明 sheet. */
    template: buildTemplate,

    /**
     * Saves the upload, creates the job and starts it in the background. The org must be in scope; its subtree's
     * branches are where members go. Answers the job as created (`running`).
     */
    async start(actor: Actor, auditAs: AuditActor, query: { orgId: number; mode: ImportMode; fileName?: string }, body: Readable | undefined, declaredBytes: number | null): Promise<ImportJob> {
      const target = await orgService.visibleOrg(actor, query.orgId);
      if (actor.scope.kind !== 'subtree') throw new AppError('E_ORG_NOT_FOUND');
      if (target.status !== 'active') throw new AppError('E_VALIDATION', `「${target.name}」已撤销或合并，不能导入党员`, [{ field: 'orgId', message: '组织已撤销或合并' }]);
      if (declaredBytes !== null && declaredBytes > IMPORT_MAX_BYTES) throw new AppError('E_PAYLOAD_TOO_LARGE', `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`);
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') throw new AppError('E_IMPORT_FILE', '请上传 Excel 文件（.xlsx）作为请求体');
      const dir = await mkdtemp(path.join(tempDir ?? tmpdir(), 'dangjian-import-'));
      const file = path.join(dir, `${randomUUID()}.xlsx`);
      const cleanup = () => rm(dir, { recursive: true, force: true }).catch(() => undefined);
      let job: ImportJob;
      try {
        const size = await saveUpload(body, file, IMPORT_MAX_BYTES);
        if (size === 0) throw new AppError('E_IMPORT_FILE', '上传的文件是空的');
        if (!(await startsWithZipSignature(file))) {
          throw new AppError('E_IMPORT_FILE', '上传的文件不是 .xlsx 格式（Excel 2007 及以上）；如为 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后重新上传');
        }
        const fileName = (query.fileName ?? '').trim() || '党员花名册.xlsx';
        // Every run is audited when it starts, a dry run too: it checks ID numbers against the whole roster.
        const row = await db.transaction(async (tx) => {
          const [created] = await tx
            .insert(memberImports)
            .values({ orgId: target.id, fileName, mode: query.mode, status: 'running', createdBy: auditAs.userId, createdAt: clock() })
            .returning({ id: memberImports.id, createdAt: isoTimestamp(memberImports.createdAt) });
          await appendAudit(tx, auditAs, { action: 'member.import_start', targetType: 'member_import', targetId: created!.id, orgId: target.id, after: { mode: query.mode, bytes: size } }, clock());
          return created;
        });
        job = {
          id: row!.id,
          orgId: target.id,
          fileName,
          mode: query.mode,
          status: 'running',
          totalRows: 0,
          processedRows: 0,
          insertedRows: 0,
          errorCount: 0,
          errors: [],
          message: '已上传，等待处理…',
          createdAt: row!.createdAt,
          finishedAt: null,
        };
      } catch (error) {
        await cleanup();
        throw error;
      }
      live.set(job.id, { job, orgPath: target.path });
      const task = run(job, file, target, actor, auditAs).finally(async () => {
        await cleanup();
        running.delete(task);
      });
      running.add(task);
      return { ...job, errors: [...job.errors] };
    },

    /** A job of an org in the actor's scope, with its live progress while it runs. */
    async get(actor: Actor, id: number): Promise<ImportJob> {
      const current = live.get(id);
      if (current) {
        if (actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, current.orgPath)) throw new AppError('E_IMPORT_NOT_FOUND');
        return { ...current.job, errors: [...current.job.errors] };
      }
      const [row] = await db.select(jobColumns).from(memberImports).innerJoin(orgs, eq(orgs.id, memberImports.orgId)).where(eq(memberImports.id, id));
      if (!row || actor.scope.kind !== 'subtree' || !scopeIncludes(actor.scope, row.orgPath)) throw new AppError('E_IMPORT_NOT_FOUND');
      const { orgPath: _path, ...job } = row;
      const result: ImportJob = { ...job, errors: (job.errors as ImportError[] | null) ?? [] };
      if (result.status === 'running') {
        // Not running in this process any more: the server stopped while it ran (nothing was written).
        result.status = 'failed';
        result.message = '导入因服务重启而中断，未导入任何党员，请重新上传';
      }
      return result;
    },

    /**
     * The 花名册 of an org (and its subtree) as .xlsx, streamed: ID numbers and phones are always masked. Rows are
     * read an org at a time, in pages (never the whole table); the export is audited with its row count first.
     */
    async exportRoster(actor: Actor, auditAs: AuditActor, query: { orgId?: number; includeSubtree?: boolean; status?: string }) {
      if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
      const root = await orgService.visibleOrg(actor, query.orgId ?? actor.scope.orgId);
      const includeSubtree = query.includeSubtree !== false;
      const statusFilter = query.status ?? 'on_roster';
      const statuses = statusFilter === 'all' ? null : statusFilter === 'on_roster' ? [...ON_ROSTER_STATUSES] : [statusFilter];
      const statusCondition = statuses ? sql`m.status IN (${inList(statuses)})` : sql`true`;
      const { lo, hi } = subtreeRange(root.path);
      const orgCondition: SQL = includeSubtree ? sql`o.path >= ${lo} AND o.path < ${hi}` : sql`o.id = ${root.id}`;
      const [counted] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${orgCondition} AND ${statusCondition}`);
      const total = counted?.n ?? 0;
      await recordAudit(
        db,
        auditAs,
        { action: 'member.export', targetType: 'org', targetId: root.id, orgId: root.id, after: { export: 'roster', rows: total, includeSubtree, status: statusFilter } },
        clock(),
      );
      const today = shanghaiDate(clock());

      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('党员花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      const label = (table: keyof typeof MEMBER_CODE_TABLES, code: string | null) => (code === null ? '' : (labelOf(MEMBER_CODE_TABLES[table], code) ?? code));
      const unmask = (cipher: string | null, mask: (v: string) => string) => {
        if (!cipher) return '';
        try {
          return mask(fieldCrypto.decrypt(cipher));
        } catch {
          return '（无法解密）';
        }
      };

      type OrgPage = { id: number; path: string; name: string };
      type MemberRow = {
        id: number;
        name: string;
        gender: string;
        ethnicity: string | null;
        birth_date: string | null;
        id_number_cipher: string | null;
        native_place: string | null;
        education: string | null;
        degree: string | null;
        category: string;
        joined_on: string | null;
        full_member_on: string | null;
        standing_adjustment_years: number;
        job_position: string | null;
        unit_name: string | null;
        position: string | null;
        rank: string | null;
        phone_cipher: string | null;
        status: string;
      };
      const write = async () => {
        let index = 0;
        let afterPath = '';
        for (;;) {
          const orgPage = await queryRows<OrgPage>(
            db,
            sql`SELECT o.id, o.path, o.name FROM orgs o WHERE ${orgCondition} AND o.path > ${afterPath}
                  AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND ${statusCondition})
                ORDER BY o.path LIMIT 200`,
          );
          for (const org of orgPage) {
            let after: { name: string; id: number } | null = null;
            for (;;) {
              const keyset: SQL = after ? sql`AND (m.name, m.id) > (${after.name}, ${after.id})` : sql``;
              const rows: MemberRow[] = await queryRows<MemberRow>(
                db,
                sql`SELECT m.id, m.name, m.gender, m.ethnicity, m.birth_date::text AS birth_date, m.id_number_cipher, m.native_place, m.education, m.degree,
                      m.category, m.joined_on::text AS joined_on, m.full_member_on::text AS full_member_on, m.standing_adjustment_years, m.job_position,
                      u.name AS unit_name, m.position, m.rank, m.phone_cipher, m.status
                    FROM members m LEFT JOIN units u ON u.id = m.unit_id
                    WHERE m.org_id = ${org.id} AND ${statusCondition} ${keyset}
                    ORDER BY m.name, m.id LIMIT ${BATCH_ROWS}`,
              );
              for (const m of rows) {
                const standing = memberRules.standing(m.full_member_on, today, m.standing_adjustment_years);
                sheet
                  .addRow({
                    index: ++index,
                    name: m.name,
                    gender: GENDER_LABELS[m.gender as 'male' | 'female'] ?? m.gender,
                    ethnicity: label('ethnicity', m.ethnicity),
                    birthDate: m.birth_date ?? '',
                    idNumber: unmask(m.id_number_cipher, maskIdNumber),
                    nativePlace: m.native_place ?? '',
                    education: label('education', m.education),
                    degree: label('degree', m.degree),
                    category: label('memberCategory', m.category),
                    joinedOn: m.joined_on ?? '',
                    fullMemberOn: m.full_member_on ?? '',
                    standingYears: standing ?? '',
                    jobPosition: label('jobPosition', m.job_position),
                    unit: m.unit_name ?? '',
                    position: m.position ?? '',
                    rank: m.rank ?? '',
                    org: org.name,
                    phone: unmask(m.phone_cipher, maskPhone),
                    status: MEMBER_STATUS_LABELS[m.status] ?? m.status,
                    note: '',
                  })
                  .commit();
              }
              if (rows.length < BATCH_ROWS) break;
              const last = rows[rows.length - 1]!;
              after = { name: last.name, id: last.id };
            }
          }
          if (orgPage.length < 200) break;
          afterPath = orgPage[orgPage.length - 1]!.path;
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => stream.destroy(error as Error));
      const stamp = today.replaceAll('-', '');
      return { stream, filename: `党员花名册-${root.shortName ?? root.name}-${stamp}.xlsx`, rows: total };
    },

    /** Waits until no import is running (app shutdown, tests). */
    async drain(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type MemberImportService = ReturnType<typeof createMemberImportService>;
