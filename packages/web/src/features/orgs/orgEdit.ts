import dayjs from 'dayjs';
import type { OrgDetail, OrgPatchInput } from '../../api/types';
import { textOrNull, toIsoDate } from '../../shared/format';

/** The 编辑 dialog's fields. 撤销 and 合并 are 机构改革 actions (ReorganizeMenu). */
export interface OrgEditValues {
  name: string;
  shortName?: string;
  code?: string;
  foundedOn?: dayjs.Dayjs | null;
  approvalDoc?: string;
  unitIds?: number[];
  statisticsCategory?: string | null;
}

/** The form fields a server error can name (details[].field). */
export const ORG_EDIT_FIELDS = ['name', 'shortName', 'code', 'foundedOn', 'approvalDoc', 'unitIds', 'statisticsCategory'] as const;

/** The dialog's starting values for an org. */
export function orgEditValues(org: OrgDetail): OrgEditValues {
  return {
    name: org.name,
    shortName: org.shortName ?? '',
    code: org.code ?? '',
    foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null,
    approvalDoc: org.approvalDoc ?? '',
    unitIds: org.units.map((u) => u.id),
    statisticsCategory: org.statisticsCategory,
  };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((id) => y.has(id));
}

/** PATCH /orgs/:id body holding only what changed (texts trimmed, empty → null); {} when nothing did. */
export function orgPatchOf(org: OrgDetail, values: OrgEditValues): OrgPatchInput {
  const body: OrgPatchInput = {};
  const name = values.name.trim();
  if (name !== org.name) body.name = name;
  const shortName = textOrNull(values.shortName);
  if (shortName !== org.shortName) body.shortName = shortName;
  const code = textOrNull(values.code);
  if (code !== org.code) body.code = code;
  const foundedOn = toIsoDate(values.foundedOn);
  if (foundedOn !== org.foundedOn) body.foundedOn = foundedOn;
  const approvalDoc = textOrNull(values.approvalDoc);
  if (approvalDoc !== org.approvalDoc) body.approvalDoc = approvalDoc;
  const unitIds = [...new Set(values.unitIds ?? [])];
  if (!sameIds(unitIds, org.units.map((u) => u.id))) body.unitIds = unitIds;
  const statisticsCategory = values.statisticsCategory ?? null;
  if (statisticsCategory !== org.statisticsCategory) body.statisticsCategory = statisticsCategory;
  return body;
}
