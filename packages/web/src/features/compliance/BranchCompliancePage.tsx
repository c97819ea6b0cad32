import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { hasPermission } from '../../app/access';
import { useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useCompact } from '../../shared/useCompact';
import { useMe } from '../auth/auth';
import { calendarYears, isMonth, monthLabel } from './compliance';
import { complianceKeys, fetchBranchCalendar, fetchBranchCompliance } from './complianceApi';
import { ActivityCalendarChart } from './ComplianceCharts';
import { LightTag, MonthLights, MonthPicker, ObligationsTable } from './LightDisplay';

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A branch's 支部亮灯 (?orgId=, the scope root by default; ?month=): the 12 monthly lights, the obligations, the calendar. */
export function BranchCompliancePage() {
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const monthParam = sp.get('month');
  const month = isMonth(monthParam) ? monthParam : undefined;
  const paramOrg = positiveInt(sp.get('orgId'));
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots, enabled: paramOrg === undefined });
  const orgId = paramOrg ?? (roots.data?.length === 1 ? roots.data[0]?.id : undefined);
  const branch = useQuery({
    queryKey: complianceKeys.branch(orgId, month),
    queryFn: () => fetchBranchCompliance(orgId, month),
    enabled: orgId !== undefined || roots.isSuccess,
    placeholderData: keepPreviousData,
  });
  const b = branch.data;
  const writable = hasPermission(me.permissions, 'meeting:write');

  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <div>
          <Typography.Title level={3}>支部亮灯</Typography.Title>
          <Typography.Text type="secondary" data-testid="compliance-org">
            {b ? `${b.org.name}（${b.org.typeLabel}）` : '\u00a0'}
          </Typography.Text>
        </div>
        <Space wrap>
          <OrgTreeSelect aria-label="支部" value={orgId ?? b?.org.id} onChange={(id) => id && void navigate(`/compliance?orgId=${id}${month ? `&month=${month}` : ''}`)} style={{ width: 260, maxWidth: '100%' }} />
          <MonthPicker value={month} onChange={(m) => set({ month: m })} />
        </Space>
      </div>
      {branch.isError ? <ErrorAlert error={branch.error} onRetry={() => void branch.refetch()} /> : null}
      {branch.isPending && !branch.isError ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {b ? (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card
              title={
                <Space wrap size={8}>
                  <span>{monthLabel(b.month)}</span>
                  <LightTag light={b.light} style={{ fontSize: 14, padding: '2px 10px' }} />
                </Space>
              }
              extra={
                writable ? (
                  <Button size="small" type="primary" icon={<FormOutlined />} onClick={() => void navigate(`/meetings/new?orgId=${b.org.id}`)}>
                    记录活动
                  </Button>
                ) : null
              }
              data-testid="branch-light"
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                近 12 个月亮灯（悬停或点按查看原因）
              </Typography.Paragraph>
              {b.lights.length > 0 ? <MonthLights lights={b.lights} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无亮灯记录" />}
            </Card>
          </Col>
          <Col xs={24}>
            <Card title="应当开展的组织生活">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                所选月份所在的月度、季度和年度要求，按已记录的活动自动评价；一次活动勾选多种类型时分别计入。
              </Typography.Paragraph>
              <ObligationsTable obligations={b.obligations} emptyText="该月没有需要评价的组织生活要求" />
            </Card>
          </Col>
          <Col xs={24}>
            <CalendarCard orgId={b.org.id} initialYear={Number((month ?? b.month).slice(0, 4))} />
          </Col>
        </Row>
      ) : null}
    </>
  );
}

function CalendarCard({ orgId, initialYear }: { orgId: number; initialYear: number }) {
  const codes = useCodeTables().data;
  const compact = useCompact();
  const years = calendarYears(dayjs());
  const [year, setYear] = useState(Number.isInteger(initialYear) && years.includes(initialYear) ? initialYear : dayjs().year());
  const calendar = useQuery({ queryKey: complianceKeys.calendar(orgId, year), queryFn: () => fetchBranchCalendar(orgId, year), placeholderData: keepPreviousData });
  const c = calendar.data;
  const total = c ? c.days.reduce((sum, d) => sum + d.count, 0) : 0;
  const options = years.map((y) => ({ value: y, label: `${y}年` }));
  return (
    <Card
      title="活动日历"
      extra={
        compact ? (
          <Select<number> aria-label="年份" size="small" value={year} onChange={setYear} options={options} style={{ width: 96 }} />
        ) : (
          <Segmented<number> aria-label="年份" size="small" value={year} onChange={setYear} options={options} />
        )
      }
    >
      {calendar.isError ? <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      {calendar.isPending && !calendar.isError ? <Skeleton active /> : null}
      {c ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {c.year}年共开展活动 {total} 次，颜色越深当天活动越多。
          </Typography.Paragraph>
          <ActivityCalendarChart calendar={c} activityTypes={codes?.activityTypes} vertical={compact} />
        </>
      ) : null}
    </Card>
  );
}
