import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { OrgDetail } from '../../api/types';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate, formatDateTime } from '../../shared/format';
import { fetchOrgHistory, historyDetailText, reorganizationKeys } from './reorganizationApi';

const EVENT_COLORS: Record<string, string> = {
  created: 'green',
  split_from: 'green',
  moved: 'blue',
  absorbed: 'blue',
  split_into: 'blue',
  merged_into: 'gray',
  dissolved: 'red',
};

/** 沿革: the org's history (设立, 调整隶属关系, 合并, 拆分, 撤销 ...), in the server's order, with the event names from the code tables. */
export function OrgHistoryTab({ org }: { org: OrgDetail }) {
  const history = useQuery({ queryKey: reorganizationKeys.history(org.id), queryFn: () => fetchOrgHistory(org.id) });
  const events = useCodeTables().data?.orgHistoryEvents;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (history.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无沿革记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      data-testid="org-history"
      items={history.data.items.map((h) => {
        const detail = historyDetailText(h.detail);
        const parents =
          h.fromParentName && h.toParentName
            ? `由“${h.fromParentName}”调整到“${h.toParentName}”`
            : h.toParentName
              ? `上级组织：${h.toParentName}`
              : null;
        return {
          key: h.id,
          color: EVENT_COLORS[h.event] ?? 'blue',
          content: (
            <div data-testid="org-history-item">
              <div>
                <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                  {formatDate(h.occurredOn)}
                </Typography.Text>
                <Tag>{labelOf(events, h.event)}</Tag>
              </div>
              {parents ? <div>{parents}</div> : null}
              {detail ? <div style={{ wordBreak: 'break-word' }}>{detail}</div> : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                记录于 {formatDateTime(h.recordedAt)}
              </Typography.Text>
            </div>
          ),
        };
      })}
    />
  );
}
