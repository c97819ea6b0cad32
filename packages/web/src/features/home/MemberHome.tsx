import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, List, Modal, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { CorrectionInput, MemberDetail } from '../../api/types';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate, formatDateTime, textOrNull } from '../../shared/format';
import { fetchOrg, orgKeys } from '../../shared/orgApi';
import { CORRECTION_STATUS_COLORS, MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { activeGrant } from '../../app/access';
import { fetchSelf, fetchSelfCorrections, fetchSelfTimeline, requestCorrection, selfKeys } from '../members/correctionApi';
import { correctionStatusLabel } from '../members/corrections';
import { correctableFields } from '../members/memberForm';
import { MemberTimeline } from '../members/MemberTimeline';
import { MyActivitiesCard } from './MyActivitiesCard';

/** Home page of an ordinary member: own record (ID number masked), organization, timeline, and correction requests. */
export function MemberHome() {
  const me = useMe();
  const member = useQuery({ queryKey: selfKeys.member, queryFn: fetchSelf, staleTime: 5 * 60_000 });
  const noRecord = member.error instanceof ApiError && member.error.status === 404;
  const timeline = useQuery({ queryKey: selfKeys.timeline, queryFn: fetchSelfTimeline, enabled: member.isSuccess });
  const orgId = member.data?.orgId ?? activeGrant(me)?.orgId ?? null;
  const org = useQuery({
    queryKey: orgKeys.detail(orgId ?? 0),
    queryFn: () => fetchOrg(orgId ?? 0),
    enabled: orgId !== null,
  });
  const [correcting, setCorrecting] = useState(false);
  const m = member.data;
  const o = org.data;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>首页</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title="我的信息"
            extra={
              m ? (
                <Button size="small" icon={<FormOutlined />} onClick={() => setCorrecting(true)} data-testid="request-correction">
                  申请更正
                </Button>
              ) : null
            }
          >
            {member.isPending ? <Skeleton active /> : null}
            {noRecord ? <Empty description="未找到与您账号关联的党员信息，请联系所在支部核实。" /> : null}
            {member.isError && !noRecord ? <ErrorAlert error={member.error} onRetry={() => void member.refetch()} /> : null}
            {m ? <SelfRecord member={m} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {m ? <MyActivitiesCard /> : null}
          <Card title="所在支部" style={{ marginBottom: 16 }}>
            {orgId === null ? <Empty description="当前角色未关联组织" /> : null}
            {org.isPending && orgId !== null ? <Skeleton active /> : null}
            {org.isError ? <ErrorAlert error={org.error} onRetry={() => void org.refetch()} /> : null}
            {o ? (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'name', label: '组织名称', children: o.name },
                  { key: 'type', label: '组织类型', children: o.typeLabel },
                  ...(o.ancestors.length > 0 ? [{ key: 'parent', label: '上级组织', children: o.ancestors.map((a) => a.name).join(' / ') }] : []),
                  { key: 'members', label: '党员人数', children: `${o.memberCount} 名` },
                  { key: 'children', label: '下级组织', children: `${o.childCount} 个` },
                ]}
              />
            ) : null}
          </Card>
          {m ? <MyCorrections /> : null}
        </Col>
        {m ? (
          <Col xs={24}>
            <Card title="我的党内经历">
              <MemberTimeline timeline={timeline} />
            </Card>
          </Col>
        ) : null}
      </Row>
      {m ? <CorrectionModal open={correcting} onClose={() => setCorrecting(false)} /> : null}
    </>
  );
}

function SelfRecord({ member: m }: { member: MemberDetail }) {
  const codes = useCodeTables().data;
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      size="small"
      data-testid="self-record"
      items={[
        { key: 'name', label: '姓名', children: m.name },
        { key: 'gender', label: '性别', children: labelOf(codes?.genders, m.gender) },
        { key: 'idNumber', label: '公民身份号码', children: m.idNumberMasked ?? '—' },
        { key: 'ethnicity', label: '民族', children: labelOf(codes?.ethnicities, m.ethnicity) },
        { key: 'birthDate', label: '出生日期', children: formatDate(m.birthDate) },
        { key: 'nativePlace', label: '籍贯', children: m.nativePlace ?? '—' },
        { key: 'education', label: '学历', children: labelOf(codes?.educations, m.education) },
        { key: 'degree', label: '学位', children: labelOf(codes?.degrees, m.degree) },
        { key: 'category', label: '党员类别', children: labelOf(codes?.memberCategories, m.category) },
        { key: 'joinedOn', label: '入党日期', children: formatDate(m.joinedOn) },
        m.category === 'probationary'
          ? { key: 'probationEndsOn', label: '预备期满', children: formatDate(m.probationEndsOn) }
          : { key: 'fullMemberOn', label: '转正日期', children: formatDate(m.fullMemberOn) },
        { key: 'standing', label: '党龄', children: m.standingYears === null ? '—' : `${m.standingYears} 年` },
        {
          key: 'status',
          label: '党籍状态',
          children: <Tag color={statusColor(MEMBER_STATUS_COLORS, m.status)}>{labelOf(codes?.memberStatuses, m.status)}</Tag>,
        },
        { key: 'unit', label: '工作单位', children: m.unit?.name ?? '—' },
        { key: 'position', label: '职务', children: m.position ?? '—' },
        { key: 'phone', label: '联系电话', children: m.phoneMasked ?? '—' },
        { key: 'org', label: '所在党组织', children: m.orgPath.map((p) => p.name).join(' / ') || m.orgName, span: 'filled' },
      ]}
    />
  );
}

function MyCorrections() {
  const codes = useCodeTables().data;
  const list = useQuery({ queryKey: selfKeys.corrections, queryFn: fetchSelfCorrections });
  return (
    <Card title="我的更正申请" size="small">
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        data-testid="my-corrections"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="信息有误时，点击“申请更正”告诉支部" /> }}
        renderItem={(c) => (
          <List.Item key={c.id} style={{ display: 'block', paddingInline: 0 }}>
            <Space size={6} wrap>
              <Tag color={statusColor(CORRECTION_STATUS_COLORS, c.status)}>{correctionStatusLabel(codes, c.status)}</Tag>
              <Typography.Text>
                {c.field}
                {c.proposedValue ? `：${c.proposedValue}` : ''}
              </Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(c.createdAt)}
                {c.resolutionNote ? ` · 支部意见：${c.resolutionNote}` : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

interface CorrectionForm {
  field?: string;
  proposedValue?: string;
  note?: string;
}

function CorrectionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const codes = useCodeTables().data;
  const [form] = Form.useForm<CorrectionForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: CorrectionForm) => {
      const body: CorrectionInput = { field: v.field ?? '', proposedValue: textOrNull(v.proposedValue), note: textOrNull(v.note) };
      return requestCorrection(body);
    },
    onSuccess: async () => {
      void message.success('已提交，支部核实后会处理');
      await queryClient.invalidateQueries({ queryKey: selfKeys.corrections });
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['field', 'proposedValue', 'note'] as const)),
  });
  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  return (
    <Modal title="申请信息更正" open={open} onCancel={onClose} onOk={() => form.submit()} okText="提交" confirmLoading={save.isPending} forceRender>
      <Typography.Paragraph type="secondary">申请提交给所在支部，核实后由支部修改记录；处理结果显示在“我的更正申请”中。</Typography.Paragraph>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Form<CorrectionForm> form={form} layout="vertical" name="selfCorrection" onFinish={(v) => save.mutate(v)}>
        <Form.Item label="需更正的项目" name="field" rules={[{ required: true, message: '请选择需更正的项目' }]}>
          <Select options={correctableFields(codes).map((f) => ({ value: f, label: f }))} placeholder="请选择" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label="正确内容" name="proposedValue" rules={[{ max: 200 }]}>
          <Input maxLength={200} placeholder="如：1985-03-02" />
        </Form.Item>
        <Form.Item label="说明" name="note" rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="可说明依据，如：以入党志愿书为准" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
