import { Card, Col, DatePicker, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { fetchBirthdays, memberKeys } from './memberApi';

/** 政治生日: the members who joined the Party in a month (this month unless chosen), by branch, with 入党 N 周年. */
export function BirthdaysPage() {
  const [sp, setSp] = useSearchParams();
  const rawOrg = Number(sp.get('orgId'));
  const orgId = Number.isInteger(rawOrg) && rawOrg > 0 ? rawOrg : undefined;
  const rawMonth = Number(sp.get('month'));
  const month = Number.isInteger(rawMonth) && rawMonth >= 1 && rawMonth <= 12 ? rawMonth : dayjs().month() + 1;
  const birthdays = useQuery({ queryKey: memberKeys.birthdays(orgId, month), queryFn: () => fetchBirthdays(orgId, month), placeholderData: keepPreviousData });
  const groups = birthdays.data?.groups ?? [];
  const total = groups.reduce((n, g) => n + g.members.length, 0);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setSp(next, { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>政治生日</Typography.Title>
        <Space wrap>
          <DatePicker
            picker="month"
            aria-label="月份"
            allowClear={false}
            value={dayjs().month(month - 1)}
            format="M月"
            onChange={(d) => update({ month: d ? String(d.month() + 1) : undefined })}
            style={{ width: 110 }}
          />
          <OrgTreeSelect
            aria-label="组织"
            value={orgId}
            onChange={(id) => update({ orgId: id ? String(id) : undefined })}
            allowClear
            placeholder="全部（当前管理范围）"
            style={{ width: 260, maxWidth: '100%' }}
          />
        </Space>
      </div>
      {birthdays.isError ? <ErrorAlert error={birthdays.error} onRetry={() => void birthdays.refetch()} /> : null}
      {birthdays.isPending ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {birthdays.data ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Statistic title={`${month} 月过政治生日的党员`} value={total} suffix="名" />
            <Typography.Text type="secondary">按入党日期计算，可在支部主题党日中为他们过政治生日、重温入党誓词。</Typography.Text>
          </Card>
          {groups.length === 0 ? (
            <Empty description={`${month} 月没有党员过政治生日`} />
          ) : (
            <Row gutter={[16, 16]}>
              {groups.map((g) => (
                <Col key={g.orgId} xs={24} md={12} xl={8}>
                  <Card size="small" title={g.orgName} extra={<Typography.Text type="secondary">{g.members.length} 名</Typography.Text>}>
                    <List
                      size="small"
                      dataSource={g.members}
                      renderItem={(m) => (
                        <List.Item key={m.id} style={{ paddingInline: 0 }}>
                          <Space wrap size={8}>
                            <Link to={`/members/${m.id}`}>{m.name}</Link>
                            <Typography.Text type="secondary">{formatDate(m.joinedOn)} 入党</Typography.Text>
                          </Space>
                          <Tag color={m.years % 5 === 0 ? 'red' : 'gold'}>入党 {m.years} 周年</Tag>
                        </List.Item>
                      )}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
        </>
      ) : null}
    </>
  );
}
