// 机构改革: 调整隶属关系, 合并到…, 拆分 (党支部), 撤销. Each is a modal in two steps: the form, then the
// server's preview (or dry run) with the final confirmation. The server checks and words its refusals.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Dropdown, Form, Input, Modal, Select, Space, Table, Typography, type FormInstance } from 'antd';
import { ApartmentOutlined, DeleteOutlined, DownOutlined, MergeCellsOutlined, MinusCircleOutlined, PlusOutlined, SplitCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberSummary, OrgDetail, OrgSplitResult } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate, toIsoDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { fetchMembers } from '../members/memberApi';
import { dissolveOrg, mergeOrg, moveOrg, previewMerge, previewMove, splitOrg } from './reorganizationApi';

export type ReorganizeAction = 'move' | 'merge' | 'split' | 'dissolve';

/** Orgs whose lists in the tree changed, so the page reloads them. */
export interface Reorganized {
  reloadParents: (number | null)[];
}

/** Whether an org of this type can be split (the server only splits 党支部 and 联合党支部). */
export function canSplit(orgType: string): boolean {
  return orgType === 'branch' || orgType === 'joint_branch';
}

/** The 机构改革 dropdown and its four modals. */
export function ReorganizeMenu({ org, onDone }: { org: OrgDetail; onDone: (result: Reorganized) => void }) {
  const [action, setAction] = useState<ReorganizeAction | null>(null);
  const close = () => setAction(null);
  const done = (result: Reorganized) => {
    setAction(null);
    onDone(result);
  };
  const items = [
    { key: 'move', icon: <SwapOutlined />, label: '调整隶属关系' },
    { key: 'merge', icon: <MergeCellsOutlined />, label: '合并到…' },
    ...(canSplit(org.type) ? [{ key: 'split', icon: <SplitCellsOutlined />, label: '拆分' }] : []),
    { type: 'divider' as const },
    { key: 'dissolve', icon: <DeleteOutlined />, label: '撤销', danger: true },
  ];
  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => setAction(key as ReorganizeAction) }}>
        <Button icon={<ApartmentOutlined />} data-testid="reorganize-menu">
          机构改革 <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <MoveModal org={org} open={action === 'move'} onClose={close} onDone={done} />
      <MergeModal org={org} open={action === 'merge'} onClose={close} onDone={done} />
      {canSplit(org.type) ? <SplitModal org={org} open={action === 'split'} onClose={close} onDone={done} /> : null}
      <DissolveModal org={org} open={action === 'dissolve'} onClose={close} onDone={done} />
    </>
  );
}

interface When {
  effectiveOn: Dayjs;
  reason: string;
}

function whenBody(values: When): { effectiveOn: string; reason: string } {
  return { effectiveOn: toIsoDate(values.effectiveOn) ?? '', reason: values.reason.trim() };
}

/** 调整日期 and 调整原因, asked by every action. */
function WhenFields() {
  return (
    <>
      <Form.Item label="调整日期" name="effectiveOn" rules={[{ required: true, message: '请选择调整日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="调整原因" name="reason" rules={[{ required: true, whitespace: true, message: '请输入调整原因' }, { max: 500 }]} extra="如机构改革文件名称及文号">
        <Input.TextArea maxLength={500} rows={2} showCount />
      </Form.Item>
    </>
  );
}

interface StepModalProps<V extends When, P, R> {
  title: string;
  open: boolean;
  onClose: () => void;
  form: FormInstance<V>;
  formName: string;
  /** The action's own fields (调整日期 and 调整原因 follow). */
  fields: ReactNode;
  /** Field names the server's details may point at. */
  fieldNames: readonly string[];
  preview: (values: V) => Promise<P>;
  renderPreview: (preview: P, values: V) => ReactNode;
  confirmText: string;
  commit: (values: V) => Promise<R>;
  onCommitted: (result: R, values: V) => void;
  width?: number;
}

/** Form, then the server's preview and the final confirmation (danger button); errors shown as the server words them. */
function StepModal<V extends When, P, R>({
  title,
  open,
  onClose,
  form,
  formName,
  fields,
  fieldNames,
  preview,
  renderPreview,
  confirmText,
  commit,
  onCommitted,
  width,
}: StepModalProps<V, P, R>) {
  const [shown, setShown] = useState<{ values: V; preview: P } | null>(null);
  const check = useMutation({
    mutationFn: async (values: V) => ({ values, preview: await preview(values) }),
    onSuccess: (result) => setShown(result),
    onError: (error) => form.setFields(formFieldErrors(error, fieldNames) as never),
  });
  const save = useMutation({
    mutationFn: (values: V) => commit(values),
    onSuccess: (result, values) => {
      setShown(null);
      onCommitted(result, values);
    },
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ effectiveOn: dayjs() } as never);
      check.reset();
      save.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  const back = () => {
    setShown(null);
    save.reset();
  };
  const close = () => {
    setShown(null);
    onClose();
  };
  const footer = shown
    ? [
        <Button key="back" onClick={back} disabled={save.isPending}>
          返回修改
        </Button>,
        <Button key="ok" type="primary" danger loading={save.isPending} onClick={() => save.mutate(shown.values)} data-testid="reorganize-confirm">
          {confirmText}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          取消
        </Button>,
        <Button key="next" type="primary" loading={check.isPending} onClick={() => form.submit()} data-testid="reorganize-preview-button">
          下一步：预览
        </Button>,
      ];

  return (
    <Modal title={title} open={open} onCancel={close} footer={footer} width={width ?? 560} forceRender destroyOnHidden={false}>
      {!shown && check.isError ? <ErrorAlert error={check.error} /> : null}
      {shown && save.isError ? <ErrorAlert error={save.error} /> : null}
      <div style={shown ? { display: 'none' } : undefined}>
        <Form<V> name={formName} form={form} layout="vertical" onFinish={(v) => check.mutate(v)}>
          {fields}
          <WhenFields />
        </Form>
      </div>
      {shown ? (
        <div data-testid="reorganize-preview" style={{ marginTop: save.isError ? 12 : 0 }}>
          {renderPreview(shown.preview, shown.values)}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            调整日期 {formatDate(toIsoDate(shown.values.effectiveOn))}；调整原因：{shown.values.reason.trim()}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Modal>
  );
}

interface ActionModalProps {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onDone: (result: Reorganized) => void;
}

interface MoveForm extends When {
  newParentId: number;
}

function MoveModal({ org, open, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<MoveForm>();
  const { message } = App.useApp();
  return (
    <StepModal<MoveForm, Awaited<ReturnType<typeof previewMove>>, OrgDetail>
      title={`调整隶属关系 — ${org.name}`}
      open={open}
      onClose={onClose}
      form={form}
      formName="orgMove"
      fieldNames={['newParentId', 'effectiveOn', 'reason']}
      fields={
        <Form.Item label="新的上级组织" name="newParentId" rules={[{ required: true, message: '请选择新的上级组织' }]} extra="本组织连同全部下级组织和党员一并调整">
          <OrgTreeSelect aria-label="新的上级组织" style={{ width: '100%' }} />
        </Form.Item>
      }
      preview={(v) => previewMove(org.id, v.newParentId)}
      renderPreview={(p) => (
        <>
          <Alert
            type="warning"
            showIcon
            title={`“${p.orgName}”将由“${p.fromParent.name}”调整到“${p.toParent.name}”之下`}
            description={`随之调整的组织 ${p.orgCount} 个（含本组织），党员 ${p.memberCount} 名。`}
          />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'from', label: '原上级组织', children: p.fromParent.name },
              { key: 'to', label: '新的上级组织', children: p.toParent.name },
              { key: 'orgs', label: '调整的组织', children: `${p.orgCount} 个` },
              { key: 'members', label: '调整的党员', children: `${p.memberCount} 名` },
            ]}
          />
        </>
      )}
      confirmText="确认调整"
      commit={(v) => moveOrg(org.id, { newParentId: v.newParentId, ...whenBody(v) })}
      onCommitted={(moved) => {
        void message.success(`已将${moved.name}调整到新的上级组织之下`);
        onDone({ reloadParents: [org.parentId, moved.parentId] });
      }}
    />
  );
}

interface MergeForm extends When {
  targetId: number;
}

function MergeModal({ org, open, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<MergeForm>();
  const { message } = App.useApp();
  return (
    <StepModal<MergeForm, Awaited<ReturnType<typeof previewMerge>>, OrgDetail>
      title={`合并到… — ${org.name}`}
      open={open}
      onClose={onClose}
      form={form}
      formName="orgMerge"
      fieldNames={['targetId', 'effectiveOn', 'reason']}
      fields={
        <Form.Item label="合并到" name="targetId" rules={[{ required: true, message: '请选择合并到的组织' }]} extra="本组织的党员和下级组织转入所选组织，本组织标记为“合并”">
          <OrgTreeSelect aria-label="合并到" style={{ width: '100%' }} />
        </Form.Item>
      }
      preview={(v) => previewMerge(org.id, v.targetId)}
      renderPreview={(p) => (
        <>
          <Alert
            type="warning"
            showIcon
            title={`“${p.source.name}”将并入“${p.target.name}”`}
            description={`党员 ${p.memberCount} 名、下级组织 ${p.childCount} 个将转入“${p.target.name}”；“${p.source.name}”标记为“合并”，其现任班子成员职务同时终止。`}
          />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            items={[
              { key: 'target', label: '合并到', children: p.target.name },
              { key: 'members', label: '转入的党员', children: <span data-testid="merge-member-count">{p.memberCount} 名</span> },
              { key: 'children', label: '转入的下级组织', children: `${p.childCount} 个` },
            ]}
          />
        </>
      )}
      confirmText="确认合并"
      commit={(v) => mergeOrg(org.id, { targetId: v.targetId, ...whenBody(v) })}
      onCommitted={(target) => {
        void message.success(`${org.name}已并入${target.name}`);
        onDone({ reloadParents: [org.parentId, target.id, target.parentId] });
      }}
    />
  );
}

interface SplitPartForm {
  name: string;
  shortName?: string;
  memberIds?: number[];
}

interface SplitForm extends When {
  parts: SplitPartForm[];
}

/** All the branch's own members (not those of lower orgs), 100 a page. */
async function fetchOwnMembers(orgId: number): Promise<MemberSummary[]> {
  const all: MemberSummary[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchMembers({ orgId, includeSubtree: false, page, pageSize: 100 });
    all.push(...res.items);
    if (res.items.length === 0 || all.length >= res.total) return all;
  }
}

function splitBody(values: SplitForm) {
  return {
    parts: values.parts.map((p) => ({ name: p.name.trim(), shortName: p.shortName?.trim() || null, memberIds: p.memberIds ?? [] })),
    ...whenBody(values),
  };
}

function SplitModal({ org, open, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<SplitForm>();
  const { message } = App.useApp();
  const members = useQuery({ queryKey: ['members', 'own', org.id], queryFn: () => fetchOwnMembers(org.id), enabled: open });
  const parts = Form.useWatch('parts', form) as SplitPartForm[] | undefined;
  const optionsFor = (index: number) => {
    const taken = new Set((parts ?? []).flatMap((p, i) => (i === index ? [] : (p?.memberIds ?? []))));
    return (members.data ?? []).filter((m) => !taken.has(m.id)).map((m) => ({ value: m.id, label: m.name }));
  };

  useEffect(() => {
    if (open) form.setFieldsValue({ parts: [{ name: '', memberIds: [] }] });
  }, [open, form]);

  return (
    <StepModal<SplitForm, OrgSplitResult, OrgSplitResult>
      title={`拆分 — ${org.name}`}
      open={open}
      onClose={onClose}
      form={form}
      formName="orgSplit"
      width={640}
      fieldNames={['parts', 'effectiveOn', 'reason']}
      fields={
        <>
          {members.isError ? <ErrorAlert error={members.error} title="本支部党员未能加载" onRetry={() => void members.refetch()} /> : null}
          <Typography.Paragraph type="secondary">
            在同一上级组织下设立新的党支部，并从本支部的 {members.data ? members.data.length : '—'} 名党员中选择转入的党员；未选的党员留在本支部。
          </Typography.Paragraph>
          <Form.List name="parts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="split-part" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }}>
                    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
                      <Typography.Text strong>新党支部 {index + 1}</Typography.Text>
                      {fields.length > 1 ? (
                        <Button type="link" size="small" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                          删除
                        </Button>
                      ) : null}
                    </Space>
                    <Form.Item label="新党支部名称" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入新党支部名称' }, { max: 100 }]}>
                      <Input maxLength={100} aria-label={`第 ${index + 1} 个新党支部名称`} placeholder="如：中共××处第二党支部" />
                    </Form.Item>
                    <Form.Item label="简称" name={[field.name, 'shortName']} rules={[{ max: 50 }]}>
                      <Input maxLength={50} placeholder="可不填" />
                    </Form.Item>
                    <Form.Item label="转入的党员" name={[field.name, 'memberIds']} rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名党员' }]}>
                      <Select<number[]>
                        mode="multiple"
                        aria-label={`第 ${index + 1} 个新党支部的党员`}
                        options={optionsFor(index)}
                        loading={members.isPending}
                        placeholder="选择本支部的党员（可输入姓名筛选）"
                        optionFilterProp="label"
                        maxTagCount="responsive"
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </div>
                ))}
                {fields.length < 10 ? (
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', memberIds: [] })} style={{ marginBottom: 16 }}>
                    再拆分出一个党支部
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
        </>
      }
      preview={(v) => splitOrg(org.id, { ...splitBody(v), dryRun: true })}
      renderPreview={(p) => (
        <>
          <Alert type="warning" showIcon title={`将从“${p.source.name}”拆分出 ${p.parts.length} 个新党支部`} description={`拆分后本支部留有党员 ${p.remaining} 名。`} />
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={p.parts}
            columns={[
              { title: '新党支部', dataIndex: 'name' },
              { title: '转入党员', dataIndex: 'memberCount', render: (n: number) => `${n} 名` },
            ]}
          />
        </>
      )}
      confirmText="确认拆分"
      commit={(v) => splitOrg(org.id, splitBody(v))}
      onCommitted={(result) => {
        void message.success(`已设立${result.created.map((c) => c.name).join('、')}`);
        onDone({ reloadParents: [org.parentId, org.id] });
      }}
    />
  );
}

function DissolveModal({ org, open, onClose, onDone }: ActionModalProps) {
  const [form] = Form.useForm<When>();
  const { message } = App.useApp();
  return (
    <StepModal<When, null, OrgDetail>
      title={`撤销 — ${org.name}`}
      open={open}
      onClose={onClose}
      form={form}
      formName="orgDissolve"
      fieldNames={['effectiveOn', 'reason']}
      fields={
        <Typography.Paragraph type="secondary">
          撤销须在党员全部转出、下级组织已合并或撤销之后进行；撤销后该组织标记为“撤销”，不再参与统计和管理。
        </Typography.Paragraph>
      }
      preview={() => Promise.resolve(null)}
      renderPreview={() => (
        <Alert
          type="error"
          showIcon
          title={`确认撤销“${org.name}”？`}
          description={
            org.memberCount > 0 || org.childCount > 0
              ? `该组织目前有党员 ${org.memberCount} 名、直属下级组织 ${org.childCount} 个；仍有党员或下级组织时系统将拒绝撤销。`
              : '撤销后其现任班子成员职务同时终止。请确认已按规定履行审批程序。'
          }
        />
      )}
      confirmText="确认撤销"
      commit={(v) => dissolveOrg(org.id, whenBody(v))}
      onCommitted={(dissolved) => {
        void message.success(`已撤销${dissolved.name}`);
        onDone({ reloadParents: [org.parentId] });
      }}
    />
  );
}
