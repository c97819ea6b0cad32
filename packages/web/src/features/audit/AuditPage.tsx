import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEvent, AuditVerifyResult, Items, Paged } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDateTime, formatJson } from '../../shared/format';

interface Filters {
  actor?: string;
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
  result?: 'success' | 'failure';
  page: number;
  pageSize: number;
}

export function AuditPage() {
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const actions = useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api.get<Items<{ action: string; label: string }>>('/audit-events/actions'),
    staleTime: 10 * 60_000,
  });
  const events = useQuery({
    queryKey: ['audit', 'events', filters],
    queryFn: () => api.get<Paged<AuditEvent>>('/audit-events', { ...filters }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/audit-events/verify') });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));
  const filtered = Boolean(filters.actor || filters.action || filters.targetType || filters.from || filters.to || filters.result);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>审计日志</Typography.Title>
        <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
          校验日志完整性
        </Button>
      </div>
      {verify.isError ? <ErrorAlert error={verify.error} title="校验未能完成" /> : null}
      {verify.data ? (
        <Alert
          type={verify.data.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          title={verify.data.ok ? '日志完整性校验通过' : '日志完整性校验未通过'}
          description={
            <>
              <div>{verify.data.message}</div>
              {verify.data.message.includes(String(verify.data.checked)) ? null : <div>共校验 {verify.data.checked} 条记录。</div>}
              {verify.data.brokenAtId !== null ? <div>链条在编号 {verify.data.brokenAtId} 的记录处断开，请立即报告安全管理员。</div> : null}
            </>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} sm={12} lg={5}>
            <Input.Search
              aria-label="操作人"
              placeholder="操作人用户名"
              allowClear
              onSearch={(v) => set({ actor: v.trim() || undefined })}
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select<string>
              aria-label="操作类型"
              placeholder="操作类型"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={actions.isPending}
              value={filters.action}
              onChange={(action) => set({ action })}
              options={(actions.data?.items ?? []).map((a) => ({ value: a.action, label: a.label }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Input.Search
              aria-label="对象类型"
              placeholder="对象类型，如 org"
              allowClear
              onSearch={(v) => set({ targetType: v.trim() || undefined })}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <DatePicker.RangePicker
              aria-label="时间范围"
              value={range}
              onChange={(r) => {
                setRange(r);
                set({
                  from: r?.[0] ? r[0].startOf('day').toISOString() : undefined,
                  to: r?.[1] ? r[1].endOf('day').toISOString() : undefined,
                });
              }}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Select<'success' | 'failure'>
              aria-label="结果"
              placeholder="结果"
              allowClear
              value={filters.result}
              onChange={(result) => set({ result })}
              options={[
                { value: 'success', label: '成功' },
                { value: 'failure', label: '失败' },
              ]}
              style={{ width: '100%' }}
            />
          </Col>
        </Row>
        {events.isError ? <ErrorAlert error={events.error} onRetry={() => void events.refetch()} /> : null}
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={filtered ? '没有符合筛选条件的审计记录' : '暂无审计记录'} /> }}
          expandable={{
            expandedRowRender: (e) => <AuditChange event={e} />,
            rowExpandable: (e) => e.before != null || e.after != null,
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => `共 ${total} 条记录`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
          }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 80 },
            { title: '时间', dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v) },
            { title: '操作人', dataIndex: 'actorUsername', render: (v: string | null) => v ?? '（匿名）' },
            { title: '角色', dataIndex: 'actorRole', render: (v: string | null) => v ?? '—' },
            { title: '操作', dataIndex: 'actionLabel' },
            {
              title: '对象',
              key: 'target',
              render: (_, e) => (e.targetType ? `${e.targetType}${e.targetId ? ` #${e.targetId}` : ''}` : '—'),
            },
            {
              title: '结果',
              dataIndex: 'result',
              render: (r: string) => (r === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
            },
            { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}

function AuditChange({ event }: { event: AuditEvent }) {
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} md={12}>
        <Typography.Text strong>变更前</Typography.Text>
        <pre className="json-block">{formatJson(event.before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text strong>变更后</Typography.Text>
        <pre className="json-block">{formatJson(event.after)}</pre>
      </Col>
      <Col span={24}>
        <Space size="large" wrap>
          <Typography.Text type="secondary">操作代码：{event.action}</Typography.Text>
          {event.orgId !== null ? <Typography.Text type="secondary">相关组织：#{event.orgId}</Typography.Text> : null}
        </Space>
      </Col>
    </Row>
  );
}
