import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { knownCode, labelOf, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useCompact } from '../../shared/useCompact';
import { ratePercent, recentYears } from './rectification';
import { afterRectificationChange, createBatch, fetchBatches, rectKeys, type BatchListParams, type BatchSummary } from './rectificationApi';

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
}

function ClosureProgress({ b }: { b: BatchSummary }) {
  const pct = ratePercent(b.closureRate);
  return (
    <div style={{ minWidth: 140 }} data-testid="batch-closure">
      <Progress percent={pct ?? 0} size="small" status={b.overdueCount > 0 ? 'exception' : pct === 100 ? 'success' : 'normal'} format={() => (pct === null ? '—' : `${pct}%`)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        销号 {b.closedCount}/{b.problemCount}
        {b.overdueCount > 0 ? <Typography.Text type="danger"> · 逾期 {b.overdueCount}</Typography.Text> : null}
      </Typography.Text>
    </div>
  );
}

/** 下发与审核: the batches issued in the scope with their closure rates; 新建批次; a click opens the board. */
export function BatchesPage() {
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const compact = useCompact();
  const codes = useCodeTables().data;
  const [creating, setCreating] = useState(false);
  const q = sp.get('q')?.trim();
  const params: BatchListParams = {
    orgId: positive(sp.get('orgId')),
    year: positive(sp.get('year')),
    source: knownCode(codes?.rectificationSources, sp.get('source')),
    q: q ? q : undefined,
    page: positive(sp.get('page')) ?? 1,
    pageSize: Math.min(positive(sp.get('pageSize')) ?? 20, 100),
  };
  const list = useQuery({ queryKey: rectKeys.batches(params), queryFn: () => fetchBatches(params), placeholderData: keepPreviousData });
  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };
  const filtered = Boolean(params.orgId || params.year || params.source || params.q);
  const empty = filtered ? (
    <Empty description="没有符合筛选条件的批次" />
  ) : (
    <Empty data-testid="batches-empty" description="还没有下发过问题。巡视巡察反馈、督查检查发现问题后，先新建一个批次，再逐条下发或导入问题清单。">
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        新建批次
      </Button>
    </Empty>
  );
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (t: number) => `共 ${t} 个批次`,
    onChange: (page: number, pageSize: number) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize }, false),
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>下发与审核</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="batch-new">
          新建批次
        </Button>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <OrgTreeSelect aria-label="下发组织" value={params.orgId} onChange={(id) => update({ orgId: id })} allowClear placeholder="全部（当前管理范围）" style={{ width: 240, maxWidth: '100%' }} />
          <Select<number>
            aria-label="年度"
            placeholder="年度"
            allowClear
            value={params.year}
            onChange={(v) => update({ year: v })}
            options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
            style={{ width: 110 }}
          />
          <Select<string>
            aria-label="问题来源"
            placeholder="问题来源"
            allowClear
            value={params.source}
            onChange={(v) => update({ source: v })}
            options={optionsOf(codes?.rectificationSources)}
            style={{ width: 160 }}
            popupMatchSelectWidth={false}
          />
          <Input.Search aria-label="按批次名称搜索" placeholder="按批次名称搜索" allowClear defaultValue={params.q} maxLength={50} onSearch={(v) => update({ q: v.trim() })} style={{ width: 200 }} />
        </Space>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        {compact ? (
          <List<BatchSummary>
            data-testid="batches-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: empty }}
            pagination={{ ...pagination, size: 'small', simple: true, align: 'center' }}
            renderItem={(b) => (
              <List.Item key={b.id} style={{ display: 'block', paddingInline: 0 }} data-testid="batch-row">
                <Link to={`/rectification/batches/${b.id}`} style={{ wordBreak: 'break-word' }}>
                  {b.name}
                </Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {labelOf(codes?.rectificationSources, b.source)} · {b.issuingOrgName} · {formatDate(b.issuedOn)}
                  </Typography.Text>
                </div>
                <ClosureProgress b={b} />
              </List.Item>
            )}
          />
        ) : (
          <Table<BatchSummary>
            rowKey="id"
            data-testid="batches-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
            pagination={{ ...pagination, showSizeChanger: true }}
            onRow={(b) => ({ onClick: () => void navigate(`/rectification/batches/${b.id}`), className: 'clickable-row' })}
            columns={[
              {
                title: '批次',
                dataIndex: 'name',
                render: (n: string, b) => (
                  <div style={{ minWidth: 200, maxWidth: 360, whiteSpace: 'normal' }}>
                    <Link to={`/rectification/batches/${b.id}`} onClick={(e) => e.stopPropagation()} data-testid="batch-link">
                      {n}
                    </Link>
                  </div>
                ),
              },
              { title: '来源', dataIndex: 'source', render: (s: string) => labelOf(codes?.rectificationSources, s) },
              { title: '下发组织', dataIndex: 'issuingOrgName', render: (n: string) => <div style={{ maxWidth: 220, whiteSpace: 'normal' }}>{n}</div> },
              { title: '下发日期', dataIndex: 'issuedOn', render: (d: string) => formatDate(d) },
              { title: '问题数', dataIndex: 'problemCount', align: 'right' },
              { title: '销号率', key: 'closure', render: (_, b) => <ClosureProgress b={b} /> },
            ]}
          />
        )}
      </Card>
      <NewBatchModal open={creating} onClose={() => setCreating(false)} onCreated={(b) => void navigate(`/rectification/batches/${b.id}`)} />
    </>
  );
}

interface BatchValues {
  issuingOrgId?: number;
  source?: string;
  name?: string;
  issuedOn?: Dayjs;
  reviewAfterMonths?: number;
  note?: string;
}

const BATCH_FIELDS = ['issuingOrgId', 'source', 'name', 'issuedOn', 'reviewAfterMonths', 'note'] as const;

function NewBatchModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (b: BatchSummary) => void }) {
  const [form] = Form.useForm<BatchValues>();
  const codes = useCodeTables().data;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (v: BatchValues) =>
      createBatch({
        issuingOrgId: v.issuingOrgId ?? 0,
        source: v.source ?? '',
        name: (v.name ?? '').trim(),
        issuedOn: (v.issuedOn ?? dayjs()).format('YYYY-MM-DD'),
        reviewAfterMonths: v.reviewAfterMonths ?? 6,
        note: v.note?.trim() || undefined,
      }),
    onSuccess: async (b) => {
      void message.success('批次已创建，可以下发问题了');
      await afterRectificationChange(queryClient);
      onClose();
      onCreated(b);
    },
    onError: (error) => form.setFields(formFieldErrors(error, BATCH_FIELDS)),
  });
  useEffect(() => {
    if (open) {
      create.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title="新建批次"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="创建"
      okButtonProps={{ 'data-testid': 'batch-submit' } as Record<string, string>}
      confirmLoading={create.isPending}
      forceRender
    >
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Form<BatchValues> form={form} layout="vertical" name="batchNew" initialValues={{ issuedOn: dayjs(), reviewAfterMonths: 6 }} onFinish={(v) => create.mutate(v)}>
        <Form.Item label="下发组织" name="issuingOrgId" rules={[{ required: true, message: '请选择下发组织' }]} extra="问题只能下发给该组织的下级组织，由本级审核销号">
          <OrgTreeSelect aria-label="下发组织" data-testid="batch-org" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="问题来源" name="source" rules={[{ required: true, message: '请选择问题来源' }]}>
          <Select aria-label="问题来源" options={optionsOf(codes?.rectificationSources)} data-testid="batch-source" />
        </Form.Item>
        <Form.Item label="批次名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写批次名称' }, { max: 100 }]}>
          <Input maxLength={100} placeholder="如：2026年省委第三巡视组反馈问题" />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px' }}>
          <Form.Item label="下发日期" name="issuedOn" rules={[{ required: true, message: '请选择下发日期' }]} style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="销号后几个月回头看" name="reviewAfterMonths" extra="0 表示不回头看" style={{ flex: '1 1 160px' }}>
            <InputNumber min={0} max={36} precision={0} style={{ width: '100%' }} suffix="个月" />
          </Form.Item>
        </div>
        <Form.Item label="备注" name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
