import { Card, Col, Empty, List, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { recentYears } from './rectification';
import { fetchCommon, fetchRedBlack, fetchTrend, rectKeys } from './rectificationApi';
import { CommonProblemsChart, TrendChart } from './RectCharts';

/** 分析: 共性问题 by category, the batches' closure / on-time trend, 红黑榜 of the direct children for a year. */
export function AnalysisPage() {
  const [sp, setSp] = useSearchParams();
  const orgIdRaw = Number(sp.get('orgId'));
  const orgId = Number.isInteger(orgIdRaw) && orgIdRaw > 0 ? orgIdRaw : undefined;
  const yearRaw = Number(sp.get('year'));
  const year = Number.isInteger(yearRaw) && yearRaw > 2000 ? yearRaw : dayjs().year();
  const common = useQuery({ queryKey: rectKeys.common(orgId, year), queryFn: () => fetchCommon(orgId, year) });
  const trend = useQuery({ queryKey: rectKeys.trend(orgId), queryFn: () => fetchTrend(orgId) });
  const redBlack = useQuery({ queryKey: rectKeys.redBlack(orgId, year), queryFn: () => fetchRedBlack(orgId, year) });
  const update = (patch: Record<string, number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>整改分析</Typography.Title>
        <Space wrap>
          <OrgTreeSelect aria-label="分析范围" value={orgId} onChange={(id) => update({ orgId: id })} allowClear placeholder="全部（当前管理范围）" style={{ width: 240, maxWidth: '100%' }} />
          <Select<number>
            aria-label="年度"
            value={year}
            onChange={(v) => update({ year: v === dayjs().year() ? undefined : v })}
            options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
            style={{ width: 110 }}
          />
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={`共性问题（${year}年）`} extra={<Typography.Text type="secondary">两个及以上组织存在的同类问题</Typography.Text>}>
            {common.isError ? <ErrorAlert error={common.error} onRetry={() => void common.refetch()} /> : null}
            {common.isPending ? <Skeleton active /> : null}
            {common.data ? (
              common.data.items.length > 0 ? (
                <CommonProblemsChart items={common.data.items} />
              ) : (
                <Empty description="该年度没有在两个及以上组织出现的同类问题" />
              )
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="批次趋势">
            {trend.isError ? <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} /> : null}
            {trend.isPending ? <Skeleton active /> : null}
            {trend.data ? trend.data.items.length > 0 ? <TrendChart items={trend.data.items} /> : <Empty description="还没有下发过问题批次" /> : null}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<span>红榜（{year}年）</span>} data-testid="red-list">
            {redBlack.isError ? <ErrorAlert error={redBlack.error} onRetry={() => void redBlack.refetch()} /> : null}
            <List
              loading={redBlack.isPending}
              dataSource={redBlack.data?.red ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无全部按期销号的组织" /> }}
              renderItem={(r) => (
                <List.Item key={r.orgId} style={{ paddingInline: 0 }}>
                  <Typography.Text style={{ wordBreak: 'break-word' }}>{r.orgName}</Typography.Text>
                  <Tag color="red">
                    {r.closedOnTime}/{r.total} 按期销号
                  </Tag>
                </List.Item>
              )}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              该年度问题全部按期销号的下级组织
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<span>黑榜（{year}年）</span>} data-testid="black-list">
            <List
              loading={redBlack.isPending}
              dataSource={redBlack.data?.black ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期或被退回的组织" /> }}
              renderItem={(r) => (
                <List.Item key={r.orgId} style={{ paddingInline: 0, flexWrap: 'wrap', gap: 4 }}>
                  <Typography.Text style={{ wordBreak: 'break-word' }}>{r.orgName}</Typography.Text>
                  <Space size={2} wrap>
                    {r.overdue > 0 ? <Tag color="default">逾期 {r.overdue}</Tag> : null}
                    {r.returned > 0 ? <Tag color="default">退回 {r.returned}</Tag> : null}
                    {r.reopened > 0 ? <Tag color="default">重新整改 {r.reopened}</Tag> : null}
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              有逾期或被退回问题的下级组织，问题多者在前
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
