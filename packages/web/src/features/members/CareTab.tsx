import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { CareVisitInput, MemberDetail } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate, isAfterToday, textOrNull, toIsoDate } from '../../shared/format';
import { afterMemberChange, fetchCareVisits, memberKeys, recordCareVisit, setHardship } from './memberApi';

/** 关怀: whether the member is a 困难党员 (and why), and the record of care visits (走访慰问). */
export function CareTab({ member, writable }: { member: MemberDetail; writable: boolean }) {
  const visits = useQuery({ queryKey: memberKeys.careVisits(member.id), queryFn: () => fetchCareVisits(member.id) });
  const [visitOpen, setVisitOpen] = useState(false);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <HardshipCard member={member} writable={writable} />
      <Card
        size="small"
        title="走访慰问记录"
        extra={
          writable ? (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setVisitOpen(true)}>
              登记走访
            </Button>
          ) : null
        }
      >
        {visits.isError ? <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} /> : null}
        <List
          loading={visits.isPending}
          dataSource={visits.data ?? []}
          data-testid="care-visits"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无走访记录" /> }}
          renderItem={(v) => (
            <List.Item key={v.id} style={{ display: 'block' }}>
              <Space size={8} wrap>
                <Typography.Text strong>{formatDate(v.visitedOn)}</Typography.Text>
                <Typography.Text type="secondary">走访人：{v.visitor}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{v.content}</Typography.Paragraph>
              {v.assistance ? <Typography.Text type="secondary">帮扶：{v.assistance}</Typography.Text> : null}
            </List.Item>
          )}
        />
      </Card>
      {writable ? <CareVisitModal member={member} open={visitOpen} onClose={() => setVisitOpen(false)} /> : null}
    </Space>
  );
}

function HardshipCard({ member, writable }: { member: MemberDetail; writable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ inHardship: boolean; note?: string }>();
  const inHardship = Form.useWatch('inHardship', form);
  const save = useMutation({
    mutationFn: (v: { inHardship: boolean; note?: string }) => setHardship(member.id, { inHardship: v.inHardship, note: v.inHardship ? textOrNull(v.note) : null }),
    onSuccess: async (saved) => {
      void message.success(saved.inHardship ? '已列为困难党员' : '已取消困难党员标记');
      await afterMemberChange(queryClient, member.id, saved);
      setEditing(false);
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['inHardship', 'note'] as const)),
  });

  return (
    <Card
      size="small"
      title="困难党员"
      extra={
        writable && !editing ? (
          <Button
            size="small"
            onClick={() => {
              save.reset();
              form.setFieldsValue({ inHardship: member.inHardship, note: member.hardshipNote ?? '' });
              setEditing(true);
            }}
          >
            {member.inHardship ? '修改' : '标记为困难党员'}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Form form={form} layout="vertical" name="hardship" onFinish={(v) => save.mutate(v)}>
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Form.Item label="列为困难党员" name="inHardship" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          {inHardship ? (
            <Form.Item label="困难情况" name="note" rules={[{ required: true, whitespace: true, message: '请简要填写困难情况' }, { max: 200 }]}>
              <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：本人患重病、家庭收入低于当地最低生活保障标准" />
            </Form.Item>
          ) : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      ) : member.inHardship ? (
        <Space orientation="vertical" size={4}>
          <Tag color="orange">困难党员</Tag>
          <Typography.Text>{member.hardshipNote ?? '—'}</Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">未列为困难党员</Typography.Text>
      )}
    </Card>
  );
}

interface VisitForm {
  visitedOn?: Dayjs;
  visitor?: string;
  content?: string;
  assistance?: string;
}

function CareVisitModal({ member, open, onClose }: { member: MemberDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<VisitForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: VisitForm) => {
      const body: CareVisitInput = {
        visitedOn: toIsoDate(v.visitedOn) ?? '',
        visitor: (v.visitor ?? '').trim(),
        content: (v.content ?? '').trim(),
        assistance: textOrNull(v.assistance),
      };
      return recordCareVisit(member.id, body);
    },
    onSuccess: async () => {
      void message.success('走访记录已保存');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.careVisits(member.id) }),
        queryClient.invalidateQueries({ queryKey: ['members', 'hardship'] }),
        queryClient.invalidateQueries({ queryKey: memberKeys.timeline(member.id) }),
      ]);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['visitedOn', 'visitor', 'content', 'assistance'] as const)),
  });

  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ visitedOn: dayjs() });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal title={`登记走访 — ${member.name}`} open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} forceRender>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<VisitForm> name="careVisit" form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="走访日期" name="visitedOn" rules={[{ required: true, message: '请选择走访日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="走访人" name="visitor" rules={[{ required: true, whitespace: true, message: '请填写走访人' }, { max: 50 }]}>
          <Input maxLength={50} placeholder="如：支部书记王某某" />
        </Form.Item>
        <Form.Item label="走访情况" name="content" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item label="帮扶内容" name="assistance" rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder="如：送慰问金 1000 元，可不填" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
