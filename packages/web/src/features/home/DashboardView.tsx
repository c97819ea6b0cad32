import { useState } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Dashboard } from '../../api/types';
import { hasPermission } from '../../app/access';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useMe } from '../auth/auth';
import { fetchWarnings, recordKeys, type WarningListParams } from '../orgs/orgRecordsApi';
import { RectificationCard } from '../rectification/RectificationCard';
import { BarChartView, PieChartView } from './charts';
import { showsOrgTypeChart } from './dashboard';
import { OrgLifeSection } from './OrgLifeSection';

function hasData(rows: { count: number }[]): boolean {
  return rows.some((r) => r.count > 0);
}

/** Dashboard of the scope root, or of the organization picked in the selector. */
export function DashboardView() {
  const me = useMe();
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const dashboard = useQuery({
    queryKey: ['dashboard', orgId ?? 'root'],
    queryFn: () => api.get<Dashboard>('/dashboard', { orgId }),
    placeholderData: keepPreviousData,
  });
  const d = dashboard.data;
  const navigate = useNavigate();
  // One small request for the count of the scope's warnings (the page lists them).
  const warningParams: WarningListParams = { orgId, page: 1, pageSize: 1 };
  const warnings = useQuery({ queryKey: recordKeys.warnings(warningParams), queryFn: () => fetchWarnings(warningParams), placeholderData: keepPreviousData });
  const warningTotal = warnings.data?.total;
  const orgCount = d ? d.orgCountsByType.reduce((sum, t) => sum + t.count, 0) : 0;
  const typeChart = d ? showsOrgTypeChart(d.orgCountsByType) : false;
  // Without the type chart, the two member charts share a row and the table gets one of its own.
  const chartCol = typeChart ? { xs: 24, lg: 12, xxl: 8 } : { xs: 24, lg: 12, xxl: 12 };
  const tableCol = typeChart ? { xs: 24, lg: 12, xxl: 24 } : { xs: 24 };

  return (
    <>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>首页</Typography.Title>
          <Typography.Text type="secondary" data-testid="dashboard-org">
            {d ? `${d.org.name}（${d.org.typeLabel}）` : '\u00a0'}
          </Typography.Text>
        </div>
        <OrgTreeSelect
          aria-label="统计范围"
          value={orgId ?? d?.org.id}
          onChange={(id) => setOrgId(id)}
          placeholder="选择统计范围"
          allowClear={orgId !== undefined}
          style={{ width: 280, maxWidth: '100%' }}
        />
      </div>
      {dashboard.isError ? <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} /> : null}
      {dashboard.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {d ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={{ flex: '20%' }}>
              <Card>
                <Statistic title="组织数" value={orgCount} suffix="个" />
              </Card>
            </Col>
            <Col xs={12} md={{ flex: '20%' }}>
              <Card>
                <Statistic title="党员总数" value={d.memberTotals.total} suffix="名" />
              </Card>
            </Col>
            <Col xs={12} md={{ flex: '20%' }}>
              <Card>
                <Statistic title="正式党员" value={d.memberTotals.full} suffix="名" />
              </Card>
            </Col>
            <Col xs={12} md={{ flex: '20%' }}>
              <Card>
                <Statistic title="预备党员" value={d.memberTotals.probationary} suffix="名" />
              </Card>
            </Col>
            <Col xs={24} md={{ flex: '20%' }}>
              <Card
                hoverable
                className="clickable-row"
                onClick={() => void navigate(orgId ? `/warnings?orgId=${orgId}` : '/warnings')}
                data-testid="warnings-card"
              >
                <Statistic
                  title="预警"
                  value={warningTotal ?? '—'}
                  suffix={warningTotal !== undefined ? '条' : undefined}
                  loading={warnings.isPending}
                  styles={{ content: { color: warningTotal ? '#cf1322' : undefined } }}
                />
              </Card>
            </Col>
          </Row>
          {hasPermission(me.permissions, 'rectification:read') ? <RectificationCard orgId={orgId} /> : null}
          {hasPermission(me.permissions, 'meeting:read') ? <OrgLifeSection org={d.org} canRecord={hasPermission(me.permissions, 'meeting:write')} /> : null}
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {typeChart ? (
              <Col {...chartCol}>
                <Card title="组织类型分布">
                  <BarChartView
                    data={d.orgCountsByType.filter((t) => t.count > 0)}
                    seriesName="组织数"
                    ariaLabel="按组织类型统计的组织数柱状图"
                  />
                </Card>
              </Col>
            ) : null}
            <Col {...chartCol}>
              <Card title="党员年龄分布">
                {hasData(d.membersByAgeBand) ? (
                  <BarChartView data={d.membersByAgeBand} seriesName="党员数" ariaLabel="党员年龄段分布柱状图" color="#f5a623" />
                ) : (
                  <Empty description="该范围内暂无党员，录入党员后将显示年龄分布" />
                )}
              </Card>
            </Col>
            <Col {...chartCol}>
              <Card title="党员性别构成">
                {hasData(d.membersByGender) ? (
                  <PieChartView data={d.membersByGender} seriesName="性别" ariaLabel="党员性别构成饼图" />
                ) : (
                  <Empty description="该范围内暂无党员，录入党员后将显示性别构成" />
                )}
              </Card>
            </Col>
            <Col {...tableCol}>
              <Card title="下级组织">
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={d.children}
                  pagination={d.children.length > 8 ? { pageSize: 8, size: 'small' } : false}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: <Empty description="该组织没有下级组织" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  onRow={(row) => ({ onClick: () => setOrgId(row.id), className: 'clickable-row', title: '查看该组织的统计' })}
                  columns={[
                    { title: '组织名称', dataIndex: 'name' },
                    { title: '类型', dataIndex: 'typeLabel' },
                    { title: '组织数', dataIndex: 'orgCount', align: 'right' },
                    { title: '党员数', dataIndex: 'memberCount', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
