import type { CodeTable } from './code-table.js';

/**
 * 学位, first level of GB/T 6864-2003 (datastd §2.4, unverified). The full standard adds two digits for the
 * discipline (哲学, 经济学, …, 专业学位); the roster needs only the level.
 */
export const DEGREE_CODES: CodeTable = {
  id: 'degree',
  title: '学位',
  standard: 'GB/T 6864-2003（第一层）',
  note:
    '代码未核实：本表取 GB/T 6864-2003 代码首位所表示的层次——1 名誉博士、2 博士、3 硕士、4 学士（datastd §2.4 所述的层次顺序；一所高校公开的学位代码接口以 1 为名誉博士学位，与此一致）。' +
    '公开代码样本并不一致（有的用 1 博士、2 硕士、3 学士），因此导入时以名称为准，代码须与标准正式文本核对后再对外交换。别名：博士学位、硕士学位、学士学位、名誉博士学位。',
  entries: [
    { code: '1', label: '名誉博士', aliases: ['名誉博士学位'] },
    { code: '2', label: '博士', aliases: ['博士学位'] },
    { code: '3', label: '硕士', aliases: ['硕士学位'] },
    { code: '4', label: '学士', aliases: ['学士学位'] },
  ],
};
