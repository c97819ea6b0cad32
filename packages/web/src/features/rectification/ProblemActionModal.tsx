import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { errorDetails } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { MemberSelect } from '../../shared/MemberSelect';
import { activityKeys, fetchActivities, type ActivityListParams } from '../meetings/meetingApi';
import {
  ACTION_LABELS,
  bytesToBase64,
  evidenceFileProblem,
  formatSize,
  MAX_MEASURES,
  measureFieldPath,
  measureRows,
  measuresBody,
  type MeasureRow,
} from './rectification';
import {
  addEvidence,
  afterRectificationChange,
  approveClosure,
  claimProblem,
  reportProgress,
  requestClosure,
  returnProblem,
  reviewProblem,
  setMeasures,
  type EvidenceInput,
  type ProblemAction,
  type ProblemDetail,
} from './rectificationApi';

interface Values {
  responsiblePerson?: string;
  responsibleMemberId?: number;
  note?: string;
  reason?: string;
  outcome?: 'passed' | 'reopen';
  measures?: MeasureRow[];
  kind?: 'link' | 'activity' | 'file';
  label?: string;
  url?: string;
  activityId?: number;
}

interface PickedFile {
  name: string;
  type: string;
  size: number;
  base64: string;
}

const TEXT_FIELDS = ['responsiblePerson', 'responsibleMemberId', 'note', 'reason', 'outcome', 'kind', 'label', 'url', 'activityId', 'fileName', 'contentBase64'] as const;

const INTRO: Partial<Record<ProblemAction, string>> = {
  claim: '认领后由本组织负责整改，请明确责任人。',
  set_measures: '逐条列出整改措施、责任人和完成时限；申请销号前可随时修改。',
  progress: '报告整改工作的进展情况，将记入整改过程。',
  add_evidence: '佐证材料可以是链接、本组织的一次活动记录，或不超过 2 MB 的文件。',
  request_closure: '提交后由下发问题的组织审核；审核期间不能修改措施。确认整改已完成再申请。',
  approve: '审核通过后问题销号，不能撤回（如需再次整改，可在回头看时重新整改）。',
  return: '退回后问题回到“整改中”，退回原因会记入整改过程，责任组织可见。',
  review: '销号后回头看：整改成效巩固则通过；问题反弹则重新整改。',
};

/** One workflow action (认领, 制定措施 … 回头看) in a modal: its form, the server's confirmation, field errors on fields. */
export function ProblemActionModal({ problem, action, onClose }: { problem: ProblemDetail; action: ProblemAction | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const open = action !== null;

  const run = useMutation({
    mutationFn: async (v: Values): Promise<ProblemDetail | undefined> => {
      const id = problem.id;
      const note = (v.note ?? '').trim();
      switch (action) {
        case 'claim':
          return claimProblem(id, { responsiblePerson: v.responsiblePerson?.trim() || undefined, responsibleMemberId: v.responsibleMemberId, note: note || undefined });
        case 'set_measures':
          return setMeasures(id, measuresBody(v.measures ?? []));
        case 'progress':
          return reportProgress(id, note);
        case 'request_closure':
          return requestClosure(id, note);
        case 'approve':
          return approveClosure(id, note || undefined);
        case 'return':
          return returnProblem(id, (v.reason ?? '').trim());
        case 'review':
          return reviewProblem(id, v.outcome ?? 'passed', note);
        case 'add_evidence': {
          const label = (v.label ?? '').trim();
          let body: EvidenceInput;
          if (v.kind === 'link') body = { kind: 'link', label, url: (v.url ?? '').trim() };
          else if (v.kind === 'activity') body = { kind: 'activity', label, activityId: v.activityId ?? 0 };
          else {
            if (!file) throw new Error('请选择佐证文件');
            body = { kind: 'file', label, fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: file.base64 };
          }
          await addEvidence(id, body);
          return undefined;
        }
        default:
          return undefined;
      }
    },
    onSuccess: async (saved) => {
      void message.success(`${action ? ACTION_LABELS[action] : ''}已完成`);
      await afterRectificationChange(queryClient, saved);
      onClose();
    },
    onError: (error) => {
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const d of errorDetails(error)) {
        const path = measureFieldPath(d.field) ?? ((TEXT_FIELDS as readonly string[]).includes(d.field) ? [d.field] : null);
        if (path && (path[0] !== 'measures' || path.length > 1)) fields.push({ name: path, errors: [d.message] });
      }
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    },
  });

  useEffect(() => {
    if (!open) return;
    run.reset();
    form.resetFields();
    if (action === 'set_measures') form.setFieldsValue({ measures: measureRows(problem.measures) });
    if (action === 'claim') form.setFieldsValue({ responsiblePerson: problem.responsiblePerson ?? undefined, responsibleMemberId: problem.responsibleMemberId ?? undefined });
    if (action === 'add_evidence') form.setFieldsValue({ kind: 'link' });
    if (action === 'review') form.setFieldsValue({ outcome: 'passed' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open, action]);

  const activityParams: ActivityListParams = { orgId: problem.responsibleOrgId, status: 'completed', page: 1, pageSize: 50 };
  const activities = useQuery({
    queryKey: activityKeys.list(activityParams),
    queryFn: () => fetchActivities(activityParams),
    enabled: open && action === 'add_evidence' && kind === 'activity',
  });

  const title = action ? `${ACTION_LABELS[action]}：${problem.description.length > 24 ? `${problem.description.slice(0, 24)}…` : problem.description}` : '';
  const danger = action === 'return';

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action === 'review' ? '提交回头看' : action ? ACTION_LABELS[action] : '确定'}
      okButtonProps={{ danger, ...({ 'data-testid': 'action-submit' } as Record<string, string>) }}
      cancelText="取消"
      confirmLoading={run.isPending}
      width={action === 'set_measures' ? 820 : 560}
      forceRender
      afterOpenChange={(opened) => {
        if (!opened) {
          setFile(null);
          setFileError(null);
        }
      }}
    >
      {action && INTRO[action] ? (
        <Typography.Paragraph type="secondary" data-testid="action-intro">
          {INTRO[action]}
        </Typography.Paragraph>
      ) : null}
      {run.isError ? <ErrorAlert error={run.error} /> : null}
      <Form<Values> form={form} layout="vertical" name={`problem-${action ?? 'none'}`} onFinish={(v) => run.mutate(v)}>
        {action === 'claim' ? (
          <>
            <Form.Item label="从党员中选择责任人" name="responsibleMemberId" extra="选择后“我负责的”中可以看到此问题；也可以只填写姓名">
              <MemberSelect
                orgId={problem.responsibleOrgId}
                aria-label="从党员中选择责任人"
                style={{ width: '100%' }}
                onChange={(memberId, m) => {
                  form.setFieldsValue({ responsibleMemberId: memberId });
                  if (m) form.setFieldsValue({ responsiblePerson: m.name });
                }}
              />
            </Form.Item>
            <Form.Item label="责任人" name="responsiblePerson" rules={[{ required: true, whitespace: true, message: '请填写责任人' }, { max: 50 }]}>
              <Input maxLength={50} placeholder="如：张三（综合处处长）" />
            </Form.Item>
            <Form.Item label="备注" name="note" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}

        {action === 'set_measures' ? <MeasuresEditor /> : null}

        {action === 'progress' || action === 'request_closure' ? (
          <Form.Item
            label={action === 'progress' ? '整改进展' : '整改完成情况'}
            name="note"
            rules={[{ required: true, whitespace: true, message: action === 'progress' ? '请填写整改进展' : '请说明整改完成情况' }, { max: 1000 }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        ) : null}

        {action === 'approve' ? (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`确认“${problem.responsibleOrgName}”的这个问题已整改到位，予以销号？`} />
            <Form.Item label="审核意见（可选）" name="note" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}

        {action === 'return' ? (
          <Form.Item label="退回原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：佐证材料不足，请补充制度文件" />
          </Form.Item>
        ) : null}

        {action === 'review' ? (
          <>
            <Form.Item label="回头看结论" name="outcome" rules={[{ required: true }]}>
              <Radio.Group
                options={[
                  { value: 'passed', label: '通过（整改成效巩固）' },
                  { value: 'reopen', label: '重新整改（问题反弹）' },
                ]}
              />
            </Form.Item>
            <Form.Item label="说明" name="note" rules={[{ required: true, whitespace: true, message: '请填写回头看情况' }, { max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}

        {action === 'add_evidence' ? (
          <>
            <Form.Item label="佐证类型" name="kind" rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'link', label: '链接' },
                  { value: 'activity', label: '活动记录' },
                  { value: 'file', label: '文件' },
                ]}
              />
            </Form.Item>
            <Form.Item label="名称" name="label" rules={[{ required: true, whitespace: true, message: '请填写佐证材料名称' }, { max: 100 }]}>
              <Input maxLength={100} placeholder="如：修订后的请休假制度" />
            </Form.Item>
            {kind === 'link' ? (
              <Form.Item label="链接" name="url" rules={[{ required: true, message: '请填写链接' }, { type: 'url', message: '请填写以 http:// 或 https:// 开头的链接' }]}>
                <Input maxLength={500} placeholder="https://" />
              </Form.Item>
            ) : null}
            {kind === 'activity' ? (
              <Form.Item label={`${problem.responsibleOrgName}的活动`} name="activityId" rules={[{ required: true, message: '请选择活动' }]}>
                <Select<number>
                  aria-label="活动"
                  loading={activities.isFetching}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="选择已完成的活动"
                  notFoundContent={activities.isError ? '活动加载失败' : '没有已完成的活动'}
                  options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${formatDate(a.heldOn)} ${a.topic}` }))}
                  onChange={(id) => {
                    const a = activities.data?.items.find((x) => x.id === id);
                    if (a && !form.getFieldValue('label')) form.setFieldsValue({ label: a.topic });
                  }}
                  popupMatchSelectWidth={false}
                  styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
                />
              </Form.Item>
            ) : null}
            {kind === 'file' ? (
              <Form.Item label="文件（不超过 2 MB）" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
                <Upload
                  maxCount={1}
                  fileList={file ? [{ uid: 'evidence', name: `${file.name}（${formatSize(file.size)}）`, status: 'done' }] : []}
                  beforeUpload={(f) => {
                    const problemText = evidenceFileProblem(f.size);
                    if (problemText) {
                      setFileError(problemText);
                      setFile(null);
                      return Upload.LIST_IGNORE;
                    }
                    setFileError(null);
                    void f.arrayBuffer().then((buf) => {
                      setFile({ name: f.name, type: f.type, size: f.size, base64: bytesToBase64(new Uint8Array(buf)) });
                      if (!form.getFieldValue('label')) form.setFieldsValue({ label: f.name.replace(/\.[^.]+$/, '') });
                    });
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    return true;
                  }}
                >
                  <Button icon={<PaperClipOutlined />}>选择文件</Button>
                </Upload>
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 整改措施: rows of content, owner, deadline and done date; rows added and removed, 1 to 20. */
function MeasuresEditor() {
  return (
    <Form.List
      name="measures"
      rules={[
        {
          validator: async (_, rows: unknown[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error('至少制定一条整改措施');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="measures-editor">
          {fields.map((field, index) => (
            <div key={field.key} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 12px 0', marginBottom: 12 }} data-testid="measure-row">
              <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
                <Typography.Text strong>措施 {index + 1}</Typography.Text>
                {fields.length > 1 ? (
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除措施 ${index + 1}`}>
                    删除
                  </Button>
                ) : null}
              </Space>
              <Form.Item label="措施内容" name={[field.name, 'content']} rules={[{ required: true, whitespace: true, message: '请填写措施内容' }, { max: 500 }]}>
                <Input.TextArea rows={2} maxLength={500} aria-label={`措施 ${index + 1} 内容`} />
              </Form.Item>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px' }}>
                <Form.Item label="责任人" name={[field.name, 'owner']} rules={[{ required: true, whitespace: true, message: '请填写责任人' }, { max: 50 }]} style={{ flex: '1 1 140px' }}>
                  <Input maxLength={50} aria-label={`措施 ${index + 1} 责任人`} />
                </Form.Item>
                <Form.Item label="完成时限" name={[field.name, 'deadline']} rules={[{ required: true, message: '请选择完成时限' }]} style={{ flex: '1 1 140px' }}>
                  <DatePicker style={{ width: '100%' }} aria-label={`措施 ${index + 1} 完成时限`} />
                </Form.Item>
                <Form.Item label="完成日期" name={[field.name, 'doneOn']} style={{ flex: '1 1 140px' }}>
                  <DatePicker style={{ width: '100%' }} aria-label={`措施 ${index + 1} 完成日期`} disabledDate={(d: Dayjs) => d.isAfter(new Date(), 'day')} />
                </Form.Item>
              </div>
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_MEASURES ? (
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="measure-add">
              添加一条措施
            </Button>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}
