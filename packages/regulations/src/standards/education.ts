import type { CodeTable } from './code-table.js';

/**
 * 学历, the Party-statistics list (datastd §2.3b) in the order of the national system's dropdown. This list, not
 * GB/T 4658-2006, is what the 全国党员管理信息系统 collects: it distinguishes 党校 education, and its codes are
 * alphanumeric (`1A`, `2B`), so they are strings.
 */
export const EDUCATION_CODES: CodeTable = {
  id: 'education',
  title: '学历（党内统计）',
  standard: '党内统计学历代码（全国党员管理信息系统下拉列表；代码据一份统计报表）',
  note:
    '名称和顺序据全国党员管理信息系统的下拉列表，1A、1B、21–24、2A–2D、41、44、47、6、7、8、9 据一份党内统计报表（均为二手资料）。' +
    '该报表未显示博士研究生、硕士研究生、硕士生班（研究生班）的代码，本表借用 GB/T 4658-2006 对应类别的"毕业"代码 11、14、17，待与中组部代码核对。' +
    '注意本表 22 为大专，与 GB/T 4658 的 22（大学本科结业）含义不同。别名收常见写法：博士、硕士、研究生班、本科、大学本科、大本、专科、大学专科、中专、职高、技校、高中、初中毕业、小学毕业、省委党校研究生/大学/大专等。',
  entries: [
    { code: '11', label: '博士研究生', aliases: ['博士'] },
    { code: '14', label: '硕士研究生', aliases: ['硕士'] },
    { code: '17', label: '硕士生班(研究生班)', aliases: ['硕士生班', '研究生班'] },
    { code: '1A', label: '中央党校研究生' },
    { code: '1B', label: '省(区、市)委党校研究生', aliases: ['省委党校研究生'] },
    { code: '21', label: '大学', aliases: ['本科', '大学本科', '大本'] },
    { code: '22', label: '大专', aliases: ['专科', '大学专科'] },
    { code: '23', label: '大学普通班' },
    { code: '24', label: '第二学士学位班' },
    { code: '2A', label: '中央党校大学' },
    { code: '2B', label: '省(区、市)委党校大学', aliases: ['省委党校大学'] },
    { code: '2C', label: '中央党校大专' },
    { code: '2D', label: '省(区、市)委党校大专', aliases: ['省委党校大专'] },
    { code: '41', label: '中等专科', aliases: ['中专', '中等专科(中专)'] },
    { code: '44', label: '职业高中', aliases: ['职高'] },
    { code: '47', label: '技工学校', aliases: ['技校'] },
    { code: '6', label: '普通高中', aliases: ['高中'] },
    { code: '7', label: '初中', aliases: ['初中毕业'] },
    { code: '8', label: '小学', aliases: ['小学毕业'] },
    { code: '9', label: '其他' },
  ],
};
