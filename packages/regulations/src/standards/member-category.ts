import type { CodeTable } from './code-table.js';

/** 人员类别 (datastd §1.3 item 7, §2.6): the national system shows exactly these two values. */
export const MEMBER_CATEGORY_CODES: CodeTable = {
  id: 'memberCategory',
  title: '人员类别',
  standard: '全国党员管理信息系统（人员类别）',
  note: '代码为本项目代码（英文标识），名称与全国党员管理信息系统一致。',
  entries: [
    { code: 'full', label: '正式党员', aliases: ['正式'] },
    { code: 'probationary', label: '预备党员', aliases: ['预备'] },
  ],
};
