/**
 * The 党员花名册 (member roster) columns, in the order users expect (datastd §3.1): one definition for the import
 * template, the Excel import (which columns are read and how headers are recognized) and the roster export.
 * Pure: no I/O.
 */
import { MEMBER_CODE_TABLES, normalizeText, type CodeTable } from '@dangjian/regulations';

export type RosterKey =
  | 'index'
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'nativePlace'
  | 'education'
  | 'degree'
  | 'category'
  | 'joinedOn'
  | 'fullMemberOn'
  | 'standingYears'
  | 'jobPosition'
  | 'unit'
  | 'position'
  | 'rank'
  | 'org'
  | 'phone'
  | 'status'
  | 'note';

export interface RosterColumn {
  key: RosterKey;
  /** The header as written in the template and the export. */
  header: string;
  /** Other headers accepted on import (compared after `normalizeHeader`). */
  synonyms: readonly string[];
  /** Column width in the template and the export (characters). */
  width: number;
  /** Read by the import. Derived columns (序号, 党龄) and 备注 are not. */
  imported: boolean;
  /** The import refuses a file without this column and a row with the cell blank. */
  required: boolean;
  /** How to fill it in, for the 填写说明 sheet. */
  help: string;
  /** The code table whose values the column accepts (code, name or alias), offered as a dropdown. */
  codeTable?: CodeTable;
  /** The value of the template's example row. */
  example: string;
  /** Stored as text in the template (long digit strings and leading zeros survive Excel). */
  text?: boolean;
}

/** The roster statuses an imported member may have (在册); members who left are not imported. */
export const IMPORTABLE_STATUS_LABELS = ['正常', '流动', '失联', '停止党籍'] as const;

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: 'index', header: '序号', synonyms: ['编号', '序'], width: 6, imported: false, required: false, help: '可不填；导入时不读取。序号填「示例」的行不导入。', example: '示例' },
  { key: 'name', header: '姓名', synonyms: ['党员姓名'], width: 10, imported: true, required: true, help: '与居民身份证一致；姓名中的空格会被去掉。', example: '张晓明' },
  { key: 'gender', header: '性别', synonyms: [], width: 6, imported: true, required: true, help: '男或女（也可填男性、女性、1、2）；须与公民身份号码一致。', codeTable: MEMBER_CODE_TABLES.gender, example: '男' },
  { key: 'ethnicity', header: '民族', synonyms: [], width: 10, imported: true, required: false, help: '民族全称（如 汉族）或 GB/T 3304 代码（如 01）。', codeTable: MEMBER_CODE_TABLES.ethnicity, example: '汉族' },
  {
    key: 'birthDate',
    header: '出生日期',
    synonyms: ['出生年月', '出生年月日', '出生时间', '生日'],
    width: 12,
    imported: true,
    required: false,
    help: '精确到日，如 1985-07-01、1985.7.1、1985年7月1日、19850701；不填则取公民身份号码中的出生日期。',
    example: '1985-07-01',
  },
  {
    key: 'idNumber',
    header: '公民身份号码',
    synonyms: ['公民身份证号码', '公民身份证号', '身份证号', '身份证号码', '居民身份证号码', '居民身份证号', '身份证'],
    width: 21,
    imported: true,
    required: true,
    help: '18位公民身份号码（旧的15位号码会自动升级）；请将该列设为文本格式，否则 Excel 会把末几位变成 0。用于识别重复登记。',
    example: '110105198507010013',
    text: true,
  },
  { key: 'nativePlace', header: '籍贯', synonyms: [], width: 12, imported: true, required: false, help: '如 辽宁沈阳，不超过 50 字。', example: '辽宁沈阳' },
  { key: 'education', header: '学历', synonyms: ['最高学历', '文化程度'], width: 12, imported: true, required: false, help: '党内统计学历名称（如 大学、硕士研究生、省(区、市)委党校大学）或代码。', codeTable: MEMBER_CODE_TABLES.education, example: '大学' },
  { key: 'degree', header: '学位', synonyms: ['最高学位'], width: 8, imported: true, required: false, help: '学士、硕士、博士、名誉博士；无学位不填。', codeTable: MEMBER_CODE_TABLES.degree, example: '学士' },
  {
    key: 'category',
    header: '人员类别',
    synonyms: ['党员类别', '正式/预备', '预备/正式', '正式或预备'],
    width: 10,
    imported: true,
    required: true,
    help: '正式党员或预备党员（也可填 正式、预备）。',
    codeTable: MEMBER_CODE_TABLES.memberCategory,
    example: '正式党员',
  },
  { key: 'joinedOn', header: '入党日期', synonyms: ['入党时间', '入党年月'], width: 12, imported: true, required: true, help: '支部大会通过接收为预备党员的日期，精确到日。', example: '2010-07-01' },
  {
    key: 'fullMemberOn',
    header: '转正日期',
    synonyms: ['转正时间', '转为正式党员日期', '转正年月'],
    width: 12,
    imported: true,
    required: false,
    help: '正式党员必填，预备党员不填；精确到日。预备期满日期由系统按规定计算。',
    example: '2011-07-01',
  },
  { key: 'standingYears', header: '党龄', synonyms: [], width: 6, imported: false, required: false, help: '由系统从转正日期计算，导入时不读取。', example: '' },
  {
    key: 'jobPosition',
    header: '工作岗位',
    synonyms: ['岗位'],
    width: 16,
    imported: true,
    required: false,
    help: '党内统计工作岗位名称（如 公务员、参照公务员法管理的工作人员、退休人员）或代码。',
    codeTable: MEMBER_CODE_TABLES.jobPosition,
    example: '公务员',
  },
  { key: 'unit', header: '工作单位', synonyms: ['所在单位', '单位'], width: 20, imported: true, required: false, help: '须是系统中已登记的单位名称（全称或简称）；不填则不登记。', example: '' },
  { key: 'position', header: '职务', synonyms: ['工作单位职务', '行政职务', '现任职务'], width: 12, imported: true, required: false, help: '在工作单位担任的职务，如 副处长，不超过 50 字。', example: '科员' },
  { key: 'rank', header: '职级', synonyms: [], width: 14, imported: true, required: false, help: '如 一级主任科员，不超过 50 字。', example: '一级主任科员' },
  {
    key: 'org',
    header: '所在党组织',
    synonyms: ['所在党支部', '所在支部', '党支部', '党组织'],
    width: 24,
    imported: true,
    required: false,
    help: '党支部（含联合、临时党支部）的全称或简称，须在导入到的组织之内；导入到党支部时可不填。',
    example: '',
  },
  {
    key: 'phone',
    header: '联系电话',
    synonyms: ['手机号码', '手机号', '手机', '电话', '联系方式', '电话号码'],
    width: 14,
    imported: true,
    required: false,
    help: '11位手机号码，或带区号的固定电话（如 010-12345678）。',
    example: '13800138000',
    text: true,
  },
  {
    key: 'status',
    header: '党籍状态',
    synonyms: ['党员状态', '状态'],
    width: 10,
    imported: true,
    required: false,
    help: `${IMPORTABLE_STATUS_LABELS.join('、')}；不填为正常。已出党、死亡或转出的党员不导入。`,
    example: '正常',
  },
  { key: 'note', header: '备注', synonyms: [], width: 16, imported: false, required: false, help: '导入时不读取。', example: '' },
];

export const ROSTER_COLUMN_BY_KEY: Readonly<Record<RosterKey, RosterColumn>> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c])) as Record<RosterKey, RosterColumn>;

/**
 * A header cell as compared: NFKC (full-width letters and brackets become half-width), no whitespace, without
 * required-field marks (`*`, `★`) and without a trailing remark in brackets (`入党日期（必填）`, `出生日期(年月日)`).
 */
export function normalizeHeader(text: string): string {
  return normalizeText(text)
    .replace(/[*★※]/gu, '')
    .replace(/\([^()]*\)$/u, '')
    .replace(/[:：]$/u, '');
}

const HEADER_INDEX: ReadonlyMap<string, RosterColumn> = new Map(
  ROSTER_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c] as const)),
);

/** The roster column a header cell names, or undefined. */
export function matchHeader(text: string): RosterColumn | undefined {
  return HEADER_INDEX.get(normalizeHeader(text));
}

/** The Excel column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
