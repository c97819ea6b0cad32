/** National standards and Party-statistics code tables for the member roster, ID numbers and phones. Pure. */
import type { CodeTable } from './code-table.js';
import { DEGREE_CODES } from './degree.js';
import { EDUCATION_CODES } from './education.js';
import { ETHNICITY_CODES } from './ethnicity.js';
import { GENDER_CODES } from './gender.js';
import { JOB_POSITION_CODES } from './job-position.js';
import { MEMBER_CATEGORY_CODES } from './member-category.js';
import { MEMBER_STATUS_CODES } from './member-status.js';

export { entryKeys, labelOf, lookupCode, normalizeText, type CodeEntry, type CodeTable } from './code-table.js';
export { DEGREE_CODES } from './degree.js';
export { EDUCATION_CODES } from './education.js';
export { ETHNICITY_CODES } from './ethnicity.js';
export { GENDER_CODES } from './gender.js';
export { JOB_POSITION_CODES } from './job-position.js';
export { MEMBER_CATEGORY_CODES } from './member-category.js';
export { MEMBER_STATUS_CODES } from './member-status.js';
export { idCheckChar, idNumberAgrees, maskIdNumber, parseIdNumber, type IdNumberParse } from './id-number.js';
export { maskPhone, parsePhone, type PhoneParse } from './phone.js';

/** The code tables of a member record, keyed by table id. */
export const MEMBER_CODE_TABLES = {
  gender: GENDER_CODES,
  ethnicity: ETHNICITY_CODES,
  education: EDUCATION_CODES,
  degree: DEGREE_CODES,
  jobPosition: JOB_POSITION_CODES,
  memberCategory: MEMBER_CATEGORY_CODES,
  memberStatus: MEMBER_STATUS_CODES,
} as const satisfies Record<string, CodeTable>;

export type MemberCodeTableId = keyof typeof MEMBER_CODE_TABLES;
