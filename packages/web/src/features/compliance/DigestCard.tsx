import { App, Button, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { RuleCitation } from '../../shared/RuleCitation';
import { citationBasis, monthLabel } from './compliance';
import { complianceKeys, fetchDigest, markDigestRead, type DigestItem } from './complianceApi';

/** 月提示: what falls due this month for the organization, with 标记为已读. */
export function DigestCard({ orgId }: { orgId: number }) {
  const warningKinds = useCodeTables().data?.warningKinds;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const digest = useQuery({ queryKey: complianceKeys.digest(orgId, undefined), queryFn: () => fetchDigest(orgId, undefined) });
  const d = digest.data;
  const read = useMutation({
    mutationFn: () => markDigestRead(orgId, d?.month ?? ''),
    onSuccess: async () => {
      void message.success('已标记为已读');
      await queryClient.invalidateQueries({ queryKey: ['digests'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <Card
      title={
        <Space size={6} wrap>
          <span>月提示</span>
          {d ? <Typography.Text type="secondary">{monthLabel(d.month)}</Typography.Text> : null}
          {d?.readAt ? <Tag>已读</Tag> : d ? <Tag color="red">未读</Tag> : null}
        </Space>
      }
      extra={
        d && !d.readAt ? (
          <Button size="small" icon={<CheckOutlined />} loading={read.isPending} onClick={() => read.mutate()} data-testid="digest-read">
            标记为已读
          </Button>
        ) : null
      }
      data-testid="digest-card"
    >
      {digest.isError ? <ErrorAlert error={digest.error} onRetry={() => void digest.refetch()} /> : null}
      {digest.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {digest.isSuccess && d === null ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月提示尚未生成（每月第一个工作日生成）" /> : null}
      {d ? (
        <List<DigestItem>
          size="small"
          dataSource={d.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本月没有到期事项" /> }}
          renderItem={(item, index) => (
            // Several items may share kind, code and title (two probations, two problems): the position keys them.
            <List.Item key={`${index}-${item.kind}-${item.code}`} style={{ display: 'block', paddingInline: 0 }}>
              <Space size={6} wrap>
                <Tag style={{ marginInlineEnd: 0 }}>{labelOf(warningKinds, item.kind)}</Tag>
                <Typography.Text strong>{item.title}</Typography.Text>
                {item.dueOn ? <Typography.Text type="secondary">到期 {formatDate(item.dueOn)}</Typography.Text> : null}
              </Space>
              <div className="warning-message">{item.message}</div>
              <RuleCitation basis={citationBasis(item.basis)} />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
