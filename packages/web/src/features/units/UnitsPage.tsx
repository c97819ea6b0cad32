import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { hasPermission } from '../../app/access';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { ORG_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useDebounced } from '../../shared/useDebounced';
import { useMe } from '../auth/auth';
import {
  adminLevelLabel,
  adminLevelOptions,
  CREDIT_CODE_HINT,
  CREDIT_CODE_LENGTH,
  creditCodeProblem,
  leadingBodyLabel,
  leadingBodyOptions,
  orgLink,
  UNIT_FORM_FIELDS,
  unitChanges,
  unitFormValues,
  unitInput,
  type UnitCodeTables,
  type UnitFormValues,
} from './units';
import {
  createUnit,
  fetchUnitDetail,
  fetchUnitList,
  UNIT_LIST_LIMIT,
  unitsPageKeys,
  updateUnit,
  type UnitDetailView,
  type UnitRow,
} from './unitsApi';

type Scope = 'mine' | 'all';

/** The unit form's target: a new unit, or one of the list. */
type FormTarget = { kind: 'create'; managingOrgId: number | undefined } | { kind: 'edit'; unit: UnitRow };

/**
 * 单位管理: the organs (机关、事业单位) Party organizations sit in, with their 行政级别, 党组/党委 and 机关纪委.
 * Lists the units the user maintains (or all, by name); a row opens the organizations set up in it.
 */
export function UnitsPage() {
  const me = useMe();
  const canWrite = hasPermission(me.permissions, 'org:write');
  const queryClient = useQueryClient();
  const tables = useCodeTables().data as UnitCodeTables | undefined;
  const [scope, setScope] = useState<Scope>('mine');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const params = { q, mine: scope === 'mine' };
  const units = useQuery({
    queryKey: unitsPageKeys.list(params),
    queryFn: () => fetchUnitList(params),
    placeholderData: keepPreviousData,
  });
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots, enabled: canWrite });
  // The form is mounted afresh for each opening (its key), so its initial values are the target's.
  const [target, setTarget] = useState<FormTarget | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [formSession, setFormSession] = useState(0);

  const openForm = (next: FormTarget) => {
    setTarget(next);
    setFormSession((n) => n + 1);
    setFormOpen(true);
  };

  const afterSave = async (edited: boolean) => {
    await Promise.all([
      // The page's lists and details, and the pickers' searches (shared/orgApi unitKeys).
      queryClient.invalidateQueries({ queryKey: unitsPageKeys.all }),
      // An org's detail names its units.
      edited ? queryClient.invalidateQueries({ queryKey: [...orgKeys.all, 'detail'] }) : undefined,
    ]);
  };

  const items = units.data ?? [];
  const scopeRootId = roots.data?.length === 1 ? roots.data[0]?.id : undefined;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>单位管理</Typography.Title>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm({ kind: 'create', managingOrgId: scopeRootId })}>
            新增单位
          </Button>
        ) : null}
      </div>
      <Card>
        <Typography.Paragraph type="secondary">
          单位即党组织所在的机关或事业单位；每个单位由一个党组织负责维护。点击一行可查看该单位中设立的党组织。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented<Scope>
            aria-label="单位范围"
            value={scope}
            onChange={setScope}
            options={[
              { value: 'mine', label: '我维护的' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Input
            aria-label="搜索单位"
            placeholder="单位名称或简称"
            prefix={<SearchOutlined />}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={100}
            style={{ width: 240 }}
          />
        </Space>
        {units.isError ? <ErrorAlert error={units.error} onRetry={() => void units.refetch()} /> : null}
        {items.length >= UNIT_LIST_LIMIT ? (
          <Alert
            type="info"
            showIcon
            title={`仅显示按名称排列的前 ${UNIT_LIST_LIMIT} 个单位，请输入名称缩小范围。`}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Table<UnitRow>
          rowKey="id"
          size="middle"
          data-testid="units-table"
          loading={units.isFetching}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={emptyText(scope, q, canWrite)} /> }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个单位` }}
          expandable={{
            expandRowByClick: true,
            rowExpandable: (u) => u.orgCount > 0,
            expandedRowRender: (u) => <UnitOrgs unit={u} tables={tables} />,
          }}
          onRow={(u) => ({ style: u.orgCount > 0 ? { cursor: 'pointer' } : undefined })}
          columns={[
            {
              title: '名称',
              key: 'name',
              fixed: 'left',
              render: (_, u) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{u.name}</Typography.Text>
                  {u.shortName && u.shortName !== u.name ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      简称：{u.shortName}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            { title: '行政级别', dataIndex: 'adminLevel', render: (v: string) => adminLevelLabel(tables, v) },
            { title: '领导机构', dataIndex: 'leadingBody', render: (v: string) => leadingBodyLabel(tables, v) },
            {
              title: '机关纪委',
              dataIndex: 'hasDisciplineCommission',
              render: (v: boolean) => (v ? <Tag color="blue">是</Tag> : <Tag>否</Tag>),
            },
            {
              title: '统一社会信用代码',
              dataIndex: 'creditCode',
              render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : <Typography.Text type="secondary">未填写</Typography.Text>),
            },
            {
              title: '维护组织',
              dataIndex: 'managingOrg',
              render: (v: UnitRow['managingOrg']) => (v ? v.name : <Typography.Text type="secondary">未指定</Typography.Text>),
            },
            { title: '党组织数', dataIndex: 'orgCount', align: 'right' },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, u: UnitRow) =>
                      u.editable ? (
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={`编辑${u.name}`}
                          onClick={(e) => {
                            // Not a click on the row: that opens the unit's organizations.
                            e.stopPropagation();
                            openForm({ kind: 'edit', unit: u });
                          }}
                        >
                          编辑
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canWrite && target ? (
        <UnitFormModal
          key={formSession}
          target={target}
          open={formOpen}
          tables={tables}
          onClose={() => setFormOpen(false)}
          afterClose={() => setTarget(null)}
          onSaved={(edited) => {
            setFormOpen(false);
            void afterSave(edited);
          }}
        />
      ) : null}
    </>
  );
}

function emptyText(scope: Scope, q: string, canWrite: boolean): string {
  if (q) return `没有名称或简称包含“${q}”的单位`;
  if (scope === 'mine') return canWrite ? '暂无您负责维护的单位，可点击“新增单位”登记' : '暂无您负责维护的单位';
  return '暂无单位';
}

/** The organizations of a unit that the user can see, from GET /units/:id. */
function UnitOrgs({ unit, tables }: { unit: UnitRow; tables: UnitCodeTables | undefined }) {
  const detail = useQuery({ queryKey: unitsPageKeys.detail(unit.id), queryFn: () => fetchUnitDetail(unit.id) });
  if (detail.isPending) return <Typography.Text type="secondary">正在加载党组织…</Typography.Text>;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return <Typography.Text type="secondary">该单位的党组织均不在您的管理范围内。</Typography.Text>;
    }
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <UnitOrgList detail={detail.data} tables={tables} />;
}

function UnitOrgList({ detail, tables }: { detail: UnitDetailView; tables: UnitCodeTables | undefined }) {
  const hidden = detail.orgCount - detail.orgs.length;
  return (
    <div data-testid={`unit-orgs-${detail.id}`}>
      <Typography.Text type="secondary">设立的党组织：</Typography.Text>
      {detail.orgs.length === 0 ? (
        <Typography.Text type="secondary">您的管理范围内没有该单位的党组织。</Typography.Text>
      ) : (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
          {detail.orgs.map((o) => (
            <li key={o.id} style={{ marginBottom: 4 }}>
              <Link to={orgLink(o.id)}>{o.name}</Link>
              <Tag style={{ marginInlineStart: 8 }}>{labelOf(tables?.orgTypes, o.type)}</Tag>
              {o.status !== 'active' ? <Tag color={statusColor(ORG_STATUS_COLORS, o.status)}>{labelOf(tables?.orgStatuses, o.status)}</Tag> : null}
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && detail.orgs.length > 0 ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          另有 {hidden} 个党组织不在您的管理范围内。
        </Typography.Text>
      ) : null}
    </div>
  );
}

function UnitFormModal({
  target,
  open,
  tables,
  onClose,
  afterClose,
  onSaved,
}: {
  target: FormTarget;
  open: boolean;
  tables: UnitCodeTables | undefined;
  onClose: () => void;
  afterClose: () => void;
  /** Saved; `edited` for a change to an existing unit. */
  onSaved: (edited: boolean) => void;
}) {
  const [form] = Form.useForm<UnitFormValues>();
  const { message } = App.useApp();
  const editing = target.kind === 'edit' ? target.unit : null;
  const save = useMutation({
    mutationFn: async (values: UnitFormValues): Promise<UnitDetailView | null> => {
      const input = unitInput(values);
      if (!editing) return createUnit(input);
      const changes = unitChanges(editing, input);
      return Object.keys(changes).length === 0 ? null : updateUnit(editing.id, changes);
    },
    onSuccess: (unit) => {
      if (!editing) void message.success(`单位“${unit?.name ?? ''}”已新增`);
      else void message.success(unit ? '单位信息已保存' : '没有需要保存的修改');
      onSaved(editing !== null);
    },
    onError: (error) => form.setFields(formFieldErrors(error, UNIT_FORM_FIELDS)),
  });
  const initialValues: Partial<UnitFormValues> = editing
    ? unitFormValues(editing)
    : { hasDisciplineCommission: false, ...(target.kind === 'create' && target.managingOrgId ? { managingOrgId: target.managingOrgId } : {}) };

  return (
    <Modal
      title={editing ? `编辑单位 — ${editing.name}` : '新增单位'}
      open={open}
      onCancel={onClose}
      afterClose={afterClose}
      onOk={() => form.submit()}
      okText={editing ? '保存' : '新增'}
      cancelText="取消"
      confirmLoading={save.isPending}
      width={560}
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<UnitFormValues>
        name={editing ? 'unitEdit' : 'unitCreate'}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100 }]}>
          <Input maxLength={100} autoComplete="off" placeholder="如：某某省财政厅" />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 50 }]}>
          <Input maxLength={50} autoComplete="off" placeholder="可不填" />
        </Form.Item>
        <Space wrap size={16} style={{ display: 'flex' }}>
          <Form.Item label="行政级别" name="adminLevel" rules={[{ required: true, message: '请选择行政级别' }]}>
            <Select
              options={adminLevelOptions(tables)}
              placeholder="请选择"
              style={{ width: 200 }}
              loading={!tables}
              notFoundContent={tables ? '暂无选项' : '加载中…'}
            />
          </Form.Item>
          <Form.Item label="领导机构" name="leadingBody" rules={[{ required: true, message: '请选择领导机构' }]} tooltip="单位设立的是党组还是党委">
            <Select
              options={leadingBodyOptions(tables)}
              placeholder="请选择"
              style={{ width: 200 }}
              loading={!tables}
              notFoundContent={tables ? '暂无选项' : '加载中…'}
            />
          </Form.Item>
        </Space>
        <Form.Item label="设立机关纪委" name="hasDisciplineCommission" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="creditCode"
          extra={CREDIT_CODE_HINT}
          normalize={(v: string | undefined) => (v ?? '').toUpperCase().replace(/\s+/g, '')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = creditCodeProblem(value);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input maxLength={CREDIT_CODE_LENGTH} showCount autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          label="负责维护的党组织"
          name="managingOrgId"
          extra="通常为该单位的机关党委；其管理范围内的管理员可以维护本单位信息。"
          rules={[{ required: true, message: '请选择负责维护的党组织' }]}
        >
          <OrgTreeSelect placeholder="选择党组织（可输入名称搜索）" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
