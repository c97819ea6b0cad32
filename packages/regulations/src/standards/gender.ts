import type { CodeTable } from './code-table.js';

/** 性别, GB/T 2261.1-2003 (datastd §2.1). Only 男 and 女 are used for a roster. */
export const GENDER_CODES: CodeTable = {
  id: 'gender',
  title: '性别',
  standard: 'GB/T 2261.1-2003',
  note: '标准另有 0 未知的性别、9 未说明的性别两个代码，党员花名册不使用，因此不在本表中（导入时不接受）。标准名称为"男性""女性"，本表以"男""女"为名称、以标准名称为别名。',
  entries: [
    { code: '1', label: '男', aliases: ['男性', 'M'] },
    { code: '2', label: '女', aliases: ['女性', 'F'] },
  ],
};
