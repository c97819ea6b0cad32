import { useEffect, useState } from 'react';
import { Alert, App, Button, Collapse, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import type { AppointInput, CommitteePost, CommitteePostCode, OrgDetail } from '../../api/types';
import { hasCommittee, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate, isAfterToday, textOrNull, toIsoDate } from '../../shared/format';
import { MemberSelect } from '../../shared/MemberSelect';
import { showSaved } from '../../shared/RuleWarningList';
import { useCompact } from '../../shared/useCompact';
import {
  afterRecordChange,
  appoint,
  endPost,
  fetchCommittee,
  postSourceLabel,
  recordKeys,
  recordTalk,
} from './orgRecordsApi';

interface CommitteeTabProps {
  org: OrgDetail;
  writable: boolean;
  /** Member names link to the member's page (member:read). */
  canReadMembers: boolean;
}

/** 已谈话 with its date (who talked and the notes on hover), or 未谈话. */
function TalkStatus({ post }: { post: CommitteePost }) {
  if (!post.talkOn) return <Tag color="orange">未谈话</Tag>;
  const details = [post.talkBy ? `谈话人：${post.talkBy}` : null, post.talkNote ? `谈话要点：${post.talkNote}` : null].filter(Boolean).join('；');
  return (
    <Tooltip title={details || undefined}>
      <span>
        <Tag color="green">已谈话</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDate(post.talkOn)}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** 班子成员: the current posts with their 任职谈话, actions to appoint, end a post and record a talk; past posts folded. */
export function CommitteeTab({ org, writable, canReadMembers }: CommitteeTabProps) {
  const committee = useQuery({ queryKey: recordKeys.committee(org.id), queryFn: () => fetchCommittee(org.id) });
  const [appointOpen, setAppointOpen] = useState(false);
  const [ending, setEnding] = useState<CommitteePost | null>(null);
  const [talking, setTalking] = useState<CommitteePost | null>(null);
  const codes = useCodeTables().data;
  const withCommittee = hasCommittee(codes, org.type);
  const canChange = writable && org.status === 'active' && withCommittee;
  const sourceLabel = (source: string) => postSourceLabel(codes?.postSources, source);

  const compact = useCompact();
  const memberCell = (p: CommitteePost) =>
    canReadMembers ? <Link to={`/members/${p.memberId}`}>{p.memberName}</Link> : p.memberName;
  const actions = (p: CommitteePost) => [
    <Button key="talk" type="link" size="small" onClick={() => setTalking(p)}>
      {p.talkOn ? '修改谈话' : '记录谈话'}
    </Button>,
    <Button key="end" type="link" size="small" danger onClick={() => setEnding(p)}>
      免职
    </Button>,
  ];
  // The server sends them newest first.
  const past = committee.data?.past ?? [];
  const emptyCurrent = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无现任班子成员：可录入换届选举结果，或任命班子成员" />;

  if (!withCommittee) {
    return <Empty description={`${org.typeLabel}不设委员会，没有班子成员记录`} />;
  }

  return (
    <>
      <div className="page-header" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          现任 {committee.data ? committee.data.current.length : '—'} 人。
          {canChange ? '换届选举产生的班子请在“换届”中录入；任职谈话在任职后记录。' : null}
        </Typography.Text>
        {canChange ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAppointOpen(true)}>
            任命班子成员
          </Button>
        ) : null}
      </div>
      {committee.isError ? <ErrorAlert error={committee.error} onRetry={() => void committee.refetch()} /> : null}
      {compact ? (
        <List<CommitteePost>
          size="small"
          itemLayout="vertical"
          loading={committee.isPending}
          dataSource={committee.data?.current ?? []}
          data-testid="committee-current"
          locale={{ emptyText: emptyCurrent }}
          renderItem={(p) => (
            <List.Item key={p.id} actions={canChange ? actions(p) : undefined} style={{ paddingInline: 0 }}>
              <div>
                <Typography.Text strong>{p.postLabel}</Typography.Text> {memberCell(p)}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDate(p.startedOn)} 起 · {sourceLabel(p.source)}
                {p.appointmentDoc ? ` · ${p.appointmentDoc}` : ''}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                任职谈话：<TalkStatus post={p} />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<CommitteePost>
          rowKey="id"
          size="small"
          loading={committee.isPending}
          dataSource={committee.data?.current ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="committee-current"
          locale={{ emptyText: emptyCurrent }}
          columns={[
            { title: '职务', dataIndex: 'postLabel', fixed: 'left', render: (label: string) => <Typography.Text strong>{label}</Typography.Text> },
            { title: '姓名', key: 'member', render: (_, p) => memberCell(p) },
            { title: '任职日期', dataIndex: 'startedOn', render: (d: string) => formatDate(d) },
            {
              title: '产生方式',
              key: 'source',
              render: (_, p) => (
                <span>
                  {sourceLabel(p.source)}
                  {p.appointmentDoc ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                      {p.appointmentDoc}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            { title: '任职谈话', key: 'talk', render: (_, p) => <TalkStatus post={p} /> },
            ...(canChange
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, p: CommitteePost) => <Space size={0}>{actions(p)}</Space>,
                  },
                ]
              : []),
          ]}
        />
      )}
      {past.length > 0 ? (
        <Collapse
          style={{ marginTop: 16 }}
          size="small"
          items={[
            {
              key: 'past',
              label: `历任班子成员（${past.length}）`,
              children: (
                <Table<CommitteePost>
                  rowKey="id"
                  size="small"
                  dataSource={past}
                  pagination={past.length > 10 ? { pageSize: 10, size: 'small' } : false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: '职务', dataIndex: 'postLabel' },
                    { title: '姓名', key: 'member', render: (_, p) => memberCell(p) },
                    { title: '任职日期', dataIndex: 'startedOn', render: (d: string) => formatDate(d) },
                    { title: '离任日期', dataIndex: 'endedOn', render: (d: string | null) => formatDate(d) },
                    { title: '离任原因', dataIndex: 'endReason', render: (r: string | null) => r ?? '—' },
                    { title: '产生方式', dataIndex: 'source', render: (s: string) => sourceLabel(s) },
                    { title: '任职谈话', key: 'talk', render: (_, p) => <TalkStatus post={p} /> },
                  ]}
                />
              ),
            },
          ]}
        />
      ) : null}
      {canChange ? (
        <>
          <AppointModal org={org} open={appointOpen} onClose={() => setAppointOpen(false)} />
          <EndPostModal post={ending} orgName={org.name} onClose={() => setEnding(null)} />
          <TalkModal post={talking} onClose={() => setTalking(null)} />
        </>
      ) : null}
    </>
  );
}

interface AppointForm {
  post: CommitteePostCode;
  memberId: number;
  startedOn: Dayjs;
  appointmentDoc?: string;
  talkOn?: Dayjs | null;
  talkBy?: string;
  talkNote?: string;
}

const APPOINT_FIELDS = ['post', 'memberId', 'startedOn', 'appointmentDoc', 'talkOn', 'talkBy', 'talkNote'] as const;

function AppointModal({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AppointForm>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const codes = useCodeTables().data;
  const save = useMutation({
    mutationFn: (values: AppointForm) => {
      const body: AppointInput = {
        post: values.post,
        memberId: values.memberId,
        startedOn: toIsoDate(values.startedOn) ?? '',
        appointmentDoc: textOrNull(values.appointmentDoc),
        talkOn: toIsoDate(values.talkOn),
        talkBy: textOrNull(values.talkBy),
        talkNote: textOrNull(values.talkNote),
      };
      return appoint(org.id, body);
    },
    onSuccess: (result) => {
      void afterRecordChange(queryClient, org.id);
      onClose();
      showSaved(modal, message, '任命已保存', result.warnings);
    },
    onError: (error) => form.setFields(formFieldErrors(error, APPOINT_FIELDS)),
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      save.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal
      title={`任命班子成员 — ${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<AppointForm> name="committeeAppoint" form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ startedOn: dayjs() }}>
        <Form.Item label="职务" name="post" rules={[{ required: true, message: '请选择职务' }]}>
          <Select options={optionsOf(codes?.committeePosts ?? [])} placeholder="选择职务" />
        </Form.Item>
        <Form.Item label="党员" name="memberId" rules={[{ required: true, message: '请选择党员' }]} extra="须为本组织或其下级组织的党员；书记须为正式党员">
          <MemberSelect orgId={org.id} aria-label="党员" />
        </Form.Item>
        <Form.Item label="任职日期" name="startedOn" rules={[{ required: true, message: '请选择任职日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="任职文号" name="appointmentDoc" rules={[{ max: 100 }]}>
          <Input maxLength={100} placeholder="可不填，如：×党发〔2026〕12号" />
        </Form.Item>
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'talk',
              label: '同时记录任职谈话（可稍后记录）',
              forceRender: true,
              children: <TalkFields optional />,
            },
          ]}
        />
      </Form>
    </Modal>
  );
}

/** The 任职谈话 fields; in the appoint form they are optional, but a date needs the person who talked and back. */
function TalkFields({ optional }: { optional?: boolean }) {
  return (
    <>
      <Form.Item
        label="谈话日期"
        name="talkOn"
        dependencies={optional ? ['talkBy'] : []}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) =>
              value || (optional && !textOrNull(getFieldValue('talkBy') as string | undefined)) ? Promise.resolve() : Promise.reject(new Error('请选择谈话日期')),
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
      </Form.Item>
      <Form.Item
        label="谈话人"
        name="talkBy"
        dependencies={optional ? ['talkOn'] : []}
        rules={[
          { max: 50 },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              textOrNull(value) || (optional && !getFieldValue('talkOn')) ? Promise.resolve() : Promise.reject(new Error('请输入谈话人')),
          }),
        ]}
      >
        <Input maxLength={50} placeholder="如：机关党委书记 张××" />
      </Form.Item>
      <Form.Item label="谈话要点" name="talkNote" rules={[{ max: 2000 }]}>
        <Input.TextArea maxLength={2000} rows={3} placeholder="可不填" />
      </Form.Item>
    </>
  );
}

interface EndForm {
  endedOn: Dayjs;
  endReason: string;
}

function EndPostModal({ post, orgName, onClose }: { post: CommitteePost | null; orgName: string; onClose: () => void }) {
  const [form] = Form.useForm<EndForm>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ id, values }: { id: number; values: EndForm }) => endPost(id, { endedOn: toIsoDate(values.endedOn) ?? '', endReason: values.endReason.trim() }),
    onSuccess: () => {
      void message.success('已免职');
      if (post) void afterRecordChange(queryClient, post.orgId);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['endedOn', 'endReason'] as const)),
  });

  useEffect(() => {
    if (post) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ endedOn: dayjs(), endReason: '' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [post?.id]);

  const submit = (values: EndForm) => {
    if (!post) return;
    modal.confirm({
      title: `确认免去${post.memberName}的${post.postLabel}职务？`,
      content: `${orgName}：自 ${toIsoDate(values.endedOn) ?? ''} 起免职，原因：${values.endReason.trim()}。免职后该职务将空缺，请及时补选或任命。`,
      okText: '确认免职',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => save.mutateAsync({ id: post.id, values }).catch(() => undefined),
    });
  };

  return (
    <Modal
      title={post ? `免职 — ${post.postLabel} ${post.memberName}` : '免职'}
      open={post !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="免职"
      okButtonProps={{ danger: true }}
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<EndForm> name="committeeEnd" form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="免职日期" name="endedOn" rules={[{ required: true, message: '请选择免职日期' }]} extra={post ? `任职日期：${formatDate(post.startedOn)}` : undefined}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => isAfterToday(d) || (post !== null && d.isBefore(dayjs(post.startedOn), 'day'))} />
        </Form.Item>
        <Form.Item label="免职原因" name="endReason" rules={[{ required: true, whitespace: true, message: '请输入免职原因' }, { max: 200 }]}>
          <Input maxLength={200} placeholder="如：工作调动、退休、换届" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TalkForm {
  talkOn: Dayjs;
  talkBy: string;
  talkNote?: string;
}

function TalkModal({ post, onClose }: { post: CommitteePost | null; onClose: () => void }) {
  const [form] = Form.useForm<TalkForm>();
  const postSources = useCodeTables().data?.postSources;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ id, values }: { id: number; values: TalkForm }) =>
      recordTalk(id, { talkOn: toIsoDate(values.talkOn) ?? '', talkBy: values.talkBy.trim(), talkNote: textOrNull(values.talkNote) }),
    onSuccess: () => {
      void message.success('任职谈话已记录');
      if (post) void afterRecordChange(queryClient, post.orgId);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['talkOn', 'talkBy', 'talkNote'] as const)),
  });

  useEffect(() => {
    if (post) {
      save.reset();
      form.resetFields();
      form.setFieldsValue({ talkOn: post.talkOn ? dayjs(post.talkOn) : dayjs(), talkBy: post.talkBy ?? '', talkNote: post.talkNote ?? '' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [post?.id]);

  return (
    <Modal
      title={post ? `记录任职谈话 — ${post.postLabel} ${post.memberName}` : '记录任职谈话'}
      open={post !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      {post ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`任职日期 ${formatDate(post.startedOn)}，${postSourceLabel(postSources, post.source)}`} />
      ) : null}
      <Form<TalkForm> name="committeeTalk" form={form} layout="vertical" onFinish={(values) => post && save.mutate({ id: post.id, values })}>
        <TalkFields />
      </Form>
    </Modal>
  );
}
