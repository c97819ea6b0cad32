import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { Transfer, TransferDirection, TransferStatus } from '../../api/types';
import { canWriteMembers } from '../../app/access';
import { knownCode, labelOf, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { errorMessage, formFieldErrors } from '../../shared/errors';
import { FindingList } from '../../shared/FindingList';
import { formatDate } from '../../shared/format';
import { statusColor, TRANSFER_STATUS_COLORS } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { invalidateMemberLists } from './memberApi';
import { acceptTransfer, cancelTransfer, fetchTransfers, letterUrl, returnTransfer, transferKeys, type TransferListParams } from './transferApi';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 组织关系转接: 转入 (to accept or return) and 转出 (to follow or cancel), with the overdue findings and their citations. */
export function TransfersPage() {
  const me = useMe();
  const codes = useCodeTables().data;
  const [sp, setSp] = useSearchParams();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = canWriteMembers(me.permissions);
  const direction: TransferDirection = sp.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const params: TransferListParams = {
    direction,
    status: knownCode(codes?.transferStatuses, sp.get('status')) as TransferStatus | undefined,
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
  const list = useQuery({
    queryKey: transferKeys.list(params),
    queryFn: () => fetchTransfers(params),
    placeholderData: keepPreviousData,
    enabled: !sp.has('status') || codes !== undefined,
  });
  const [returning, setReturning] = useState<Transfer | null>(null);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };

  const done = async (text: string) => {
    void message.success(text);
    await Promise.all([queryClient.invalidateQueries({ queryKey: transferKeys.all }), invalidateMemberLists(queryClient)]);
  };
  const act = useMutation({
    mutationFn: ({ kind, t }: { kind: 'accept' | 'cancel'; t: Transfer }) => (kind === 'accept' ? acceptTransfer(t.id) : cancelTransfer(t.id)),
    onSuccess: (t, { kind }) => done(kind === 'accept' ? `已接收 ${t.memberName} 的组织关系` : `已撤回 ${t.memberName} 的转接`),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirmAccept = (t: Transfer) =>
    modal.confirm({
      title: `接收 ${t.memberName} 的组织关系？`,
      content: `接收后，${t.memberName} 将编入 ${t.toOrgName ?? '本组织'}，由${t.fromOrgName}转出。`,
      okText: '接收',
      onOk: () => act.mutateAsync({ kind: 'accept', t }).catch(() => undefined),
    });
  const confirmCancel = (t: Transfer) =>
    modal.confirm({
      title: `撤回 ${t.memberName} 的转接？`,
      content: '撤回后该党员仍在原组织，转接记录保留在时间线中。',
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: () => act.mutateAsync({ kind: 'cancel', t }).catch(() => undefined),
    });

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>组织关系转接</Typography.Title>
        <Select<TransferStatus>
          aria-label="状态"
          placeholder="全部状态"
          allowClear
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={optionsOf(codes?.transferStatuses)}
          style={{ width: 160 }}
        />
      </div>
      <Card>
        <Tabs
          activeKey={direction}
          onChange={(key) => update({ direction: key === 'outgoing' ? 'outgoing' : undefined })}
          items={[
            { key: 'incoming', label: '转入' },
            { key: 'outgoing', label: '转出' },
          ]}
        />
        <Typography.Paragraph type="secondary">
          {direction === 'incoming'
            ? '转入本组织（含下级组织）的党员：核实后接收，或写明原因退回。'
            : '从本组织转出的党员：待对方接收；转往其他单位的，下载介绍信交党员本人。在党员页面的“党员管理”中办理转出。'}
        </Typography.Paragraph>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Transfer>
          rowKey="id"
          size="middle"
          data-testid="transfers-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={direction === 'incoming' ? '暂无转入的党员' : '暂无转出的党员'} /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => update({ page: String(pageSize !== params.pageSize ? 1 : page), pageSize: String(pageSize) }),
          }}
          columns={[
            {
              title: '党员',
              dataIndex: 'memberName',
              fixed: 'left',
              render: (name: string, t) => (direction === 'outgoing' || t.status === 'accepted' ? <Link to={`/members/${t.memberId}`}>{name}</Link> : name),
            },
            { title: '转出组织', dataIndex: 'fromOrgName' },
            {
              title: '转入组织',
              key: 'to',
              render: (_, t) => (
                <Space size={4} wrap>
                  <span>{t.toOrgName ?? '—'}</span>
                  {t.kind === 'outbound' ? <Tag>其他单位</Tag> : null}
                </Space>
              ),
            },
            { title: '转出日期', dataIndex: 'startedOn', render: (d: string) => formatDate(d) },
            { title: '接收期限', dataIndex: 'responseDueOn', render: (d: string | null) => formatDate(d) },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string, t) => {
                const tag = <Tag color={statusColor(TRANSFER_STATUS_COLORS, s)}>{labelOf(codes?.transferStatuses, s)}</Tag>;
                return t.responseNote ? <Tooltip title={`${formatDate(t.respondedOn)}：${t.responseNote}`}>{tag}</Tooltip> : tag;
              },
            },
            { title: '原因', dataIndex: 'reason', render: (r: string) => <span style={{ whiteSpace: 'normal', display: 'inline-block', minWidth: 120, maxWidth: 240 }}>{r}</span> },
            {
              title: '提醒',
              key: 'findings',
              render: (_, t) =>
                t.findings.length > 0 ? (
                  <div style={{ width: 300, whiteSpace: 'normal' }}>
                    <FindingList findings={t.findings} compact />
                  </div>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              render: (_, t) => (
                <Space size={4} wrap>
                  {writable && direction === 'incoming' && t.status === 'pending' ? (
                    <>
                      <Button size="small" type="primary" onClick={() => confirmAccept(t)} data-testid="transfer-accept">
                        接收
                      </Button>
                      <Button size="small" danger onClick={() => setReturning(t)}>
                        退回
                      </Button>
                    </>
                  ) : null}
                  {writable && direction === 'outgoing' && t.status === 'pending' ? (
                    <Button size="small" onClick={() => confirmCancel(t)}>
                      撤回
                    </Button>
                  ) : null}
                  {t.kind === 'outbound' && t.status !== 'cancelled' ? (
                    <Typography.Link href={letterUrl(t.id)} download>
                      介绍信
                    </Typography.Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ReturnModal transfer={returning} onClose={() => setReturning(null)} onDone={(t) => void done(`已退回 ${t.memberName} 的转接`)} />
    </>
  );
}

function ReturnModal({ transfer, onClose, onDone }: { transfer: Transfer | null; onClose: () => void; onDone: (t: Transfer) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const save = useMutation({
    mutationFn: (v: { reason: string }) => returnTransfer(transfer?.id ?? 0, v.reason.trim()),
    onSuccess: (t) => {
      onDone(t);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['reason'] as const)),
  });
  useEffect(() => {
    if (transfer) {
      save.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [transfer]);
  return (
    <Modal
      title={transfer ? `退回 ${transfer.memberName} 的转接` : '退回'}
      open={transfer !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="退回"
      okButtonProps={{ danger: true }}
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" name="transferReturn" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="退回原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：介绍信信息与档案不符，请核实后重新办理" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
