/**
 * Import of a findings list (问题清单) into a batch from Excel: validate, then commit all-or-nothing. Headers are
 * found in the first rows by name or synonym; each error names the row, the column letter and the field.
 * Organizations are looked up by full or short name among the active organizations strictly below the issuing one
 * (ambiguous short names are an error); dates are read tolerantly (2026.7.1, 2026-7-1, 2026年7月1日, serials).
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { normalizeText } from '@dangjian/regulations';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { problemEvents, problems } from '../../platform/schema.js';
import { subtreeRange } from '../../platform/scope.js';
import { cellText, compactText, parseDateCell, parseTextCell } from '../members/cell-parsing.js';
import { columnLetter } from '../members/roster-columns.js';
import { PROBLEM_SEVERITIES, PROBLEM_SEVERITY_LABELS } from './rectification.schemas.js';
import { issuedProblemRow } from './problem-workflow.js';
import type { RectificationService } from './rectification.service.js';

export const PROBLEM_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 2000;
const MAX_ERRORS = 500;
const HEADER_SEARCH_ROWS = 5;
const SHEET_NAME = '问题清单';

type ColumnKey = 'org' | 'description' | 'category' | 'severity' | 'deadline' | 'person';

interface ImportColumn {
  key: ColumnKey;
  header: string;
  synonyms: string[];
  required: boolean;
  width: number;
  help: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'org', header: '责任组织', synonyms: ['责任单位', '责任党组织', '整改责任单位', '整改单位', '责任主体', '党组织'], required: true, width: 30, help: '下发组织的下级党组织，填全称或简称（简称重名时须填全称）' },
  { key: 'description', header: '问题描述', synonyms: ['问题', '存在问题', '问题表现', '问题内容', '具体问题'], required: true, width: 60, help: '不超过 2000 字' },
  { key: 'category', header: '问题类别', synonyms: ['类别', '问题分类', '分类', '问题类型'], required: true, width: 14, help: '从下拉列表选择' },
  { key: 'severity', header: '严重程度', synonyms: ['问题等级', '程度', '等级', '严重性'], required: false, width: 10, help: '一般、较重、严重；不填为一般' },
  { key: 'deadline', header: '整改时限', synonyms: ['整改期限', '完成时限', '截止日期', '整改完成时限', '时限'], required: true, width: 14, help: '不早于今天，可写作 2026-07-01、2026.7.1、2026年7月1日' },
  { key: 'person', header: '责任人', synonyms: ['整改责任人', '负责人', '责任领导'], required: false, width: 12, help: '选填，不超过 50 字' },
];

const normalizeHeader = (text: string) => normalizeText(text).replace(/[*★※\s]/gu, '').replace(/\([^()]*\)$/u, '').replace(/[:：]$/u, '');
const HEADER_INDEX = new Map(IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c] as const)));

export interface ProblemImportError {
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface ProblemImportResult {
  mode: 'validate' | 'commit';
  valid: boolean;
  rows: number;
  created: number;
  errors: ProblemImportError[];
}

interface ReadyRow {
  row: number;
  orgId: number;
  description: string;
  category: string;
  severity: string;
  deadline: string;
  person: string | null;
}

const SEVERITY_BY_TEXT = new Map<string, string>([
  ...PROBLEM_SEVERITIES.map((s) => [s, s] as const),
  ...Object.entries(PROBLEM_SEVERITY_LABELS).map(([code, label]) => [label, code] as const),
  ['较轻', 'general'],
  ['一般问题', 'general'],
  ['较重问题', 'serious'],
  ['严重问题', 'critical'],
  ['重大', 'critical'],
]);

export function createProblemImportService({ db, clock, rectification }: { db: Db; clock: Clock; rectification: RectificationService }) {
  async function categoryList() {
    return queryRows<{ code: string; label: string }>(db, sql`SELECT code, label FROM rectification_categories WHERE active ORDER BY sort_order, code`);
  }

  async function orgsBelow(issuingPath: string) {
    const { lo, hi } = subtreeRange(issuingPath);
    return queryRows<{ id: number; name: string; short_name: string | null; path: string }>(
      db,
      sql`SELECT id, name, short_name, path FROM orgs WHERE path > ${lo} AND path < ${hi} AND status = 'active' ORDER BY path`,
    );
  }

  return {
    /** The template of a batch: the columns, dropdowns of categories, severities and the organizations below the issuer. */
    async template(actor: Actor, batchId: number): Promise<{ buffer: Buffer; filename: string }> {
      const batch = await rectification.issuerBatch(actor, batchId);
      const categories = await categoryList();
      const orgList = (await orgsBelow(batch.issuing_org_path)).slice(0, 5000);
      const workbook = new ExcelJS.Workbook();
      workbook.creator = '机关党建智慧平台';
      const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
      const guide = workbook.addWorksheet('填写说明');
      const lists = workbook.addWorksheet('代码表', { state: 'hidden' });
      sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
      const header = sheet.getRow(1);
      header.font = { bold: true };
      IMPORT_COLUMNS.forEach((c, i) => {
        const cell = header.getCell(i + 1);
        if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
        cell.note = `${c.required ? '必填。' : ''}${c.help}`;
      });
      sheet.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === 'deadline') + 1).numFmt = '@';
      const dropdowns: [ColumnKey, string[]][] = [
        ['org', orgList.map((o) => o.name)],
        ['category', categories.map((c) => c.label)],
        ['severity', Object.values(PROBLEM_SEVERITY_LABELS)],
      ];
      dropdowns.forEach(([key, values], listIndex) => {
        const column = IMPORT_COLUMNS.find((c) => c.key === key)!;
        const listLetter = columnLetter(listIndex + 1);
        lists.getRow(1).getCell(listIndex + 1).value = column.header;
        values.forEach((v, j) => {
          lists.getRow(j + 2).getCell(listIndex + 1).value = v;
        });
        if (values.length === 0) return;
        const target = columnLetter(IMPORT_COLUMNS.indexOf(column) + 1);
        (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${MAX_ROWS + 1}`, {
          type: 'list',
          allowBlank: !column.required,
          formulae: [`'代码表'!$${listLetter}$2:$${listLetter}$${values.length + 1}`],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: column.header,
          error: `请从下拉列表中选择${column.header}`,
        });
      });
      guide.columns = [
        { header: '列', key: 'letter', width: 6 },
        { header: '栏目', key: 'header', width: 12 },
        { header: '是否必填', key: 'required', width: 10 },
        { header: '填写要求', key: 'help', width: 60 },
        { header: '可填的值', key: 'values', width: 60 },
      ];
      guide.getRow(1).font = { bold: true };
      IMPORT_COLUMNS.forEach((c, i) => {
        const values = c.key === 'category' ? categories.map((x) => x.label).join('、') : c.key === 'severity' ? Object.values(PROBLEM_SEVERITY_LABELS).join('、') : '';
        guide.addRow({ letter: columnLetter(i + 1), header: c.header, required: c.required ? '必填' : '选填', help: c.help, values }).alignment = { wrapText: true, vertical: 'top' };
      });
      guide.addRow({});
      for (const note of [
        `1. 本模板用于批次「${batch.name}」（下发组织：${batch.issuing_org_name}），每行一个问题，最多 ${MAX_ROWS} 行。`,
        '2. 责任组织须为下发组织的下级党组织；下拉列表列出了可选的组织。',
        '3. 先「校验」再「导入」：有任何一处错误时不会导入任何问题，错误会列出行号和列号。',
      ]) {
        guide.addRow({ letter: '', header: note });
      }
      return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), filename: `问题清单导入模板-${batch.name}.xlsx` };
    },

    /** Validates the file; with mode commit and no error, inserts every row in one transaction. */
    async run(actor: Actor, auditAs: AuditActor, batchId: number, mode: 'validate' | 'commit', body: unknown): Promise<ProblemImportResult> {
      const batch = await rectification.issuerBatch(actor, batchId);
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('E_IMPORT_FILE', '请上传 Excel 文件（.xlsx）作为请求体');
      if (body.length > PROBLEM_IMPORT_MAX_BYTES) throw new AppError('E_PAYLOAD_TOO_LARGE', `文件超过 ${PROBLEM_IMPORT_MAX_BYTES / 1024 / 1024} MB`);
      if (body.readUInt32LE(0) !== 0x04034b50) throw new AppError('E_IMPORT_FILE', '上传的文件不是 .xlsx 格式（Excel 2007 及以上）；如为 .xls 或 .csv，请在 Excel 中另存为 .xlsx 后重新上传');
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(body as unknown as ArrayBuffer);
      } catch {
        throw new AppError('E_IMPORT_FILE');
      }
      const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets.find((w) => w.state !== 'hidden' && w.name !== '填写说明' && w.name !== '代码表');
      if (!sheet) throw new AppError('E_IMPORT_FILE', '文件中没有工作表');

      const errors: ProblemImportError[] = [];
      let errorCount = 0;
      let columns: Map<ColumnKey, { index: number; text: string }> | null = null;
      let headerRow = 1;
      const addError = (row: number, key: ColumnKey, message: string) => {
        errorCount += 1;
        if (errors.length >= MAX_ERRORS) return;
        const col = columns?.get(key);
        errors.push({ row, column: col ? columnLetter(col.index) : '', field: col?.text ?? IMPORT_COLUMNS.find((c) => c.key === key)!.header, message: `第 ${row} 行：${message}` });
      };

      for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
        const found = new Map<ColumnKey, { index: number; text: string }>();
        sheet.getRow(r).eachCell((cell, col) => {
          const text = cellText(cell.value);
          const column = text === null ? undefined : HEADER_INDEX.get(normalizeHeader(text));
          if (column && !found.has(column.key)) found.set(column.key, { index: col, text: text! });
        });
        if (found.has('org') && found.has('description')) {
          columns = found;
          headerRow = r;
          break;
        }
      }
      if (!columns) throw new AppError('E_IMPORT_FILE', `未找到表头：前 ${HEADER_SEARCH_ROWS} 行中应有「责任组织」「问题描述」「问题类别」「整改时限」等栏目`);
      const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns!.has(c.key));
      if (missing.length > 0) {
        const message = `缺少必填栏目：${missing.map((c) => `「${c.header}」`).join('')}`;
        return { mode, valid: false, rows: 0, created: 0, errors: missing.map((c) => ({ row: headerRow, column: '', field: c.header, message })) };
      }

      const today = shanghaiDate(clock());
      const categories = await categoryList();
      const categoryByText = new Map<string, string>();
      for (const c of categories) {
        categoryByText.set(normalizeText(c.code), c.code);
        categoryByText.set(normalizeText(c.label), c.code);
      }
      const orgList = await orgsBelow(batch.issuing_org_path);
      const byName = new Map<string, number[]>();
      const byShort = new Map<string, number[]>();
      const push = (map: Map<string, number[]>, key: string, id: number) => map.set(key, [...(map.get(key) ?? []), id]);
      for (const o of orgList) {
        push(byName, o.name.replace(/\s+/gu, ''), o.id);
        if (o.short_name) push(byShort, o.short_name.replace(/\s+/gu, ''), o.id);
      }

      const ready: ReadyRow[] = [];
      let dataRows = 0;
      const cols = columns;
      const cellOf = (row: ExcelJS.Row, key: ColumnKey) => {
        const c = cols.get(key);
        return c ? row.getCell(c.index).value : null;
      };
      for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (IMPORT_COLUMNS.every((c) => cellText(cellOf(row, c.key)) === null)) continue;
        dataRows += 1;
        if (dataRows > MAX_ROWS) {
          addError(r, 'description', `一次最多导入 ${MAX_ROWS} 个问题，请分成几个文件`);
          break;
        }
        let ok = true;
        const fail = (key: ColumnKey, message: string) => {
          ok = false;
          addError(r, key, message);
        };
        // 责任组织
        const orgText = compactText(cellOf(row, 'org'));
        let orgId = 0;
        if (orgText === null) fail('org', '责任组织不能为空');
        else {
          const exact = byName.get(orgText);
          const short = byShort.get(orgText);
          const ids = exact && exact.length > 0 ? exact : (short ?? []);
          if (ids.length === 0) fail('org', `责任组织「${orgText}」不是「${batch.issuing_org_name}」的下级党组织`);
          else if (ids.length > 1) fail('org', `责任组织「${orgText}」有 ${ids.length} 个同名组织，请填写全称`);
          else orgId = ids[0]!;
        }
        // 问题描述
        const description = parseTextCell(cellOf(row, 'description'), '问题描述', 2000);
        if (!description.ok) fail('description', description.message);
        else if (description.value === null) fail('description', '问题描述不能为空');
        // 问题类别
        const categoryText = cellText(cellOf(row, 'category'));
        let category = '';
        if (categoryText === null) fail('category', '问题类别不能为空');
        else {
          const code = categoryByText.get(normalizeText(categoryText));
          if (!code) fail('category', `问题类别「${categoryText}」无法识别，可填：${categories.map((c) => c.label).join('、')}`);
          else category = code;
        }
        // 严重程度
        const severityText = cellText(cellOf(row, 'severity'));
        let severity = 'general';
        if (severityText !== null) {
          const code = SEVERITY_BY_TEXT.get(normalizeText(severityText).replace(/\s+/gu, ''));
          if (!code) fail('severity', `严重程度「${severityText}」无法识别，可填：一般、较重、严重`);
          else severity = code;
        }
        // 整改时限
        const deadline = parseDateCell(cellOf(row, 'deadline'), '整改时限');
        let deadlineValue = '';
        if (!deadline.ok) fail('deadline', deadline.message);
        else if (deadline.value === null) fail('deadline', '整改时限不能为空');
        else if (deadline.value < today) fail('deadline', `整改时限 ${deadline.value} 早于今天`);
        else if (deadline.value < batch.issued_on) fail('deadline', `整改时限 ${deadline.value} 早于批次的下发日期`);
        else deadlineValue = deadline.value;
        // 责任人
        const person = parseTextCell(cellOf(row, 'person'), '责任人', 50);
        if (!person.ok) fail('person', person.message);
        if (ok && description.ok && person.ok) {
          ready.push({ row: r, orgId, description: description.value!, category, severity, deadline: deadlineValue, person: person.value });
        }
      }
      if (dataRows === 0 && errorCount === 0) {
        return { mode, valid: false, rows: 0, created: 0, errors: [{ row: headerRow + 1, column: '', field: '', message: '文件中没有问题数据' }] };
      }
      const valid = errorCount === 0;
      if (!valid || mode === 'validate') return { mode, valid, rows: dataRows, created: 0, errors };

      const now = clock();
      await db.transaction(async (tx) => {
        for (let i = 0; i < ready.length; i += 200) {
          const chunk = ready.slice(i, i + 200);
          const inserted = await tx
            .insert(problems)
            .values(
              chunk.map((p) => issuedProblemRow(batch, { responsibleOrgId: p.orgId, responsiblePerson: p.person, description: p.description, category: p.category, severity: p.severity, deadline: p.deadline }, actor.userId, now)),
            )
            .returning({ id: problems.id });
          await tx.insert(problemEvents).values(inserted.map((p, j) => ({ problemId: p.id, kind: 'issued', note: '由问题清单导入', detail: { batchId: batch.id, row: chunk[j]!.row }, actorUserId: actor.userId, occurredAt: now })));
        }
        await appendAudit(tx, auditAs, { action: 'rectification.import', targetType: 'rectification_batch', targetId: batch.id, orgId: batch.issuing_org_id, after: { rows: ready.length } }, now);
      });
      return { mode, valid: true, rows: dataRows, created: ready.length, errors: [] };
    },
  };
}

export type ProblemImportService = ReturnType<typeof createProblemImportService>;
