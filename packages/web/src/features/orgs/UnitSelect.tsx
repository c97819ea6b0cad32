import { useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrgRef, Unit } from '../../api/types';
import { fetchUnits, unitKeys } from '../../shared/orgApi';
import { useDebounced } from '../../shared/useDebounced';

export interface UnitSelectProps {
  id?: string;
  value?: number[];
  onChange?: (unitIds: number[]) => void;
  /** Units already chosen (the org's own), so they keep their names before any search. */
  initial?: readonly OrgRef[];
  /** At most this many (20, an org's limit, unless told: a member's 工作单位 is one). */
  maxCount?: number;
  placeholder?: string;
  'aria-invalid'?: boolean;
}

/** Multi-select of 单位, searching GET /units by name; the chosen ones keep their names whatever the search. */
export function UnitSelect({ id, value, onChange, initial, maxCount = 20, placeholder, ...rest }: UnitSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  // Loaded once the list is first opened: the chosen units' names come with the org.
  const [opened, setOpened] = useState(false);
  const units = useQuery({ queryKey: unitKeys.list(q), queryFn: () => fetchUnits(q), placeholderData: keepPreviousData, enabled: opened });
  // Names of every unit seen, so a choice keeps its label when the search moves on.
  const [picked, setPicked] = useState<Record<number, string>>({});
  const names = new Map<number, string>((initial ?? []).map((u) => [u.id, u.name]));
  for (const [k, v] of Object.entries(picked)) names.set(Number(k), v);
  for (const u of units.data ?? []) names.set(u.id, u.name);

  return (
    <Select<{ value: number; label: string }[]>
      id={id}
      aria-invalid={rest['aria-invalid']}
      data-testid="unit-select"
      mode="multiple"
      labelInValue
      allowClear
      maxCount={maxCount}
      value={(value ?? []).map((v) => ({ value: v, label: names.get(v) ?? `#${v}` }))}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      placeholder={placeholder ?? (maxCount > 1 ? '输入名称搜索单位，可多选' : '输入名称搜索单位')}
      loading={units.isFetching}
      notFoundContent={units.isError ? '单位加载失败' : units.isFetching ? '加载中…' : q ? `没有名称包含“${q}”的单位` : '暂无单位'}
      options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name, unit: u }))}
      optionRender={(o) => {
        // adminLevel and leadingBody are codes without labels in the code tables yet: the short name only.
        const u = (o.data as { unit: Unit }).unit;
        return (
          <span>
            {u.name}
            {u.shortName && u.shortName !== u.name ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {u.shortName}
              </Typography.Text>
            ) : null}
          </span>
        );
      }}
      onChange={(chosen) => {
        const list = chosen ?? [];
        setPicked((p) => ({ ...p, ...Object.fromEntries(list.map((c) => [c.value, names.get(c.value) ?? String(c.label)])) }));
        onChange?.(list.map((c) => c.value));
      }}
      onOpenChange={(open) => {
        if (open) setOpened(true);
        else setSearch('');
      }}
    />
  );
}
