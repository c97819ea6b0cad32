import { Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TimelineEvent } from '../../api/types';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { useCompact } from '../../shared/useCompact';

/** Colours of timeline dots by the kind's weight: presentation only (the kinds' names come from the code tables). */
function dotColor(kind: string): string {
  if (['probation_cancelled', 'status_changed'].includes(kind)) return 'red';
  if (['recorded', 'imported', 'converted'].includes(kind)) return 'green';
  if (kind.startsWith('transfer')) return 'blue';
  if (['hardship_marked', 'care_visit'].includes(kind)) return 'orange';
  return 'gray';
}

/** A member's timeline (入党, 转正, 转接, 状态变化 …), newest first as the server sends it. */
export function MemberTimeline({ timeline }: { timeline: UseQueryResult<TimelineEvent[]> }) {
  const codes = useCodeTables().data;
  const compact = useCompact();
  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (timeline.isError) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.length === 0) return <Empty description="暂无记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="member-timeline"
      // The date column: narrow, so that the events have the room.
      titleSpan={compact ? 8 : 4}
      items={timeline.data.map((e) => ({
        key: e.id,
        color: dotColor(e.kind),
        title: formatDate(e.occurredOn),
        content: (
          <div>
            <Space size={6} wrap>
              <Tag>{labelOf(codes?.memberEventKinds, e.kind)}</Tag>
              <Typography.Text>{e.summary}</Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.orgName}
                {e.actor ? ` · 经办：${e.actor}` : ''}
              </Typography.Text>
            </div>
            {e.reason ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
                原因：{e.reason}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
