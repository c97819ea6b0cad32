import { useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Empty, Input, List, Spin, Tag, Tree, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgDetail, OrgSummary } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { fetchOrgChildren, fetchOrgRoots, orgKeys, searchOrgs } from '../../shared/orgApi';

interface TreeNode {
  key: number;
  title: React.ReactNode;
  isLeaf: boolean;
  children?: TreeNode[];
}

export interface OrgTreeHandle {
  /** Reload the list under `parentId` (null: the roots) after a change. */
  reload: (parentId: number | null) => Promise<void>;
}

interface OrgTreePanelProps {
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Detail of the selected org: its ancestors are expanded so it shows in the tree. */
  selectedDetail: OrgDetail | undefined;
  handleRef: React.RefObject<OrgTreeHandle | null>;
}

function nodeTitle(org: OrgSummary): React.ReactNode {
  return (
    <span>
      {org.name}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {org.typeLabel}
      </Typography.Text>
      {org.status !== 'active' ? (
        <Tag style={{ marginInlineStart: 6 }}>{org.statusLabel}</Tag>
      ) : null}
    </span>
  );
}

/** Lazy organization tree (roots, then children on expand) with a server-side name search. */
export function OrgTreePanel({ selectedId, onSelect, selectedDetail, handleRef }: OrgTreePanelProps) {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots });
  const [childrenOf, setChildrenOf] = useState<Record<number, OrgSummary[]>>({});
  // Mirror of childrenOf for async loaders (which must not load a list twice).
  const childrenRef = useRef(childrenOf);
  // null until the user expands or collapses a node: then a single root starts opened.
  const [expandedState, setExpanded] = useState<number[] | null>(null);
  const onlyRoot = roots.data?.length === 1 ? roots.data[0] : undefined;
  const expanded = expandedState ?? (onlyRoot?.hasChildren ? [onlyRoot.id] : []);
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: orgKeys.search({ q, pageSize: 50 }),
    queryFn: () => searchOrgs({ q, pageSize: 50 }),
    enabled: q !== '',
  });

  const loadChildren = async (orgId: number, fresh = false) => {
    if (!fresh && childrenRef.current[orgId]) return;
    const kids = await queryClient.fetchQuery({
      queryKey: orgKeys.children(orgId),
      queryFn: () => fetchOrgChildren(orgId),
      staleTime: fresh ? 0 : 30_000,
    });
    childrenRef.current = { ...childrenRef.current, [orgId]: kids };
    setChildrenOf(childrenRef.current);
  };

  useImperativeHandle(handleRef, () => ({
    reload: async (parentId) => {
      // A list never loaded needs no refresh; a root's parent lies outside the scope: refresh the roots.
      if (parentId === null || childrenRef.current[parentId] === undefined) {
        await queryClient.invalidateQueries({ queryKey: orgKeys.roots() });
      } else {
        await loadChildren(parentId, true);
      }
    },
  }));

  // Reveal the selected org (e.g. picked from the search results) by expanding its ancestors.
  useEffect(() => {
    if (!selectedDetail) return;
    const ancestorIds = selectedDetail.ancestors.map((a) => a.id).filter((id) => id !== selectedDetail.id);
    let cancelled = false;
    void (async () => {
      for (const id of ancestorIds) {
        if (cancelled) return;
        await loadChildren(id).catch(() => undefined);
      }
      // A root has no ancestors to open: leave the default (a single root starts opened) as it is.
      if (!cancelled && ancestorIds.length > 0) setExpanded((keys) => [...new Set([...(keys ?? expanded), ...ancestorIds])]);
    })();
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another org is selected
  }, [selectedDetail?.id]);

  const build = (list: OrgSummary[]): TreeNode[] =>
    list.map((o) => {
      const kids = childrenOf[o.id];
      return { key: o.id, title: nodeTitle(o), isLeaf: !o.hasChildren, ...(kids ? { children: build(kids) } : {}) };
    });

  return (
    <div className="org-tree-panel">
      <Input.Search
        placeholder="按名称搜索组织"
        allowClear
        enterButton
        aria-label="搜索组织"
        onSearch={(value) => setQ(value.trim())}
        onChange={(e) => {
          if (e.target.value === '') setQ('');
        }}
        style={{ marginBottom: 12 }}
      />
      {q !== '' ? (
        <>
          {results.isError ? <ErrorAlert error={results.error} /> : null}
          <List
            size="small"
            loading={results.isFetching}
            header={
              <Typography.Text type="secondary">
                {results.data ? `找到 ${results.data.total} 个组织${results.data.total > results.data.items.length ? `，显示前 ${results.data.items.length} 个` : ''}` : '搜索中…'}
              </Typography.Text>
            }
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有名称包含“${q}”的组织`} /> }}
            dataSource={results.data?.items ?? []}
            renderItem={(o) => (
              <List.Item
                className="clickable-row"
                onClick={() => onSelect(o.id)}
                style={o.id === selectedId ? { background: '#fff1f0' } : undefined}
              >
                <List.Item.Meta
                  title={nodeTitle(o)}
                  description={<span style={{ fontSize: 12 }}>{o.pathNames || '（管理范围根组织）'}</span>}
                />
              </List.Item>
            )}
          />
        </>
      ) : (
        <>
          {roots.isError ? <ErrorAlert error={roots.error} onRetry={() => void roots.refetch()} /> : null}
          {roots.isPending ? <Spin /> : null}
          {roots.data && roots.data.length === 0 ? <Empty description="当前管理范围内没有组织" /> : null}
          {roots.data && roots.data.length > 0 ? (
            <Tree<TreeNode>
              blockNode
              showLine
              treeData={build(roots.data)}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              loadData={(node) => loadChildren(Number(node.key))}
              selectedKeys={selectedId !== null ? [selectedId] : []}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) onSelect(Number(key));
              }}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
