import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Radio, Segmented, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { Correction, CorrectionResolveInput, CorrectionStatus } from '../../api/types';
import { canWriteMembers } from '../../app/access';
import { useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDateTime, textOrNull } from '../../shared/format';
import { CORRECTION_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { correctionKeys, fetchCorrections, resolveCorrection, type CorrectionListParams } from './correctionApi';
import { correctionStatusLabel } from './corrections';
import { OpenCorrectionsBadge } from './OpenCorrectionsBadge';

const STATUSES: readonly CorrectionStatus[] = ['open', 'accepted', 'rejected'];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 信息更正申请: what members asked to have corrected in their records; the officer accepts (and edits the record) or rejects. */
export function CorrectionsPage() {
  const me = useMe();
  const codes = useCodeTables().data;
  const [sp, setSp] = useSearchParams();
  const writable = canWriteMembers(me.permissions);
  const rawStatus = sp.get('status');
  const status: CorrectionStatus | undefined = rawStatus === 'all' ? undefined : (STATUSES.find((s) => s === rawStatus) ?? 'open');
  const params: CorrectionListParams = { status, page: positiveInt(sp.get('page'), 1), pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100) };
  const list = useQuery({ queryKey: correctionKeys.list(params), queryFn: () => fetchCorrections(params), placeholderData: keepPreviousData });
  const [resolving, setResolving] = useState<Correction | null>(null);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>
          信息更正申请
          <OpenCorrectionsBadge />
        </Typography.Title>
        <Segmented<string>
          value={status ?? 'all'}
          onChange={(v) => setSp(v === 'open' ? {} : { status: v }, { replace: true })}
          options={[...STATUSES.map((s) => ({ value: s, label: correctionStatusLabel(codes, s) })), { value: 'all', label: '全部' }]}
        />
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          党员在“我的信息”中发现记录有误时提交的申请。核实后采纳的，请在党员信息中修改相应项目；不采纳的请写明理由，党员可以看到处理结果。
        </Typography.Paragraph>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Correction>
          rowKey="id"
          size="middle"
          data-testid="corrections-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={status === 'open' ? '没有待处理的更正申请' : '暂无更正申请'} /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(sp);
              next.set('page', String(pageSize !== params.pageSize ? 1 : page));
              next.set('pageSize', String(pageSize));
              setSp(next, { replace: true });
            },
          }}
          columns={[
            { title: '党员', dataIndex: 'memberName', fixed: 'left', render: (n: string, c) => <Link to={`/members/${c.memberId}`}>{n}</Link> },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '更正项目', dataIndex: 'field' },
            { title: '正确内容', dataIndex: 'proposedValue', render: (v: string | null) => v ?? '—' },
            { title: '说明', dataIndex: 'note', render: (v: string | null) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 260 }}>{v ?? '—'}</span> },
            { title: '提交时间', dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => <Tag color={statusColor(CORRECTION_STATUS_COLORS, s)}>{correctionStatusLabel(codes, s)}</Tag>,
            },
            { title: '处理意见', dataIndex: 'resolutionNote', render: (v: string | null) => v ?? '—' },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              render: (_, c) =>
                writable && c.status === 'open' ? (
                  <Button size="small" type="primary" onClick={() => setResolving(c)}>
                    处理
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <ResolveModal correction={resolving} onClose={() => setResolving(null)} />
    </>
  );
}

function ResolveModal({ correction, onClose }: { correction: Correction | null; onClose: () => void }) {
  const [form] = Form.useForm<{ status: CorrectionResolveInput['status']; note?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const decision = Form.useWatch('status', form);
  const save = useMutation({
    mutationFn: (v: { status: CorrectionResolveInput['status']; note?: string }) => resolveCorrection(correction?.id ?? 0, { status: v.status, note: textOrNull(v.note) }),
    onSuccess: async () => {
      void message.success('已处理');
      await queryClient.invalidateQueries({ queryKey: correctionKeys.all });
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['status', 'note'] as const)),
  });
  useEffect(() => {
    if (correction) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ status: 'accepted' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [correction]);

  return (
    <Modal
      title={correction ? `处理更正申请 — ${correction.memberName}` : '处理更正申请'}
      open={correction !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={save.isPending}
      forceRender
    >
      {correction ? (
        <Typography.Paragraph>
          申请更正“{correction.field}”为：<Typography.Text strong>{correction.proposedValue ?? '（未填写）'}</Typography.Text>
          {correction.note ? `。说明：${correction.note}` : ''}
        </Typography.Paragraph>
      ) : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" name="correctionResolve" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="处理结果" name="status" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'accepted', label: '采纳' },
              { value: 'rejected', label: '不采纳' },
            ]}
          />
        </Form.Item>
        {decision === 'accepted' && correction ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              <span>
                采纳不会自动修改记录：请在
                <Link to={`/members/${correction.memberId}`} target="_blank">
                  党员信息
                </Link>
                中核实并修改“{correction.field}”。
              </span>
            }
          />
        ) : null}
        <Form.Item
          label="处理意见"
          name="note"
          rules={[{ required: decision === 'rejected', whitespace: true, message: '不采纳时请写明理由' }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={decision === 'rejected' ? '如：经核对入党志愿书，原记录无误' : '可不填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
