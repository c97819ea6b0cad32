import { useEffect } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberDetail, TransferInput, TransferKind } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { isAfterToday, toIsoDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { afterMemberChange } from './memberApi';
import { letterUrl, startTransfer, transferKeys } from './transferApi';

interface TransferForm {
  kind: TransferKind;
  toOrgId?: number;
  destination?: string;
  reason?: string;
  startedOn?: Dayjs;
  duesPaidUntil?: Dayjs | null;
}

const FIELDS = ['kind', 'toOrgId', 'destination', 'reason', 'startedOn', 'duesPaidUntil'] as const;

/** 转出: to an org the actor manages (接收 there), or to an organization outside (介绍信). */
export function TransferModal({ member, open, onClose }: { member: MemberDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TransferForm>();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const kind = Form.useWatch('kind', form);

  const save = useMutation({
    mutationFn: (v: TransferForm) => {
      const body: TransferInput = { memberId: member.id, kind: v.kind, reason: (v.reason ?? '').trim(), startedOn: toIsoDate(v.startedOn) ?? '' };
      if (v.kind === 'internal') body.toOrgId = v.toOrgId;
      else body.destination = v.destination?.trim();
      if (v.duesPaidUntil) body.duesPaidUntil = v.duesPaidUntil.format('YYYY-MM');
      return startTransfer(body);
    },
    onSuccess: async (t) => {
      await Promise.all([afterMemberChange(queryClient, member.id), queryClient.invalidateQueries({ queryKey: transferKeys.all })]);
      onClose();
      if (t.kind === 'outbound') {
        modal.success({
          title: '已办理转出',
          content: (
            <span>
              请开具介绍信交党员本人，到{t.toOrgName ?? '转入党组织'}报到：
              <Typography.Link href={letterUrl(t.id)} download>
                下载介绍信
              </Typography.Link>
            </span>
          ),
          okText: '知道了',
        });
      } else {
        void message.success(`已发起转接，待${t.toOrgName ?? '转入党组织'}接收`);
      }
    },
    onError: (error) => form.setFields(formFieldErrors(error, FIELDS)),
  });

  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ kind: 'internal', startedOn: dayjs() });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title={`组织关系转出 — ${member.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交"
      confirmLoading={save.isPending}
      forceRender
      maskClosable={false}
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<TransferForm> name="memberTransfer" form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="转往" name="kind" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'internal', label: '管理范围内的党组织' },
              { value: 'outbound', label: '其他单位的党组织' },
            ]}
          />
        </Form.Item>
        {kind === 'outbound' ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="转往您管理范围以外的党组织（包括本平台以外的单位）：填写转入党组织的全称，提交后开具介绍信，由党员本人持介绍信报到。"
            />
            <Form.Item label="转入党组织名称" name="destination" rules={[{ required: true, whitespace: true, message: '请填写转入党组织名称' }, { max: 100 }]}>
              <Input maxLength={100} placeholder="如：中共××市××局机关委员会" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            label="转入党组织"
            name="toOrgId"
            rules={[{ required: true, message: '请选择转入党组织' }]}
            extra="可展开组织树或输入名称搜索；只列出您管理范围内的党组织。转往其他单位请选择“其他单位的党组织”。"
          >
            <OrgTreeSelect aria-label="转入党组织" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item label="转接原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写转接原因' }, { max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：工作调动、退休、升学" />
        </Form.Item>
        <Form.Item label="转出日期" name="startedOn" rules={[{ required: true, message: '请选择转出日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="党费交至" name="duesPaidUntil" extra="党费已交纳到的月份，写入介绍信">
          <DatePicker picker="month" style={{ width: '100%' }} placeholder="选择月份" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
