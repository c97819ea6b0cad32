import { useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Account, GrantDetail, Items, Paged, Role } from '../../api/types';
import { grantLabel, isPlatformRole, roleNeedsOrg } from '../../app/access';
import { optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useDebounced } from '../../shared/useDebounced';

interface GrantForm {
  role: Role;
  orgId?: number;
}

export function GrantsPage() {
  const [sp, setSp] = useSearchParams();
  const userIdParam = Number(sp.get('userId'));
  const userId = Number.isInteger(userIdParam) && userIdParam > 0 ? userIdParam : undefined;
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const accounts = useQuery({
    queryKey: ['accounts', { q, page: 1, pageSize: 50 }],
    queryFn: () => api.get<Paged<Account>>('/accounts', { q, page: 1, pageSize: 50 }),
  });
  const grants = useQuery({
    queryKey: ['grants', userId],
    queryFn: () => api.get<Items<GrantDetail>>('/grants', { userId }),
    enabled: userId !== undefined,
  });
  const selectedAccount = accounts.data?.items.find((a) => a.id === userId);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>角色授权</Typography.Title>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap align="center">
          <Typography.Text>选择账号：</Typography.Text>
          <Select<number>
            aria-label="选择账号"
            data-testid="grant-account-select"
            showSearch={{ onSearch: setSearch, filterOption: false }}
            placeholder="输入用户名或姓名搜索"
            value={userId}
            onChange={(id) => setSp(id ? { userId: String(id) } : {})}
            loading={accounts.isFetching}
            notFoundContent={accounts.isFetching ? '搜索中…' : '没有匹配的账号'}
            options={[
              ...(accounts.data?.items ?? []).map((a) => ({
                value: a.id,
                label: `${a.displayName}（${a.username}）${a.status === 'disabled' ? ' · 已停用' : ''}`,
              })),
              ...(userId !== undefined && !selectedAccount && grants.data?.items[0]
                ? [{ value: userId, label: `${grants.data.items[0].displayName}（${grants.data.items[0].username}）` }]
                : []),
            ]}
            style={{ width: 320, maxWidth: '100%' }}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          按“三员分立”要求：系统管理员、安全管理员、安全审计员三类平台角色不得与其他任何角色同授一个账号；业务角色须指定管理范围（组织）。
        </Typography.Paragraph>
      </Card>
      {accounts.isError ? <ErrorAlert error={accounts.error} /> : null}
      {userId === undefined ? (
        <Card>
          <Empty description="请先在上方选择一个账号，查看并管理其角色授权" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <GrantList userId={userId} grants={grants.data?.items} loading={grants.isFetching} error={grants.error} />
          </Col>
          <Col xs={24} xl={9}>
            <AddGrantCard userId={userId} />
          </Col>
        </Row>
      )}
    </>
  );
}

function GrantList({
  userId,
  grants,
  loading,
  error,
}: {
  userId: number;
  grants: GrantDetail[] | undefined;
  loading: boolean;
  error: unknown;
}) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const revoke = useMutation({
    mutationFn: (grant: GrantDetail) => api.delete(`/grants/${grant.id}`),
    onSuccess: () => {
      void message.success('已收回该授权');
      void queryClient.invalidateQueries({ queryKey: ['grants', userId] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title="已授予的角色">
      {error ? <ErrorAlert error={error} /> : null}
      <Table<GrantDetail>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={grants ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description="该账号尚未被授予任何角色，可在右侧添加授权" /> }}
        columns={[
          { title: '角色', dataIndex: 'roleLabel', render: (label: string) => <Tag color="red">{label}</Tag> },
          { title: '管理范围', dataIndex: 'orgName', render: (v: string | null) => v ?? '全平台' },
          { title: '授权时间', dataIndex: 'grantedAt', render: (v: string) => formatDateTime(v) },
          { title: '授权人', dataIndex: 'grantedByUsername', render: (v: string | null) => v ?? '—' },
          {
            title: '操作',
            key: 'actions',
            render: (_, g) => (
              <Button
                type="link"
                danger
                size="small"
                icon={<DeleteOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: '确认收回授权？',
                    content: `将收回 ${g.displayName}（${g.username}）的“${grantLabel(g)}”角色，该账号将立即失去相应权限。`,
                    okText: '收回',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () => revoke.mutateAsync(g).catch(() => undefined),
                  })
                }
              >
                收回
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AddGrantCard({ userId }: { userId: number }) {
  const [form] = Form.useForm<GrantForm>();
  const role = Form.useWatch('role', form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const codeTables = useCodeTables();
  const roleOptions = optionsOf(codeTables.data?.roles);
  const add = useMutation({
    mutationFn: (values: GrantForm) =>
      api.post<GrantDetail>('/grants', roleNeedsOrg(values.role) ? { userId, role: values.role, orgId: values.orgId } : { userId, role: values.role }),
    onSuccess: (g) => {
      void message.success(`已授予：${grantLabel(g)}`);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['grants', userId] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  const needsOrg = role !== undefined && roleNeedsOrg(role);
  return (
    <Card title="添加授权">
      {codeTables.isError ? <ErrorAlert error={codeTables.error} title="角色列表未能加载" onRetry={() => void codeTables.refetch()} /> : null}
      {add.isError ? <ErrorAlert error={add.error} /> : null}
      <Form<GrantForm> name="grantAdd" form={form} layout="vertical" onFinish={(v) => add.mutate(v)} onValuesChange={() => add.isError && add.reset()}>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select<Role>
            placeholder="选择角色"
            loading={codeTables.isPending}
            options={[
              {
                label: '业务角色（须指定管理范围）',
                options: roleOptions.filter((o) => roleNeedsOrg(o.value)),
              },
              {
                label: '平台管理角色（三员，不得兼任其他角色）',
                options: roleOptions.filter((o) => isPlatformRole(o.value)),
              },
            ]}
          />
        </Form.Item>
        {needsOrg ? (
          <Form.Item label="管理范围（组织）" name="orgId" rules={[{ required: true, message: '请选择组织' }]}>
            <OrgTreeSelect placeholder="选择组织（可输入名称搜索）" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
          授予
        </Button>
      </Form>
    </Card>
  );
}
