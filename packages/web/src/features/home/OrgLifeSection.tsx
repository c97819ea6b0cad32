// 组织生活 on the dashboard: for a branch, this month's obligations, the last 12 lights and 月提示; for a
// supervising organization, the green rate of its branches with the trend, its child units ranked and the red
// branches counted (each leading to 支部亮灯).
import { Button, Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { isBranchType, monthLabel } from '../compliance/compliance';
import { complianceKeys, fetchBranchCompliance, fetchComplianceOverview } from '../compliance/complianceApi';
import { GreenRateTrendChart } from '../compliance/ComplianceCharts';
import { DigestCard } from '../compliance/DigestCard';
import { LightTag, MonthLights, ObligationsTable } from '../compliance/LightDisplay';
import { ChildrenRanking, GreenRateFigure } from '../compliance/OverviewParts';

export function OrgLifeSection({ org, canRecord }: { org: { id: number; type: string }; canRecord: boolean }) {
  return isBranchType(org.type) ? <BranchSection orgId={org.id} canRecord={canRecord} /> : <OverviewSection orgId={org.id} />;
}

function BranchSection({ orgId, canRecord }: { orgId: number; canRecord: boolean }) {
  const navigate = useNavigate();
  const branch = useQuery({ queryKey: complianceKeys.branch(orgId, undefined), queryFn: () => fetchBranchCompliance(orgId, undefined), placeholderData: keepPreviousData });
  const b = branch.data;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="home-branch-compliance">
      <Col xs={24} xl={14}>
        <Card
          title={
            <Space size={8} wrap>
              <span>本月组织生活</span>
              {b ? <LightTag light={b.light} /> : null}
            </Space>
          }
          extra={<Link to={`/compliance/branch?orgId=${orgId}`}>支部亮灯 <RightOutlined /></Link>}
        >
          {branch.isError ? <ErrorAlert error={branch.error} onRetry={() => void branch.refetch()} /> : null}
          {branch.isPending && !branch.isError ? <Skeleton active /> : null}
          {b ? (
            <>
              <ObligationsTable obligations={b.obligations} emptyText="本月没有需要评价的组织生活要求" asList />
              {canRecord ? (
                <Button type="primary" style={{ marginTop: 12 }} onClick={() => void navigate(`/meetings/new?orgId=${orgId}`)}>
                  记录活动
                </Button>
              ) : null}
            </>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="近 12 个月亮灯">
            {b ? b.lights.length > 0 ? <MonthLights lights={b.lights} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无亮灯记录" /> : <Skeleton active paragraph={{ rows: 2 }} />}
          </Card>
          <DigestCard orgId={orgId} />
        </Space>
      </Col>
    </Row>
  );
}

function OverviewSection({ orgId }: { orgId: number }) {
  const navigate = useNavigate();
  const overview = useQuery({
    queryKey: complianceKeys.overview(orgId, undefined),
    queryFn: () => fetchComplianceOverview(orgId, undefined),
    placeholderData: keepPreviousData,
  });
  const o = overview.data;
  if (overview.isError) return <ErrorAlert error={overview.error} title="组织生活情况未能加载" onRetry={() => void overview.refetch()} />;
  if (!o) return <Skeleton active style={{ marginTop: 16 }} />;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="home-overview-compliance">
      <Col xs={24} lg={8}>
        <Card title="组织生活" extra={<Link to={`/compliance?orgId=${orgId}`}>支部亮灯 <RightOutlined /></Link>} style={{ height: '100%' }}>
          <GreenRateFigure month={o.month} total={o.total} />
          <div style={{ marginTop: 12 }}>
            <Link to={`/compliance?orgId=${orgId}`} data-testid="red-branches-link">
              <Typography.Text type={o.redBranchesTotal > 0 ? 'danger' : 'secondary'}>
                {monthLabel(o.month)}红灯支部 {o.redBranchesTotal} 个
              </Typography.Text>{' '}
              <RightOutlined />
            </Link>
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title="近 12 个月绿灯率" style={{ height: '100%' }}>
          <GreenRateTrendChart trend={o.trend} height={220} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title="下级单位绿灯率排行">
          <ChildrenRanking overview={o} onPick={(id) => void navigate(`/compliance?orgId=${id}`)} chart={false} />
        </Card>
      </Col>
    </Row>
  );
}
