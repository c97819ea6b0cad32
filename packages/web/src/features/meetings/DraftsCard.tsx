import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useState } from 'react';
import { errorMessage } from '../../shared/errors';
import type { MeetingDraft } from './offlineDrafts';
import { draftStore, useDraftSubmit, useDrafts } from './useOfflineDrafts';

function draftTitle(d: MeetingDraft): string {
  const topic = d.values.topic?.trim();
  return topic ? topic : d.mode === 'planned' ? '（未填写主题的计划）' : '（未填写主题的记录）';
}

/** 离线草稿: records kept on this device, waiting for a network (提交草稿) or not finished (继续填写). */
export function DraftsCard({ userId }: { userId: number }) {
  const drafts = useDrafts(userId);
  const { submitOne } = useDraftSubmit();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [sending, setSending] = useState<string | null>(null);
  if (drafts.length === 0) return null;

  const submit = async (d: MeetingDraft) => {
    setSending(d.id);
    try {
      const outcome = await submitOne(d.id);
      if (outcome.kind === 'saved') void message.success('草稿已提交');
      else if (outcome.kind === 'offline') void message.warning('网络仍未连接，草稿已保留，恢复网络后自动提交');
      else if (outcome.kind === 'rejected') void message.error(`提交未成功：${errorMessage(outcome.error)}，请继续填写后再提交`);
      else if (outcome.kind === 'failed') void message.error(`提交未成功：${errorMessage(outcome.error)}，草稿已保留`);
    } finally {
      setSending(null);
    }
  };

  const remove = (d: MeetingDraft) =>
    modal.confirm({
      title: '删除这份草稿？',
      content: `“${draftTitle(d)}”只保存在本机，删除后无法恢复。`,
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: () => draftStore().remove(d.id),
    });

  return (
    <Card size="small" title="本机草稿" style={{ marginBottom: 16 }} data-testid="meeting-drafts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        以下记录只保存在这台设备上。“等待提交”的草稿会在网络恢复后自动提交，也可以点击“提交草稿”。
      </Typography.Paragraph>
      <List<MeetingDraft>
        size="small"
        dataSource={drafts}
        renderItem={(d) => (
          <List.Item key={d.id} style={{ display: 'block', paddingInline: 0 }} data-testid="meeting-draft">
            <Space size={6} wrap>
              {d.state === 'pending' ? <Tag color="orange">等待提交</Tag> : d.lastError ? <Tag color="red">提交未成功</Tag> : <Tag>未完成</Tag>}
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {draftTitle(d)}
              </Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[d.values.heldOn, d.orgName, `保存于 ${dayjs(d.savedAt).format('MM-DD HH:mm')}`].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            {d.lastError ? (
              <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>
                {d.lastError}
              </Typography.Text>
            ) : null}
            <Space size={4} wrap style={{ marginTop: 4 }}>
              {d.state === 'pending' ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  loading={sending === d.id}
                  onClick={() => void submit(d)}
                  data-testid="draft-submit"
                >
                  提交草稿
                </Button>
              ) : null}
              <Button size="small" icon={<EditOutlined />} onClick={() => void navigate(`/meetings/new?draft=${d.id}`)}>
                继续填写
              </Button>
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(d)}>
                删除
              </Button>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
