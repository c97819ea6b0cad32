import { useEffect } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { LifecycleAction, LifecycleInput, MemberDetail } from '../../api/types';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { isAfterToday, textOrNull, toIsoDate } from '../../shared/format';
import { isIrreversible, needsMonths, occurredOnLabel, PROBATION_EXTENSION_MONTHS, reasonRequired } from './lifecycle';
import { afterMemberChange, recordLifecycle } from './memberApi';

interface LifecycleForm {
  occurredOn?: Dayjs;
  months?: number;
  reason?: string;
}

/** What an irreversible action does, said before it is confirmed. */
const IRREVERSIBLE_TEXT: Partial<Record<LifecycleAction, string>> = {
  expel: '出党后该党员将移出在册党员名单，此操作不可撤销。',
  deceased: '登记死亡后该党员将移出在册党员名单，此操作不可撤销。',
  cancel_probation: '取消预备党员资格后不可恢复；如再申请入党，须重新履行入党手续。',
};

interface LifecycleModalProps {
  member: MemberDetail;
  /** The action to record; none when closed. */
  action: LifecycleAction | null;
  onClose: () => void;
}

/** One lifecycle action (转正, 延长预备期, 停止党籍, 出党 …): its date, months and reason; irreversible ones confirmed again. */
export function LifecycleModal({ member, action, onClose }: LifecycleModalProps) {
  const [form] = Form.useForm<LifecycleForm>();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const codes = useCodeTables().data;
  const label = action ? labelOf(codes?.lifecycleActions, action) : '';

  const save = useMutation({
    mutationFn: (body: LifecycleInput) => recordLifecycle(member.id, body),
    onSuccess: async (saved) => {
      void message.success(`已登记：${label}`);
      await afterMemberChange(queryClient, member.id, saved);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['occurredOn', 'months', 'reason'] as const)),
  });

  useEffect(() => {
    if (action) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ occurredOn: dayjs(), months: needsMonths(action) ? PROBATION_EXTENSION_MONTHS.min : undefined });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [action]);

  if (!action) return null;

  const submit = (v: LifecycleForm) => {
    const body: LifecycleInput = { action, occurredOn: toIsoDate(v.occurredOn) ?? '' };
    const reason = textOrNull(v.reason);
    if (reason) body.reason = reason;
    if (needsMonths(action) && v.months) body.months = v.months;
    if (!isIrreversible(action)) {
      save.mutate(body);
      return;
    }
    modal.confirm({
      title: `确认为 ${member.name} 登记“${label}”？`,
      content: IRREVERSIBLE_TEXT[action],
      okText: `确认${label}`,
      okButtonProps: { danger: true },
      cancelText: '再想想',
      onOk: () => save.mutateAsync(body).catch(() => undefined),
    });
  };

  return (
    <Modal
      title={`${label} — ${member.name}`}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      okButtonProps={{ danger: isIrreversible(action) }}
      confirmLoading={save.isPending}
      maskClosable={false}
    >
      {isIrreversible(action) ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={IRREVERSIBLE_TEXT[action]} /> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<LifecycleForm> name="memberLifecycle" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={occurredOnLabel(action)} name="occurredOn" rules={[{ required: true, message: `请选择${occurredOnLabel(action)}` }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        {needsMonths(action) ? (
          <Form.Item
            label="延长月数"
            name="months"
            rules={[{ required: true, message: '请填写延长月数' }]}
            extra={`预备期可延长 ${PROBATION_EXTENSION_MONTHS.min}–${PROBATION_EXTENSION_MONTHS.max} 个月，只能延长一次`}
          >
            <InputNumber min={PROBATION_EXTENSION_MONTHS.min} max={PROBATION_EXTENSION_MONTHS.max} precision={0} suffix="个月" style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        <Form.Item
          label={reasonRequired(action) ? '原因及决定文号' : '说明'}
          name="reason"
          rules={[{ required: reasonRequired(action), whitespace: true, message: '请填写原因' }, { max: 200 }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={reasonRequired(action) ? '如：支部大会决议及上级党委批复文号' : '可不填'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
