import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { fetchOrg, fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { isBranchType, isMonth, monthLabel } from './compliance';
import { complianceKeys, fetchBranchCompliance, fetchComplianceOverview } from './complianceApi';
import { GreenRateTrendChart } from './ComplianceCharts';
import { MonthPicker, ObligationsTable } from './LightDisplay';
import { ChildrenRanking, GreenRateFigure, RedBranches } from './OverviewParts';

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function branchLink(orgId: number, month: string | undefined): string {
  return `/compliance/branch?orgId=${orgId}${month ? `&month=${month}` : ''}`;
}

/**
 * 支部亮灯: the green rate of a supervising organization's branches (the scope root, or ?orgId=), its trend, its
 * child units ranked and its red branches. A branch is shown on its own page (/compliance/branch).
 */
export function CompliancePage() {
  const [sp] = useSearchParams();
  const orgId = positiveInt(sp.get('orgId'));
  const monthParam = sp.get('month');
  const month = isMonth(monthParam) ? monthParam : undefined;
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots, enabled: orgId === undefined });
  const org = useQuery({ queryKey: orgKeys.detail(orgId ?? 0), queryFn: () => fetchOrg(orgId ?? 0), enabled: orgId !== undefined });
  const onlyRoot = roots.data?.length === 1 ? roots.data[0] : undefined;
  const target = orgId !== undefined ? org.data : onlyRoot;
  const pending = orgId !== undefined ? org.isPending && !org.isError : roots.isPending && !roots.isError;

  if (pending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (target && isBranchType(target.type)) return <Navigate replace to={branchLink(target.id, month)} />;
  return <OverviewView orgId={orgId} month={month} />;
}

function OverviewView({ orgId, month }: { orgId: number | undefined; month: string | undefined }) {
  const [sp, setSp] = useSearchParams();
  const overview = useQuery({
    queryKey: complianceKeys.overview(orgId, month),
    queryFn: () => fetchComplianceOverview(orgId, month),
    placeholderData: keepPreviousData,
  });
  const o = overview.data;
  // The organization's own obligations (such as 党委书记讲党课), judged without a light.
  const own = useQuery({
    queryKey: complianceKeys.branch(o?.org.id, month),
    queryFn: () => fetchBranchCompliance(o?.org.id, month),
    enabled: o !== undefined,
  });
  const set = (patch: Record<string, string | number | undefined>, push = false) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: !push });
  };
  // Drilling down is a step the browser's back button undoes.
  const openChild = (id: number) => set({ orgId: id }, true);

  return (
    <>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>支部亮灯</Typography.Title>
          <Typography.Text type="secondary" data-testid="compliance-org">
            {o ? `${o.org.name}（${o.org.typeLabel}）` : '\u00a0'}
          </Typography.Text>
        </div>
        <Space wrap>
          <OrgTreeSelect
            aria-label="组织"
            value={orgId ?? o?.org.id}
            onChange={(id) => set({ orgId: id }, true)}
            allowClear={orgId !== undefined}
            placeholder="当前管理范围"
            style={{ width: 260, maxWidth: '100%' }}
          />
          <MonthPicker value={month} onChange={(m) => set({ month: m })} />
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        按党内法规规定的三会一课等组织生活频次，每个支部每月亮灯：已按要求开展为绿灯，本期尚未开展但期间未结束为黄灯，期间结束仍未开展为红灯。
      </Typography.Paragraph>
      {overview.isError ? <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} /> : null}
      {overview.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {o ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card style={{ height: '100%' }}>
              <GreenRateFigure month={o.month} total={o.total} />
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card title="近 12 个月绿灯率" style={{ height: '100%' }}>
              <GreenRateTrendChart trend={o.trend} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title="下级单位绿灯率排行" extra={<Typography.Text type="secondary">点击查看</Typography.Text>}>
              <ChildrenRanking overview={o} onPick={openChild} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={`红灯支部（${o.redBranchesTotal} 个）`} extra={<Typography.Text type="secondary">{monthLabel(o.month)}</Typography.Text>}>
              <RedBranches overview={o} month={month} />
            </Card>
          </Col>
          {own.data && own.data.obligations.length > 0 ? (
            <Col xs={24}>
              <Card title={`${o.org.name}自身的组织生活要求`}>
                <ObligationsTable obligations={own.data.obligations} emptyText="没有需要评价的要求" />
              </Card>
            </Col>
          ) : null}
        </Row>
      ) : null}
    </>
  );
}
