// The server's code tables (GET /api/meta/code-tables): the Chinese names of org types, statuses,
// roles, member categories, genders, committee posts, election methods, term stages, warning kinds, post sources,
// term adjustments, org history events, member record codes (民族, 学历, 学位, 工作岗位), lifecycle actions, transfer
// statuses and timeline events, which org type may sit under which and which has a committee. They are defined
// once, on the server (packages/server/src/modules/meta/meta.routes.ts); the web only asks for them.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAuthState } from '../features/auth/auth';

export interface Code {
  code: string;
  label: string;
}

export interface OrgTypeCode extends Code {
  allowedChildTypes: string[];
  /** 设委员会（书记）并进行换届: not 工委, not 党小组. */
  hasCommittee?: boolean;
}

export interface CodeTables {
  orgTypes: OrgTypeCode[];
  orgStatuses: Code[];
  roles: Code[];
  memberCategories: Code[];
  memberStatuses: Code[];
  genders: Code[];
  /** 班子职务 and 选举方式: optional, a server that does not send them yet leaves the codes shown as they are. */
  committeePosts?: Code[];
  electionMethods?: Code[];
  /** 任期阶段, 预警类别, 班子成员产生方式, 延期/提前换届, 组织沿革事项: optional as above. */
  termStages?: Code[];
  warningKinds?: Code[];
  postSources?: Code[];
  adjustmentKinds?: Code[];
  orgHistoryEvents?: Code[];
  statisticsCategories?: Code[];
  /** Member record codes (GB/T 3304 民族, 党统学历/学位, 工作岗位), 党员生命周期事项, 转接状态, 时间线事项: optional as above. */
  ethnicities?: Code[];
  educations?: Code[];
  degrees?: Code[];
  jobPositions?: Code[];
  lifecycleActions?: Code[];
  transferStatuses?: Code[];
  memberEventKinds?: Code[];
  /** 信息更正申请的状态 (open, accepted, rejected). */
  correctionStatuses?: Code[];
  /** Chinese names of a member's fields, as server messages and the import template use them. */
  memberFields?: Code[];
  transferKinds?: Code[];
  unitAdminLevels?: Code[];
  unitLeadingBodies?: Code[];
  /** Organizational life: 活动类型, 活动状态, 出勤情况, 亮灯, and the obligations judged by meetings.frequency. */
  activityTypes?: Code[];
  activityStatuses?: Code[];
  attendanceStatuses?: Code[];
  lights?: Code[];
  obligations?: Code[];
  /** 问题整改: 问题来源, 问题状态, 严重程度, 整改过程事项. */
  rectificationSources?: Code[];
  problemStatuses?: Code[];
  problemSeverities?: Code[];
  problemEventKinds?: Code[];
}

export const codeTablesQuery = queryOptions({
  queryKey: ['code-tables'],
  queryFn: () => api.get<CodeTables>('/meta/code-tables'),
  // Fixed for the life of a server version: fetched once per session.
  staleTime: Infinity,
});

/** The code tables; only fetched for a logged-in user (the server answers 401 otherwise). */
export function useCodeTables() {
  const auth = useAuthState();
  return useQuery({ ...codeTablesQuery, enabled: auth.data?.status === 'authenticated' });
}

/** The label of a code: the code itself when the table (not loaded yet) does not know it, '—' for no code. */
export function labelOf(list: readonly Code[] | undefined, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return list?.find((c) => c.code === code)?.label ?? code;
}

/** Options for a Select, in the server's order; none while the table is loading. */
export function optionsOf(list: readonly Code[] | undefined): { value: string; label: string }[] {
  return (list ?? []).map((c) => ({ value: c.code, label: c.label }));
}

/** The value when the table knows it (for codes read from a URL), otherwise undefined. */
export function knownCode(list: readonly Code[] | undefined, value: string | null | undefined): string | undefined {
  return value && list?.some((c) => c.code === value) ? value : undefined;
}

/**
 * Whether an org of this type has a committee (班子成员) and holds elections (换届), as the code tables
 * say; false until they are loaded or for a type they do not know. The server decides (E_COMMITTEE_NOT_APPLICABLE).
 */
export function hasCommittee(tables: Pick<CodeTables, 'orgTypes'> | undefined, orgType: string): boolean {
  return tables?.orgTypes.find((t) => t.code === orgType)?.hasCommittee === true;
}

/**
 * The org types that may be created under an org of `parentType`: a guide for the create form,
 * the server decides. Every type when the parent's type is unknown; none until the tables are loaded.
 */
export function childTypesOf(tables: Pick<CodeTables, 'orgTypes'> | undefined, parentType: string): Code[] {
  if (!tables) return [];
  const parent = tables.orgTypes.find((t) => t.code === parentType);
  if (!parent) return tables.orgTypes.map(({ code, label }) => ({ code, label }));
  return parent.allowedChildTypes.map((code) => ({ code, label: labelOf(tables.orgTypes, code) }));
}
