import { useEffect } from 'react';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { MemberSelect } from '../../shared/MemberSelect';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { isBeforeToday } from './rectification';
import { afterRectificationChange, createProblem, type BatchSummary } from './rectificationApi';
import { useCategories } from './useCategories';

interface IssueValues {
  responsibleOrgId?: number;
  responsibleMemberId?: number;
  responsiblePerson?: string;
  description?: string;
  category?: string;
  severity?: string;
  deadline?: Dayjs;
}

const ISSUE_FIELDS = ['responsibleOrgId', 'responsibleMemberId', 'responsiblePerson', 'description', 'category', 'severity', 'deadline'] as const;

/** 下发问题: one problem of the batch to a responsible organization below the issuing one. */
export function IssueProblemModal({ batch, open, onClose }: { batch: BatchSummary; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<IssueValues>();
  const codes = useCodeTables().data;
  const categories = useCategories();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const orgId = Form.useWatch('responsibleOrgId', form);
  const issue = useMutation({
    mutationFn: (v: IssueValues) =>
      createProblem(batch.id, {
        responsibleOrgId: v.responsibleOrgId ?? 0,
        responsibleMemberId: v.responsibleMemberId,
        responsiblePerson: v.responsiblePerson?.trim() || undefined,
        description: (v.description ?? '').trim(),
        category: v.category ?? '',
        severity: v.severity ?? '',
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
      }),
    onSuccess: async (saved) => {
      void message.success(`已下发给${saved.responsibleOrgName}`);
      await afterRectificationChange(queryClient, saved);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ISSUE_FIELDS)),
  });
  useEffect(() => {
    if (open) {
      issue.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title="下发问题"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="下发"
      okButtonProps={{ 'data-testid': 'issue-submit' } as Record<string, string>}
      confirmLoading={issue.isPending}
      forceRender
      width={640}
    >
      <Typography.Paragraph type="secondary">
        批次：{batch.name}。问题下发给{batch.issuingOrgName}的下级组织，由其认领整改，整改完成后由本级审核销号。
      </Typography.Paragraph>
      {issue.isError ? <ErrorAlert error={issue.error} /> : null}
      <Form<IssueValues> form={form} layout="vertical" name="problemIssue" initialValues={{ severity: 'general' }} onFinish={(v) => issue.mutate(v)}>
        <Form.Item label="责任组织" name="responsibleOrgId" rules={[{ required: true, message: '请选择责任组织' }]}>
          <OrgTreeSelect
            aria-label="责任组织"
            data-testid="issue-org"
            style={{ width: '100%' }}
            onChange={(id) => {
              form.setFieldsValue({ responsibleOrgId: id, responsibleMemberId: undefined });
            }}
          />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px' }}>
          {orgId ? (
            <Form.Item label="从党员中选择责任人（可选）" name="responsibleMemberId" style={{ flex: '1 1 200px' }}>
              <MemberSelect
                orgId={orgId}
                aria-label="从党员中选择责任人"
                style={{ width: '100%' }}
                onChange={(id, m) => {
                  form.setFieldsValue({ responsibleMemberId: id });
                  if (m) form.setFieldsValue({ responsiblePerson: m.name });
                }}
              />
            </Form.Item>
          ) : null}
          <Form.Item label="责任人（可选）" name="responsiblePerson" rules={[{ max: 50 }]} style={{ flex: '1 1 200px' }} extra="可留空，由责任组织认领时明确">
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item label="问题描述" name="description" rules={[{ required: true, whitespace: true, message: '请填写问题描述' }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px' }}>
          <Form.Item label="问题类别" name="category" rules={[{ required: true, message: '请选择问题类别' }]} style={{ flex: '1 1 160px' }}>
            <Select
              aria-label="问题类别"
              loading={categories.isPending}
              options={(categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.label }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label="严重程度" name="severity" rules={[{ required: true, message: '请选择严重程度' }]} style={{ flex: '1 1 120px' }}>
            <Select aria-label="严重程度" options={optionsOf(codes?.problemSeverities)} />
          </Form.Item>
          <Form.Item label="整改时限" name="deadline" rules={[{ required: true, message: '请选择整改时限' }]} style={{ flex: '1 1 160px' }}>
            <DatePicker style={{ width: '100%' }} aria-label="整改时限" disabledDate={(d) => isBeforeToday(d)} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
