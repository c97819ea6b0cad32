import { Button, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { CountItem } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { BarChartView, PieChartView } from '../home/charts';
import { fetchMemberStats, memberKeys, statsUrl } from './memberApi';

/** Few categories read best as a ring; more as bars. */
const PIE_MAX_ITEMS = 6;

function ChartCard({ title, data, kind, color }: { title: string; data: CountItem[]; kind: 'pie' | 'bar' | 'auto'; color?: string }) {
  const rows = data.filter((d) => d.count > 0);
  const pie = kind === 'pie' || (kind === 'auto' && rows.length <= PIE_MAX_ITEMS);
  return (
    <Card title={title} size="small">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />
      ) : pie ? (
        <PieChartView data={rows} seriesName={title} ariaLabel={`${title}饼图`} />
      ) : (
        // Bars keep the server's order (age and 党龄 bands in order), empty bands included.
        <BarChartView data={kind === 'auto' ? rows : data} seriesName="党员数" ariaLabel={`${title}柱状图`} color={color} />
      )}
    </Card>
  );
}

/** 党员统计: the members of an org's subtree (on the roster) by category, gender, age, 党龄, education, ethnicity and status. */
export function MemberStatsPage() {
  const [sp, setSp] = useSearchParams();
  const raw = Number(sp.get('orgId'));
  const orgId = Number.isInteger(raw) && raw > 0 ? raw : undefined;
  const stats = useQuery({ queryKey: memberKeys.stats(orgId), queryFn: () => fetchMemberStats(orgId), placeholderData: keepPreviousData });
  const s = stats.data;
  const half = { xs: 24, lg: 12 } as const;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>党员统计</Typography.Title>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <OrgTreeSelect
            aria-label="统计范围"
            value={orgId ?? s?.orgId}
            onChange={(id) => setSp(id ? { orgId: String(id) } : {}, { replace: true })}
            allowClear={orgId !== undefined}
            placeholder="选择统计范围"
            style={{ width: 280, maxWidth: '100%' }}
          />
          <Button icon={<DownloadOutlined />} href={statsUrl(orgId)} download data-testid="stats-export">
            导出 Excel
          </Button>
        </div>
      </div>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {s ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Statistic title={`${s.orgName} 在册党员总数`} value={s.total} suffix="名" styles={{ content: { fontSize: 40, color: '#c8161d' } }} data-testid="stats-total" />
            <Typography.Text type="secondary">统计日期：{formatDate(s.asOf)}（含下级组织，不含已出党、死亡、已转出的党员）</Typography.Text>
          </Card>
          {s.total === 0 ? (
            <Empty description="该范围内暂无在册党员" />
          ) : (
            <Row gutter={[16, 16]}>
              <Col {...half}>
                <ChartCard title="党员类别" data={s.byCategory} kind="pie" />
              </Col>
              <Col {...half}>
                <ChartCard title="性别" data={s.byGender} kind="pie" />
              </Col>
              <Col {...half}>
                <ChartCard title="年龄" data={s.byAgeBand} kind="bar" color="#f5a623" />
              </Col>
              <Col {...half}>
                <ChartCard title="党龄" data={s.byStandingBand} kind="bar" />
              </Col>
              <Col {...half}>
                <ChartCard title="学历" data={s.byEducation} kind="bar" color="#1677ff" />
              </Col>
              <Col {...half}>
                <ChartCard title="民族" data={s.byEthnicity} kind="auto" color="#722ed1" />
              </Col>
              <Col {...half}>
                <ChartCard title="党籍状态" data={s.byStatus} kind="auto" color="#13c2c2" />
              </Col>
            </Row>
          )}
        </>
      ) : null}
    </>
  );
}
