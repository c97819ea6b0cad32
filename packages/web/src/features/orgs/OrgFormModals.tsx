import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OrgCreateInput, OrgDetail, OrgPatchInput, OrgType } from '../../api/types';
import { childTypesOf, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { isAfterToday } from '../../shared/format';
import { ORG_EDIT_FIELDS, orgEditValues, orgPatchOf, type OrgEditValues } from './orgEdit';
import { UnitSelect } from './UnitSelect';

interface CreateForm {
  name: string;
  shortName?: string;
  type: OrgType;
}

export function CreateChildOrgModal({
  parent,
  open,
  onClose,
  onCreated,
}: {
  parent: OrgDetail;
  open: boolean;
  onClose: () => void;
  onCreated: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  const codeTables = useCodeTables();
  const types = childTypesOf(codeTables.data, parent.type);
  const create = useMutation({
    mutationFn: (values: CreateForm) => {
      const body: OrgCreateInput = { parentId: parent.id, name: values.name.trim(), type: values.type };
      const shortName = values.shortName?.trim();
      if (shortName) body.shortName = shortName;
      return api.post<OrgDetail>('/orgs', body);
    },
    onSuccess: (org) => {
      void message.success(`已新增下级组织：${org.name}`);
      onCreated(org);
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['name', 'shortName', 'type'] as const)),
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      create.reset();
      const first = types[0];
      if (first) form.setFieldValue('type', first.code);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title={`新增下级组织 — ${parent.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={create.isPending}
      forceRender
    >
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      {codeTables.isError ? (
        <ErrorAlert error={codeTables.error} title="组织类型未能加载" onRetry={() => void codeTables.refetch()} />
      ) : null}
      {codeTables.isSuccess && types.length === 0 ? (
        <ErrorAlert error={new Error('该类型的组织下不能再设立下级组织')} />
      ) : null}
      <Form<CreateForm> name="orgCreate" form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item label="组织名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }, { max: 100 }]}>
          <Input maxLength={100} placeholder="如：中共××局机关第三支部委员会" />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 50 }]}>
          <Input maxLength={50} placeholder="可不填，如：第三支部" />
        </Form.Item>
        <Form.Item label="组织类型" name="type" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select options={optionsOf(types)} loading={codeTables.isPending} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EditOrgModal({
  org,
  open,
  onClose,
  onSaved,
}: {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<OrgEditValues>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (body: OrgPatchInput) => api.patch<OrgDetail>(`/orgs/${org.id}`, body),
    onSuccess: (saved) => {
      void message.success('组织信息已保存');
      onSaved(saved);
    },
    onError: (error) => form.setFields(formFieldErrors(error, ORG_EDIT_FIELDS)),
  });

  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
      form.setFieldsValue(orgEditValues(org));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  const editCodes = useCodeTables();
  const submit = (values: OrgEditValues) => {
    const body = orgPatchOf(org, values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    save.mutate(body);
  };

  return (
    <Modal
      title={`编辑组织 — ${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<OrgEditValues> name="orgEdit" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="组织名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入组织名称' }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="简称" name="shortName" rules={[{ max: 50 }]}>
          <Input maxLength={50} placeholder="可不填" />
        </Form.Item>
        <Form.Item label="组织编码" name="code" rules={[{ max: 32 }]}>
          <Input maxLength={32} placeholder="可不填" />
        </Form.Item>
        <Form.Item label="成立日期" name="foundedOn">
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} placeholder="可不填" />
        </Form.Item>
        <Form.Item label="批准文号" name="approvalDoc" rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder="批准成立的文件文号，可不填" />
        </Form.Item>
        <Form.Item label="所在单位" name="unitIds" rules={[{ type: 'array', max: 20, message: '所在单位最多 20 个' }]}>
          <UnitSelect initial={org.units} />
        </Form.Item>
        <Form.Item label="所在单位类别（党内统计）" name="statisticsCategory">
          <Select allowClear options={optionsOf(editCodes.data?.statisticsCategories ?? [])} placeholder="可不填" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
