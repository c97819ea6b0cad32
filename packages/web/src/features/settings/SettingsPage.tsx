import { Card, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Items, Setting } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';

export function SettingsPage() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Items<Setting>>('/system/settings') });
  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>安全设置</Typography.Title>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          以下为系统当前生效的安全参数及其制度依据，仅供查看；参数由部署配置决定，不能在页面上修改。
        </Typography.Paragraph>
        {settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
        <Table<Setting>
          rowKey="id"
          size="middle"
          loading={settings.isPending}
          dataSource={settings.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="暂无安全设置项" /> }}
          columns={[
            { title: '参数', dataIndex: 'label', fixed: 'left' },
            {
              title: '当前值',
              key: 'value',
              render: (_, s) => (
                <Typography.Text strong>
                  {s.value} {s.unit}
                </Typography.Text>
              ),
            },
            {
              title: '依据',
              key: 'citation',
              render: (_, s) => (
                <div style={{ maxWidth: 520, whiteSpace: 'normal' }}>
                  <div>
                    {s.citation.sourceTitle.startsWith('《') ? s.citation.sourceTitle : `《${s.citation.sourceTitle}》`} {s.citation.article}
                  </div>
                  {s.citation.quote ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      “{s.citation.quote}”
                    </Typography.Text>
                  ) : null}
                </div>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
