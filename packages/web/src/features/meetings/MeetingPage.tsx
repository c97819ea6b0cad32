import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, CloseCircleOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { hasPermission } from '../../app/access';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { ATTENDANCE_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { AttendanceCountsBar } from './AttendanceSheet';
import { activityKeys, afterActivityChange, ATTENDANCE_STATUS_CODES, cancelActivity, fetchActivity, recordDocxUrl, type ActivityDetail } from './meetingApi';
import { StatusTag, TypeTags } from './meetingDisplay';
import { entriesOf, lectureSelected } from './meetingForm';
import { MeetingRecordForm } from './MeetingRecordForm';

/** /meetings/:id: the record of an activity; ?mode=edit to edit it, ?mode=complete to complete a planned one. */
export function MeetingPage() {
  const me = useMe();
  const { id } = useParams();
  const activityId = Number(id);
  const valid = Number.isInteger(activityId) && activityId > 0;
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const activity = useQuery({ queryKey: activityKeys.detail(activityId), queryFn: () => fetchActivity(activityId), enabled: valid });
  const writable = hasPermission(me.permissions, 'meeting:write');
  const a = activity.data;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/meetings')}>
      活动记录
    </Button>
  );
  if (!valid || (activity.error instanceof ApiError && activity.error.status === 404)) {
    return <Result status="404" title="未找到该活动" subTitle="该活动记录不存在，或不在您的管理范围内。" extra={back} />;
  }
  if (activity.isError) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  if (!a) return <Skeleton active paragraph={{ rows: 10 }} />;

  const mode = sp.get('mode');
  if (writable && mode === 'edit' && a.status !== 'cancelled') return <MeetingRecordForm key={`edit-${a.id}`} kind="edit" activity={a} />;
  if (writable && mode === 'complete' && a.status === 'planned') return <MeetingRecordForm key={`complete-${a.id}`} kind="complete" activity={a} />;
  return <MeetingDetailView activity={a} writable={writable} back={back} />;
}

function MeetingDetailView({ activity: a, writable, back }: { activity: ActivityDetail; writable: boolean; back: ReactNode }) {
  const codes = useCodeTables().data;
  const navigate = useNavigate();
  const [cancelling, setCancelling] = useState(false);
  const time = a.startsAt ? `${a.startsAt}${a.endsAt ? `–${a.endsAt}` : ''}` : null;
  const rows = entriesOf(a.attendanceRows);

  return (
    <>
      <div className="page-header">
        <Space wrap>
          {back}
          <Typography.Title level={3} style={{ wordBreak: 'break-word' }} data-testid="meeting-topic">
            {a.topic}
          </Typography.Title>
          <StatusTag status={a.status} activityStatuses={codes?.activityStatuses} />
        </Space>
        <Space wrap>
          {a.status === 'completed' ? (
            <Button icon={<FileWordOutlined />} href={recordDocxUrl(a.id)} download data-testid="meeting-record-docx">
              下载会议记录（Word）
            </Button>
          ) : null}
          {writable && a.status === 'planned' ? (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => void navigate(`/meetings/${a.id}?mode=complete`)} data-testid="meeting-complete">
              完成并登记出勤
            </Button>
          ) : null}
          {writable && a.status !== 'cancelled' ? (
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/meetings/${a.id}?mode=edit`)} data-testid="meeting-edit">
              编辑
            </Button>
          ) : null}
          {writable && a.status === 'planned' ? (
            <Button danger icon={<CloseCircleOutlined />} onClick={() => setCancelling(true)} data-testid="meeting-cancel">
              取消活动
            </Button>
          ) : null}
        </Space>
      </div>
      {a.status === 'planned' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="这是计划召开的活动。会后点击“完成并登记出勤”，登记出勤和会议记录后计入组织生活。" />
      ) : null}
      {a.status === 'cancelled' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`} /> : null}
      <Card title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          data-testid="meeting-detail"
          items={[
            { key: 'org', label: '组织', children: a.orgName },
            { key: 'types', label: '活动类型', children: <TypeTags types={a.types} activityTypes={codes?.activityTypes} /> },
            { key: 'heldOn', label: a.status === 'planned' ? '计划日期' : '日期', children: a.heldOn },
            { key: 'time', label: '时间', children: time ?? '—' },
            { key: 'place', label: '地点', children: a.place ?? '—' },
            { key: 'host', label: '主持人', children: a.host ?? '—' },
            { key: 'recorder', label: '记录人', children: a.recorder ?? '—' },
            ...(lectureSelected(a.types) || a.lecturer ? [{ key: 'lecturer', label: '授课人', children: a.lecturer ?? '—' }] : []),
            { key: 'updatedAt', label: '最后修改', children: formatDateTime(a.updatedAt) },
          ]}
        />
      </Card>
      {a.status === 'completed' ? (
        <Card title="出勤情况" style={{ marginBottom: 16 }} data-testid="meeting-attendance">
          <AttendanceCountsBar rows={rows} />
          {rows.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记出勤" />
          ) : (
            ATTENDANCE_STATUS_CODES.map((status) => {
              const members = a.attendanceRows.filter((r) => r.status === status);
              if (members.length === 0) return null;
              return (
                <div key={status} style={{ marginTop: 12 }}>
                  <Tag color={statusColor(ATTENDANCE_STATUS_COLORS, status)}>
                    {labelOf(codes?.attendanceStatuses, status)} {members.length}
                  </Tag>
                  <div style={{ marginTop: 4, wordBreak: 'break-word' }}>
                    {members.map((m, i) => (
                      <span key={m.memberId} data-testid="attendance-member">
                        {i > 0 ? '、' : ''}
                        {m.name}
                        {m.reason ? <Typography.Text type="secondary">（{m.reason}）</Typography.Text> : null}
                      </span>
                    ))}
                  </div>
                </div>
              );
            })
          )}
        </Card>
      ) : null}
      <Card title={a.status === 'planned' ? '活动安排' : '会议记录'}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {a.status === 'planned' ? '内容安排' : '会议内容'}
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{a.content ?? '—'}</Typography.Paragraph>
        <Typography.Title level={5}>决定事项</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0 }}>{a.decisions ?? '—'}</Typography.Paragraph>
      </Card>
      {writable ? <CancelModal activity={a} open={cancelling} onClose={() => setCancelling(false)} /> : null}
    </>
  );
}

/** 取消活动: asks for the reason, and confirms. */
function CancelModal({ activity, open, onClose }: { activity: ActivityDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (reason: string) => cancelActivity(activity.id, reason),
    onSuccess: async (saved) => {
      void message.success('活动已取消');
      await afterActivityChange(queryClient, saved);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['reason'] as const)),
  });
  useEffect(() => {
    if (open) {
      cancel.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title={`取消活动“${activity.topic}”？`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="取消活动"
      okButtonProps={{ danger: true }}
      cancelText="不取消"
      confirmLoading={cancel.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">取消后该活动不再计入组织生活，记录和取消原因会保留。</Typography.Paragraph>
      {cancel.isError ? <ErrorAlert error={cancel.error} /> : null}
      <Form<{ reason?: string }> form={form} layout="vertical" name="activityCancel" onFinish={(v) => cancel.mutate((v.reason ?? '').trim())}>
        <Form.Item label="取消原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写取消原因' }, { max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：因防汛值班改期" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
