import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FieldTimeOutlined, FormOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { CurrentTerm, ElectionRecord, OrgDetail, TermAdjustment } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { formatDate, isAfterToday, toIsoDate } from '../../shared/format';
import { RuleCitation, SeverityTag } from '../../shared/RuleCitation';
import { showSaved } from '../../shared/RuleWarningList';
import { hasCommittee, labelOf, useCodeTables } from '../../shared/codeTables';
import { daysLeftText, stageColor } from '../../shared/rules';
import { ElectionWizard } from './ElectionWizard';
import { adjustTerm, afterRecordChange, fetchElections, recordKeys } from './orgRecordsApi';

interface ElectionsTabProps {
  org: OrgDetail;
  writable: boolean;
}

/** 换届: the current term and its due date by the rule in force, the elections on record, postponements and early elections. */
export function ElectionsTab({ org, writable }: ElectionsTabProps) {
  const elections = useQuery({ queryKey: recordKeys.elections(org.id), queryFn: () => fetchElections(org.id) });
  const [wizardOpen, setWizardOpen] = useState(false);
  // Each opening of the wizard is a new entry: a new key starts it empty.
  const [wizardRun, setWizardRun] = useState(0);
  const [adjustOpen, setAdjustOpen] = useState(false);
  const data = elections.data;
  const current = data?.current ?? null;
  const codes = useCodeTables().data;
  const withCommittee = hasCommittee(codes, org.type);
  const canChange = writable && org.status === 'active' && withCommittee;
  const lastTerm = data?.elections.reduce((max, e) => Math.max(max, e.termNumber), 0) ?? 0;
  const lastElectedOn = data?.elections.find((e) => e.termNumber === lastTerm)?.electedOn ?? null;

  if (!withCommittee) {
    return <Empty description={`${org.typeLabel}不进行换届选举`} />;
  }

  return (
    <>
      {elections.isError ? <ErrorAlert error={elections.error} onRetry={() => void elections.refetch()} /> : null}
      {elections.isPending ? <Skeleton active paragraph={{ rows: 5 }} /> : null}
      {data ? (
        <>
          {canChange ? (
            <Space wrap size={8} style={{ marginBottom: 12 }}>
              <Button
                type="primary"
                icon={<FormOutlined />}
                onClick={() => {
                  setWizardRun((n) => n + 1);
                  setWizardOpen(true);
                }}
              >
                录入换届选举
              </Button>
              {current ? (
                <Button icon={<FieldTimeOutlined />} onClick={() => setAdjustOpen(true)}>
                  延期/提前换届
                </Button>
              ) : null}
            </Space>
          ) : null}
          <Card
            size="small"
            title={current ? `本届：第 ${current.termNumber} 届` : '本届任期'}
            data-testid="term-card"
            style={{ marginBottom: 16 }}
          >
            {current ? (
              <TermSummary term={current} adjustment={data.adjustments.find((a) => a.newDueOn === current.dueOn)} />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={data.elections.length > 0 ? '该组织不适用任期届满计算' : '尚未录入换届选举信息，无法计算任期届满日期'}
              />
            )}
          </Card>
          <Typography.Title level={5}>历届选举</Typography.Title>
          <Table<ElectionRecord>
            rowKey="id"
            size="small"
            dataSource={data.elections}
            pagination={data.elections.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: 'max-content' }}
            data-testid="election-history"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无换届选举记录" /> }}
            columns={[
              { title: '届次', dataIndex: 'termNumber', render: (n: number) => `第 ${n} 届` },
              {
                title: '选举',
                key: 'election',
                render: (_, e) => (
                  <>
                    <div>{formatDate(e.electedOn)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.methodLabel}
                    </Typography.Text>
                  </>
                ),
              },
              {
                title: '应到/实到',
                key: 'voters',
                render: (_, e) => (e.expectedVoters === null && e.actualVoters === null ? '—' : `${e.expectedVoters ?? '—'} / ${e.actualVoters ?? '—'}`),
              },
              {
                title: '任期与届满',
                key: 'term',
                render: (_, e) => (
                  <div style={{ minWidth: 160, maxWidth: 220, whiteSpace: 'normal' }}>
                    <div>
                      {e.termYears} 年，{formatDate(e.dueOn)} 届满
                    </div>
                    <RuleCitation basis={e.basis} />
                  </div>
                ),
              },
              {
                title: '上级批复',
                key: 'approval',
                render: (_, e) =>
                  e.approvedOn || e.approvalDoc ? (
                    <div style={{ maxWidth: 130, whiteSpace: 'normal', wordBreak: 'break-all' }}>
                      {e.approvedOn ? <div>{formatDate(e.approvedOn)}</div> : null}
                      {e.approvalDoc ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {e.approvalDoc}
                        </Typography.Text>
                      ) : null}
                    </div>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          {data.adjustments.length > 0 ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                延期/提前换届
              </Typography.Title>
              <Table<TermAdjustment>
                rowKey="id"
                size="small"
                dataSource={data.adjustments}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag color={k === 'postpone' ? 'orange' : 'blue'}>{labelOf(codes?.adjustmentKinds, k)}</Tag> },
                  { title: '原届满日期', dataIndex: 'previousDueOn', render: (d: string) => formatDate(d) },
                  { title: '调整为', dataIndex: 'newDueOn', render: (d: string) => formatDate(d) },
                  { title: '批复日期', dataIndex: 'approvedOn', render: (d: string) => formatDate(d) },
                  { title: '批复文号', dataIndex: 'approvalDoc' },
                  { title: '理由', dataIndex: 'reason', render: (r: string) => <div style={{ maxWidth: 280, whiteSpace: 'normal' }}>{r}</div> },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}
      {canChange ? (
        <>
          <ElectionWizard key={wizardRun} org={org} lastTerm={lastTerm} lastElectedOn={lastElectedOn} open={wizardOpen} onClose={() => setWizardOpen(false)} />
          {current ? <AdjustModal org={org} term={current} open={adjustOpen} onClose={() => setAdjustOpen(false)} /> : null}
        </>
      ) : null}
    </>
  );
}

/** The current term; `adjustment` is the approved postponement or early election that set its due date, if any. */
function TermSummary({ term, adjustment }: { term: CurrentTerm; adjustment?: TermAdjustment }) {
  const codes = useCodeTables().data;
  return (
    <Row gutter={[16, 12]} align="middle">
      <Col xs={24} md={10}>
        <Typography.Text type="secondary">届满日期</Typography.Text>
        <div className="term-card-due" data-testid="term-due">
          {formatDate(term.dueOn)}
        </div>
        <Space size={4} wrap>
          <Tag color={stageColor(term.stage)} data-testid="term-stage">
            {labelOf(codes?.termStages, term.stage)}
          </Tag>
          <Typography.Text type={term.daysLeft < 0 ? 'danger' : undefined}>{daysLeftText(term.daysLeft)}</Typography.Text>
        </Space>
      </Col>
      <Col xs={24} md={14}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'electedOn', label: '选举日期', children: formatDate(term.electedOn) },
            ...(adjustment
              ? [
                  {
                    key: 'adjusted',
                    label: labelOf(codes?.adjustmentKinds, adjustment.kind),
                    children: `原届满日期 ${formatDate(adjustment.previousDueOn)}，${adjustment.approvalDoc}`,
                  },
                ]
              : []),
          ]}
        />
      </Col>
      <Col xs={24}>
        <Alert
          type={term.severity === 'violation' ? 'error' : term.stage === 'ok' ? 'success' : 'warning'}
          showIcon
          title={
            <span className="warning-message">
              {term.stage !== 'ok' ? <SeverityTag severity={term.severity} /> : null}
              {term.message}
            </span>
          }
          description={<RuleCitation basis={term.basis} />}
        />
      </Col>
    </Row>
  );
}

interface AdjustForm {
  newDueOn: Dayjs;
  approvedOn: Dayjs;
  approvalDoc: string;
  reason: string;
}

function AdjustModal({ org, term, open, onClose }: { org: OrgDetail; term: CurrentTerm; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<AdjustForm>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const newDueOn = Form.useWatch('newDueOn', form);
  const adjustmentKinds = useCodeTables().data?.adjustmentKinds;
  const save = useMutation({
    mutationFn: (values: AdjustForm) =>
      adjustTerm(org.id, {
        newDueOn: toIsoDate(values.newDueOn) ?? '',
        approvedOn: toIsoDate(values.approvedOn) ?? '',
        approvalDoc: values.approvalDoc.trim(),
        reason: values.reason.trim(),
      }),
    onSuccess: (result) => {
      void afterRecordChange(queryClient, org.id);
      showSaved(modal, message, `已${labelOf(adjustmentKinds, result.kind)}，新的届满日期为 ${formatDate(result.dueOn)}`, result.warnings ?? []);
      onClose();
    },
    onError: (error) => form.setFields(formFieldErrors(error, ['newDueOn', 'approvedOn', 'approvalDoc', 'reason'] as const)),
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      save.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  const shift = newDueOn ? newDueOn.startOf('day').diff(dayjs(term.dueOn), 'day') : 0;
  const direction = shift > 0 ? '延期' : shift < 0 ? '提前' : null;

  const submit = (values: AdjustForm) => {
    const to = toIsoDate(values.newDueOn) ?? '';
    modal.confirm({
      title: `确认${direction ?? '调整'}换届？`,
      content: `${org.name}第 ${term.termNumber} 届的届满日期将由 ${formatDate(term.dueOn)} 调整为 ${to}（${direction ?? ''} ${Math.abs(shift)} 天），批复文号：${values.approvalDoc.trim()}。`,
      okText: '确认',
      cancelText: '取消',
      onOk: () => save.mutateAsync(values).catch(() => undefined),
    });
  };

  return (
    <Modal
      title={`延期/提前换届 — ${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`第 ${term.termNumber} 届现届满日期：${formatDate(term.dueOn)}`}
        description="延期或提前换届须报经上级党组织批准；调整幅度超出规定的，系统将拒绝保存并说明依据。"
      />
      <Form<AdjustForm> name="termAdjust" form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label="新的届满日期"
          name="newDueOn"
          rules={[
            { required: true, message: '请选择新的届满日期' },
            {
              validator: (_, v: Dayjs | undefined) =>
                v && v.isSame(dayjs(term.dueOn), 'day') ? Promise.reject(new Error('与现届满日期相同')) : Promise.resolve(),
            },
          ]}
          extra={direction ? `${direction}换届 ${Math.abs(shift)} 天` : undefined}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="上级批复日期" name="approvedOn" rules={[{ required: true, message: '请选择上级党组织批复日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item label="批复文号" name="approvalDoc" rules={[{ required: true, whitespace: true, message: '请输入批复文号' }, { max: 100 }]}>
          <Input maxLength={100} placeholder="如：×机党〔2026〕8号" />
        </Form.Item>
        <Form.Item label="延期或提前的理由" name="reason" rules={[{ required: true, whitespace: true, message: '请输入理由' }, { max: 500 }]}>
          <Input.TextArea maxLength={500} rows={3} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
