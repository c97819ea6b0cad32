import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Account, Paged } from '../../api/types';
import { accountsMode, grantLabel, hasPermission } from '../../app/access';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { errorMessage, formFieldErrors } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useMe } from '../auth/auth';
import { OneTimePassword } from './OneTimePassword';

interface Filters {
  q: string;
  status: 'active' | 'disabled' | undefined;
  page: number;
  pageSize: number;
}

export function AccountsPage() {
  const me = useMe();
  const manage = accountsMode(me.permissions) === 'manage';
  const canGrant = hasPermission(me.permissions, 'grant:manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ q: '', status: undefined, page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [revealed, setRevealed] = useState<{ username: string; password: string; title: string } | null>(null);

  const accounts = useQuery({
    queryKey: ['accounts', filters],
    queryFn: () => api.get<Paged<Account>>('/accounts', { ...filters }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });

  const action = useMutation({
    mutationFn: async (input: { kind: 'enable' | 'disable' | 'unlock' | 'reset'; account: Account }) => {
      const { kind, account } = input;
      if (kind === 'reset') return api.post<{ initialPassword: string }>(`/accounts/${account.id}/reset-password`);
      if (kind === 'unlock') return api.post<Account>(`/accounts/${account.id}/unlock`);
      return api.patch<Account>(`/accounts/${account.id}`, { status: kind === 'enable' ? 'active' : 'disabled' });
    },
    onSuccess: (result, { kind, account }) => {
      void refresh();
      if (kind === 'reset' && 'initialPassword' in result) {
        setRevealed({ username: account.username, password: result.initialPassword, title: '密码已重置' });
      } else {
        void message.success({ enable: '账号已启用', disable: '账号已停用', unlock: '账号已解锁', reset: '' }[kind]);
      }
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirm = (kind: 'enable' | 'disable' | 'reset', account: Account) => {
    const texts = {
      disable: { title: `确认停用账号“${account.username}”？`, content: '停用后该账号将无法登录，已登录的会话也将失效。', ok: '停用' },
      enable: { title: `确认启用账号“${account.username}”？`, content: '启用后该账号可以重新登录。', ok: '启用' },
      reset: {
        title: `确认重置“${account.username}”的密码？`,
        content: '将生成新的一次性初始密码，原密码立即失效，用户下次登录时须修改密码。',
        ok: '重置密码',
      },
    }[kind];
    modal.confirm({
      title: texts.title,
      content: texts.content,
      okText: texts.ok,
      okButtonProps: { danger: kind !== 'enable' },
      cancelText: '取消',
      onOk: () => action.mutateAsync({ kind, account }).catch(() => undefined),
    });
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>账号管理</Typography.Title>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建账号
          </Button>
        ) : (
          <Tag color="blue">只读</Tag>
        )}
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label="搜索账号"
            placeholder="用户名或姓名"
            allowClear
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim(), page: 1 }))}
            style={{ width: 220 }}
          />
          <Select<'active' | 'disabled'>
            aria-label="账号状态"
            placeholder="账号状态"
            allowClear
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status, page: 1 }))}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
            ]}
            style={{ width: 130 }}
          />
        </Space>
        {accounts.isError ? <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={accounts.isFetching}
          dataSource={accounts.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty description={filters.q || filters.status ? '没有符合条件的账号' : '暂无账号，点击“新建账号”创建'} />,
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: accounts.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个账号`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
          }}
          columns={[
            { title: '用户名', dataIndex: 'username', fixed: 'left' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '状态',
              key: 'status',
              render: (_, a) => (
                <Space size={4} wrap>
                  {a.status === 'active' ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>}
                  {a.locked ? (
                    <Tooltip title={a.lockedUntil ? `锁定至 ${formatDateTime(a.lockedUntil)}` : undefined}>
                      <Tag color="red">已锁定</Tag>
                    </Tooltip>
                  ) : null}
                  {a.mustChangePassword ? <Tag color="orange">待改密</Tag> : null}
                </Space>
              ),
            },
            {
              title: '角色',
              key: 'grants',
              render: (_, a) =>
                a.grants.length === 0 ? (
                  <Typography.Text type="secondary">未授权</Typography.Text>
                ) : (
                  <Space size={4} wrap style={{ maxWidth: 360 }}>
                    {a.grants.map((g) => (
                      <Tag key={g.id}>{grantLabel(g)}</Tag>
                    ))}
                  </Space>
                ),
            },
            { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatDateTime(v) : '从未登录') },
            { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ...(manage || canGrant
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, a: Account) => (
                      <Space size={0} wrap>
                        {manage ? (
                          <>
                            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                              修改姓名
                            </Button>
                            {a.status === 'active' ? (
                              <Button type="link" size="small" danger onClick={() => confirm('disable', a)} disabled={a.id === me.user.id}>
                                停用
                              </Button>
                            ) : (
                              <Button type="link" size="small" onClick={() => confirm('enable', a)}>
                                启用
                              </Button>
                            )}
                            <Button type="link" size="small" onClick={() => confirm('reset', a)}>
                              重置密码
                            </Button>
                            {a.locked ? (
                              <Button type="link" size="small" onClick={() => action.mutate({ kind: 'unlock', account: a })}>
                                解锁
                              </Button>
                            ) : null}
                          </>
                        ) : null}
                        {canGrant ? (
                          <Button
                            type="link"
                            size="small"
                            icon={<SafetyCertificateOutlined />}
                            onClick={() => void navigate(`/admin/grants?userId=${a.id}`)}
                          >
                            授权
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {manage ? (
        <>
          <CreateAccountModal
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={(account, password) => {
              setCreating(false);
              void refresh();
              setRevealed({ username: account.username, password, title: '账号已创建' });
            }}
          />
          <EditAccountModal account={editing} onClose={() => setEditing(null)} onSaved={() => void refresh()} />
        </>
      ) : null}
      <Modal
        open={revealed !== null}
        title={revealed?.title}
        onCancel={() => setRevealed(null)}
        footer={
          <Button type="primary" onClick={() => setRevealed(null)}>
            我已妥善保存
          </Button>
        }
        mask={{ closable: false }}
      >
        {revealed ? <OneTimePassword username={revealed.username} password={revealed.password} /> : null}
      </Modal>
    </>
  );
}

function CreateAccountModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (account: Account, initialPassword: string) => void;
}) {
  const [form] = Form.useForm<{ username: string; displayName: string }>();
  const create = useMutation({
    mutationFn: (values: { username: string; displayName: string }) =>
      api.post<{ account: Account; initialPassword: string }>('/accounts', {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
      }),
    onSuccess: (r) => {
      form.resetFields();
      onCreated(r.account, r.initialPassword);
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['username', 'displayName'] as const)),
  });
  return (
    <Modal
      title="新建账号"
      open={open}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      okText="创建"
      confirmLoading={create.isPending}
      forceRender
    >
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <Form name="accountCreate" form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          label="用户名"
          name="username"
          extra="3—32 位字母、数字、下划线、点或连字符，用于登录"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: '用户名须为 3—32 位字母、数字、下划线、点或连字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Typography.Text type="secondary">创建后系统生成一次性初始密码；角色与管理范围由安全管理员在“角色授权”中分配。</Typography.Text>
      </Form>
    </Modal>
  );
}

function EditAccountModal({ account, onClose, onSaved }: { account: Account | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ displayName: string }>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (displayName: string) => api.patch<Account>(`/accounts/${account?.id ?? 0}`, { displayName }),
    onSuccess: () => {
      void message.success('姓名已修改');
      onSaved();
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['displayName'] as const)),
  });
  return (
    <Modal
      title={`修改姓名 — ${account?.username ?? ''}`}
      open={account !== null}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      afterOpenChange={(open) => {
        if (open && account) form.setFieldsValue({ displayName: account.displayName });
      }}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form name="accountEdit" form={form} layout="vertical" onFinish={(v) => save.mutate(v.displayName.trim())}>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
