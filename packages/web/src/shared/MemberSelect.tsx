import { useState, type CSSProperties } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MemberSummary } from '../api/types';
import { fetchMembers, memberKeys, type MemberListParams } from '../features/members/memberApi';
import { labelOf, useCodeTables } from './codeTables';
import { useDebounced } from './useDebounced';

export interface MemberSelectProps {
  /** The org whose subtree the members are picked from. */
  orgId: number;
  id?: string;
  value?: number | null;
  onChange?: (memberId: number | undefined, member?: MemberSummary) => void;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  /** Members not to offer (already picked elsewhere). */
  exclude?: readonly number[];
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Member picker over an org's subtree, searching the server by name (GET /members, 50 at a time). */
export function MemberSelect({ orgId, id, value, onChange, placeholder, disabled, style, exclude, ...rest }: MemberSelectProps) {
  const codes = useCodeTables().data;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const params: MemberListParams = { orgId, includeSubtree: true, q: q || undefined, page: 1, pageSize: 50 };
  const members = useQuery({ queryKey: memberKeys.list(params), queryFn: () => fetchMembers(params), placeholderData: keepPreviousData });
  // Names of members picked before the list changed, so the selection keeps its label.
  const [picked, setPicked] = useState<Record<number, MemberSummary>>({});

  const items = members.data?.items ?? [];
  const known = new Map<number, MemberSummary>(Object.entries(picked).map(([k, v]) => [Number(k), v]));
  for (const m of items) known.set(m.id, m);
  const excluded = new Set(exclude ?? []);
  const options = items
    .filter((m) => !excluded.has(m.id) || m.id === value)
    .map((m) => ({
      value: m.id,
      label: m.name,
      title: `${m.name}（${m.orgName}）`,
      member: m,
    }));
  const current = value !== undefined && value !== null ? known.get(value) : undefined;
  if (current && !options.some((o) => o.value === current.id)) {
    options.unshift({ value: current.id, label: current.name, title: current.name, member: current });
  }
  const total = members.data?.total ?? 0;

  return (
    <Select<number>
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      placeholder={placeholder ?? '输入姓名搜索党员'}
      disabled={disabled}
      loading={members.isFetching}
      allowClear
      style={{ minWidth: 160, ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
      notFoundContent={members.isError ? '党员加载失败' : members.isFetching ? '加载中…' : q ? `没有姓名包含“${q}”的党员` : '该组织下暂无党员'}
      options={options}
      optionRender={(o) => {
        const m = (o.data as { member: MemberSummary }).member;
        return (
          <span>
            {m.name}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {labelOf(codes?.memberCategories, m.category)} · {m.orgName}
            </Typography.Text>
          </span>
        );
      }}
      popupRender={(menu) => (
        <>
          {menu}
          {total > items.length ? (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
              共 {total} 名，显示前 {items.length} 名，请输入姓名缩小范围
            </Typography.Text>
          ) : null}
        </>
      )}
      onChange={(v) => {
        setSearch('');
        if (v === undefined || v === null) {
          onChange?.(undefined);
          return;
        }
        const m = known.get(v);
        if (m) setPicked((p) => ({ ...p, [v]: m }));
        onChange?.(v, m);
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
