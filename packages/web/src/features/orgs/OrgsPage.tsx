import { useRef } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { OrgDetail } from '../../api/types';
import { fetchOrg, fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { useMe } from '../auth/auth';
import { OrgDetailPanel } from './OrgDetailPanel';
import { OrgTreePanel, type OrgTreeHandle } from './OrgTreePanel';

export function OrgsPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const treeRef = useRef<OrgTreeHandle | null>(null);
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots });
  const paramId = Number(params.get('id'));
  const selectedId = Number.isInteger(paramId) && paramId > 0 ? paramId : (roots.data?.[0]?.id ?? null);
  const detail = useQuery({
    queryKey: orgKeys.detail(selectedId ?? 0),
    queryFn: () => fetchOrg(selectedId ?? 0),
    enabled: selectedId !== null,
  });

  const detailRef = useRef<HTMLDivElement | null>(null);
  const tab = params.get('tab');
  // Another org keeps the tab (to go through the branches' 换届, say); the panel falls back to 基本信息 where it has no such tab.
  const select = (id: number) => {
    setParams(tab ? { id: String(id), tab } : { id: String(id) });
    // Below the lg breakpoint the detail sits under the tree: bring it into view.
    if (window.matchMedia('(max-width: 991px)').matches) {
      detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  };

  const afterChange = async (org: OrgDetail, parentChanged: number | null) => {
    queryClient.setQueryData(orgKeys.detail(org.id), org);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['orgs', 'search'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
      queryClient.invalidateQueries({ queryKey: ['orgs', 'detail'] }),
    ]);
    await treeRef.current?.reload(parentChanged);
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>组织管理</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card title="组织树" styles={{ body: { padding: 12 } }}>
            <OrgTreePanel selectedId={selectedId} onSelect={select} selectedDetail={detail.data} handleRef={treeRef} />
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <Card ref={detailRef}>
            <OrgDetailPanel
              detail={detail.data}
              loading={selectedId !== null && detail.isPending}
              error={detail.error ?? (roots.data?.length === 0 ? null : roots.error)}
              permissions={me.permissions}
              onSelect={select}
              onCreated={(org) => {
                void (async () => {
                  if (org.parentId !== null) {
                    await afterChange(org, org.parentId);
                    const parent = queryClient.getQueryData<OrgDetail>(orgKeys.detail(org.parentId));
                    await treeRef.current?.reload(parent?.parentId ?? null);
                  }
                  select(org.id);
                })();
              }}
              onSaved={(org) => void afterChange(org, org.parentId)}
              scopeRootIds={roots.data?.map((r) => r.id) ?? []}
              onReorganized={({ reloadParents }) => {
                void (async () => {
                  // Counts, parents, members, committees and warnings may all have changed.
                  await Promise.all([
                    queryClient.invalidateQueries({ queryKey: ['orgs'] }),
                    queryClient.invalidateQueries({ queryKey: ['members'] }),
                    queryClient.invalidateQueries({ queryKey: ['warnings'] }),
                    queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
                  ]);
                  for (const parentId of new Set(reloadParents)) await treeRef.current?.reload(parentId);
                })();
              }}
              tab={tab}
              onTabChange={(next) => {
                const p = new URLSearchParams(params);
                if (selectedId !== null) p.set('id', String(selectedId));
                if (next === 'basic') p.delete('tab');
                else p.set('tab', next);
                setParams(p, { replace: true });
              }}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
