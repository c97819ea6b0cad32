import { useMemo, useState, type CSSProperties } from 'react';
import { Tag, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgSummary } from '../api/types';
import { fetchOrg, fetchOrgChildren, fetchOrgRoots, orgKeys, searchOrgs } from './orgApi';
import { useDebounced } from './useDebounced';

export interface OrgTreeSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (orgId: number | undefined, org?: { id: number; name: string }) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}

interface TreeNode {
  value: number;
  title: React.ReactNode;
  label: string;
  isLeaf: boolean;
  children?: TreeNode[];
}

function nodeTitle(org: OrgSummary): React.ReactNode {
  return (
    <span>
      {org.name}
      {org.status !== 'active' ? (
        <Tag style={{ marginInlineStart: 6 }} variant="filled">
          {org.statusLabel}
        </Tag>
      ) : null}
    </span>
  );
}

/**
 * Organization picker over the active scope: loads the roots, then children as nodes expand
 * (never the whole tree), and searches the server by name when the user types.
 */
export function OrgTreeSelect({ id, value, onChange, placeholder, allowClear, disabled, style, ...rest }: OrgTreeSelectProps) {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots });
  const [childrenOf, setChildrenOf] = useState<Record<number, OrgSummary[]>>({});
  // null until the user expands or collapses a node: then a single root starts opened.
  const [expandedState, setExpanded] = useState<(string | number)[] | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const results = useQuery({
    queryKey: orgKeys.search({ q, pageSize: 50 }),
    queryFn: () => searchOrgs({ q, pageSize: 50 }),
    enabled: q !== '',
  });
  const [labels, setLabels] = useState<Record<number, string>>({});

  const onlyRoot = roots.data?.length === 1 ? roots.data[0] : undefined;
  const expanded = expandedState ?? (onlyRoot?.hasChildren ? [onlyRoot.id] : []);

  const known = useMemo(() => {
    const map = new Map<number, string>();
    for (const o of roots.data ?? []) map.set(o.id, o.name);
    for (const list of Object.values(childrenOf)) for (const o of list) map.set(o.id, o.name);
    for (const o of results.data?.items ?? []) map.set(o.id, o.name);
    for (const [k, v] of Object.entries(labels)) map.set(Number(k), v);
    return map;
  }, [roots.data, childrenOf, results.data, labels]);

  const needLabel = value !== undefined && value !== null && !known.has(value);
  const selected = useQuery({
    queryKey: orgKeys.detail(value ?? 0),
    queryFn: () => fetchOrg(value ?? 0),
    enabled: needLabel,
  });

  const treeData = useMemo<TreeNode[]>(() => {
    if (q !== '') {
      return (results.data?.items ?? []).map((o) => ({
        value: o.id,
        label: o.name,
        isLeaf: true,
        title: (
          <span>
            {nodeTitle(o)}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {o.pathNames}
            </Typography.Text>
          </span>
        ),
      }));
    }
    const build = (list: OrgSummary[]): TreeNode[] =>
      list.map((o) => {
        const kids = childrenOf[o.id];
        return {
          value: o.id,
          label: o.name,
          title: nodeTitle(o),
          isLeaf: !o.hasChildren,
          ...(kids ? { children: build(kids) } : {}),
        };
      });
    return build(roots.data ?? []);
  }, [q, results.data, roots.data, childrenOf]);

  const loadData = async (node: { value?: unknown }) => {
    const orgId = Number(node.value);
    if (childrenOf[orgId]) return;
    const kids = await queryClient.fetchQuery({ queryKey: orgKeys.children(orgId), queryFn: () => fetchOrgChildren(orgId) });
    setChildrenOf((m) => ({ ...m, [orgId]: kids }));
  };

  const label = value !== undefined && value !== null ? (known.get(value) ?? selected.data?.name ?? `组织 #${value}`) : undefined;

  return (
    <TreeSelect<{ value: number; label: React.ReactNode } | undefined>
      id={id}
      data-testid={rest['data-testid']}
      aria-label={rest['aria-label']}
      labelInValue
      value={value !== undefined && value !== null ? { value, label } : undefined}
      onChange={(v) => {
        setSearch('');
        if (!v) {
          onChange?.(undefined);
          return;
        }
        const name = known.get(v.value) ?? String(v.label);
        setLabels((m) => ({ ...m, [v.value]: name }));
        onChange?.(v.value, { id: v.value, name });
      }}
      treeData={treeData}
      loadData={q === '' ? loadData : undefined}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map((k) => (typeof k === 'bigint' ? Number(k) : k)))}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      notFoundContent={
        roots.isError ? '组织加载失败' : q !== '' ? (results.isFetching ? '搜索中…' : '没有找到匹配的组织') : '暂无组织'
      }
      loading={roots.isPending || results.isFetching}
      placeholder={placeholder ?? '选择组织（可输入名称搜索）'}
      allowClear={allowClear}
      disabled={disabled}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
