import { Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { ATTENDANCE_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { activityKeys, ATTENDANCE_STATUS_CODES, fetchMyActivities, type ActivitySummary } from '../meetings/meetingApi';
import { TypeTags, whenText } from '../meetings/meetingDisplay';

/** A member's organizational life: the branch's planned activities, and this year's attendance as counts. */
export function MyActivitiesCard() {
  const codes = useCodeTables().data;
  const mine = useQuery({ queryKey: activityKeys.mine, queryFn: fetchMyActivities });
  const m = mine.data;
  const year = new Date().getFullYear();
  return (
    <Card title="我的组织生活" style={{ marginBottom: 16 }} data-testid="my-activities">
      {mine.isError ? <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.isPending ? <Skeleton active /> : null}
      {m ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            即将召开
          </Typography.Title>
          <List<ActivitySummary>
            size="small"
            dataSource={m.upcoming}
            data-testid="my-upcoming"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="近期没有已通知的组织生活" /> }}
            renderItem={(a) => (
              <List.Item key={a.id} style={{ display: 'block', paddingInline: 0 }}>
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {a.topic}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[whenText(a), a.place].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
                <TypeTags types={a.types} activityTypes={codes?.activityTypes} />
              </List.Item>
            )}
          />
          <Typography.Title level={5}>{year}年参加情况</Typography.Title>
          <Row gutter={[8, 8]} data-testid="my-year-counts">
            {ATTENDANCE_STATUS_CODES.map((s) => (
              <Col xs={12} sm={6} key={s}>
                <Statistic title={labelOf(codes?.attendanceStatuses, s)} value={m.yearCounts[s]} suffix="次" />
              </Col>
            ))}
          </Row>
          {m.attended.length > 0 ? (
            <>
              <Typography.Title level={5}>最近参加的活动</Typography.Title>
              <List
                size="small"
                dataSource={m.attended.slice(0, 5)}
                renderItem={(x) => (
                  <List.Item key={x.activity.id} style={{ display: 'block', paddingInline: 0 }}>
                    <Space size={6} wrap>
                      <Tag color={statusColor(ATTENDANCE_STATUS_COLORS, x.status)} style={{ marginInlineEnd: 0 }}>
                        {labelOf(codes?.attendanceStatuses, x.status)}
                      </Tag>
                      <Typography.Text style={{ wordBreak: 'break-word' }}>{x.activity.topic}</Typography.Text>
                    </Space>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.activity.heldOn}
                        {x.reason ? ` · ${x.reason}` : ''}
                      </Typography.Text>
                    </div>
                  </List.Item>
                )}
              />
            </>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
