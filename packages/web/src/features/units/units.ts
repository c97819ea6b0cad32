// Pure helpers of the units (单位) page: credit-code checks, labels and the request bodies of the form.
// The server decides (packages/server/src/modules/org/units.service.ts); these only guide the form.
import type { Code, CodeTables } from '../../shared/codeTables';
import { labelOf, optionsOf } from '../../shared/codeTables';

/** 行政级别 and 领导机构 codes, as the server accepts them. */
export type UnitAdminLevel = 'provincial' | 'prefecture' | 'county';
export type UnitLeadingBody = 'leading_party_group' | 'party_committee' | 'none';

/**
 * The code tables with the unit lists the server sends (GET /api/meta/code-tables); optional, so a
 * server that does not send them yet leaves the codes shown as they are.
 */
export type UnitCodeTables = CodeTables & {
  unitAdminLevels?: Code[];
  unitLeadingBodies?: Code[];
};

/** 统一社会信用代码 (GB 32100): the server's pattern (no I, O, Z, S, V). */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const CREDIT_CODE_LENGTH = 18;
export const CREDIT_CODE_HINT = '18 位数字或大写字母（不含 I、O、Z、S、V），可不填';
export const CREDIT_CODE_MESSAGE = '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）';

/** The code as the server stores it: trimmed and upper-cased, null when empty. */
export function normalizeCreditCode(value: string | null | undefined): string | null {
  const code = (value ?? '').trim().toUpperCase();
  return code === '' ? null : code;
}

/** Whether a (non-empty) value is a well-formed credit code once normalized; empty is fine (optional field). */
export function isValidCreditCode(value: string | null | undefined): boolean {
  const code = normalizeCreditCode(value);
  return code === null || CREDIT_CODE_PATTERN.test(code);
}

/** What the form still lacks: a message while typing a code shorter than 18, or a wrong one; null when fine. */
export function creditCodeProblem(value: string | null | undefined): string | null {
  const code = normalizeCreditCode(value);
  if (code === null || CREDIT_CODE_PATTERN.test(code)) return null;
  if (code.length !== CREDIT_CODE_LENGTH) return `统一社会信用代码应为 18 位（已输入 ${code.length} 位）`;
  return CREDIT_CODE_MESSAGE;
}

export function adminLevelLabel(tables: UnitCodeTables | undefined, code: string | null | undefined): string {
  return labelOf(tables?.unitAdminLevels, code);
}

export function leadingBodyLabel(tables: UnitCodeTables | undefined, code: string | null | undefined): string {
  return labelOf(tables?.unitLeadingBodies, code);
}

export function adminLevelOptions(tables: UnitCodeTables | undefined): { value: string; label: string }[] {
  return optionsOf(tables?.unitAdminLevels);
}

export function leadingBodyOptions(tables: UnitCodeTables | undefined): { value: string; label: string }[] {
  return optionsOf(tables?.unitLeadingBodies);
}

/** Name and short name in one line: 「中共某某局（某某局）」 when the short name says something else. */
export function unitDisplayName(unit: { name: string; shortName: string | null }): string {
  const short = unit.shortName?.trim();
  return short && short !== unit.name ? `${unit.name}（${short}）` : unit.name;
}

/** Where an org of the unit opens: the org page selects by `id` (features/orgs/OrgsPage.tsx). */
export function orgLink(orgId: number): string {
  return `/orgs?id=${orgId}`;
}

/** The form's values, as antd hands them over. */
export interface UnitFormValues {
  name: string;
  shortName?: string | null;
  adminLevel: UnitAdminLevel;
  leadingBody: UnitLeadingBody;
  hasDisciplineCommission?: boolean;
  creditCode?: string | null;
  managingOrgId: number;
}

/** The body of POST /api/units (and the full state PATCH compares against). */
export interface UnitInput {
  name: string;
  shortName: string | null;
  adminLevel: UnitAdminLevel;
  leadingBody: UnitLeadingBody;
  hasDisciplineCommission: boolean;
  creditCode: string | null;
  managingOrgId: number;
}

export function unitInput(values: UnitFormValues): UnitInput {
  return {
    name: values.name.trim(),
    shortName: values.shortName?.trim() || null,
    adminLevel: values.adminLevel,
    leadingBody: values.leadingBody,
    hasDisciplineCommission: values.hasDisciplineCommission === true,
    creditCode: normalizeCreditCode(values.creditCode),
    managingOrgId: values.managingOrgId,
  };
}

/** A unit as the form edits it. */
export function unitFormValues(unit: {
  name: string;
  shortName: string | null;
  adminLevel: string;
  leadingBody: string;
  hasDisciplineCommission: boolean;
  creditCode: string | null;
  managingOrg: { id: number } | null;
}): Partial<UnitFormValues> {
  return {
    name: unit.name,
    shortName: unit.shortName ?? '',
    adminLevel: unit.adminLevel as UnitAdminLevel,
    leadingBody: unit.leadingBody as UnitLeadingBody,
    hasDisciplineCommission: unit.hasDisciplineCommission,
    creditCode: unit.creditCode ?? '',
    ...(unit.managingOrg ? { managingOrgId: unit.managingOrg.id } : {}),
  };
}

/** The PATCH body: only the fields that differ from the unit as loaded (empty when nothing changed). */
export function unitChanges(
  before: {
    name: string;
    shortName: string | null;
    adminLevel: string;
    leadingBody: string;
    hasDisciplineCommission: boolean;
    creditCode: string | null;
    managingOrg: { id: number } | null;
  },
  after: UnitInput,
): Partial<UnitInput> {
  const old: Record<keyof UnitInput, unknown> = {
    name: before.name,
    shortName: before.shortName,
    adminLevel: before.adminLevel,
    leadingBody: before.leadingBody,
    hasDisciplineCommission: before.hasDisciplineCommission,
    creditCode: before.creditCode,
    managingOrgId: before.managingOrg?.id ?? null,
  };
  const changes: Partial<Record<keyof UnitInput, unknown>> = {};
  for (const key of Object.keys(after) as (keyof UnitInput)[]) {
    if (after[key] !== old[key]) changes[key] = after[key];
  }
  return changes as Partial<UnitInput>;
}

/** The form fields the server may name in an error's details. */
export const UNIT_FORM_FIELDS = ['name', 'shortName', 'adminLevel', 'leadingBody', 'hasDisciplineCommission', 'creditCode', 'managingOrgId'] as const;
