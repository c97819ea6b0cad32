import { useState } from 'react';
import { Alert, Button, DatePicker, type FormInstance, Descriptions, Form, Input, InputNumber, Modal, Radio, Result, Select, Space, Steps, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import type { CommitteePostCode, ElectionInput, ElectionMethod, ElectionRecorded, MemberSummary, OrgDetail } from '../../api/types';
import { labelOf, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate, isAfterToday, textOrNull, toIsoDate } from '../../shared/format';
import { MemberSelect } from '../../shared/MemberSelect';
import { RuleWarningList } from '../../shared/RuleWarningList';
import { committeeProblems, overFourFifths } from '../../shared/rules';
import { useCompact } from '../../shared/useCompact';
import { afterRecordChange, recordElection } from './orgRecordsApi';

interface WizardForm {
  electedOn?: Dayjs;
  method?: ElectionMethod;
  expectedVoters?: number | null;
  actualVoters?: number | null;
  note?: string;
  committee: { post?: CommitteePostCode; memberId?: number }[];
  approvedOn?: Dayjs | null;
  approvalDoc?: string;
}

type FieldData = Parameters<FormInstance<WizardForm>['setFields']>[0][number];

const STEP_FIELDS: (string | (string | number)[])[][] = [
  ['electedOn', 'method', 'expectedVoters', 'actualVoters', 'note'],
  [], // the committee rows, validated as a whole
  ['approvedOn', 'approvalDoc'],
];

/** Which step shows a field the server named in an error. */
function stepOfField(field: string): number | undefined {
  if (field.startsWith('committee')) return 1;
  if (['electedOn', 'method', 'expectedVoters', 'actualVoters', 'note'].includes(field)) return 0;
  if (['approvedOn', 'approvalDoc'].includes(field)) return 2;
  return undefined;
}

interface ElectionWizardProps {
  org: OrgDetail;
  /** The last term on record (0 for none): the new one is the next. */
  lastTerm: number;
  lastElectedOn: string | null;
  open: boolean;
  onClose: () => void;
}

/**
 * Mount it afresh for each entry (a new `key`): it starts empty at step 1.
 *
 * 换届选举录入: 1 选举情况, 2 新一届班子, 3 上级批复与确认; on success the new 届满日期 and any rule findings. */
export function ElectionWizard({ org, lastTerm, lastElectedOn, open, onClose }: ElectionWizardProps) {
  const [form] = Form.useForm<WizardForm>();
  const queryClient = useQueryClient();
  const codes = useCodeTables().data;
  const compact = useCompact();
  const [step, setStep] = useState(0);
  const [committeeError, setCommitteeError] = useState<string[]>([]);
  const [names, setNames] = useState<Record<number, MemberSummary>>({});
  const [values, setValues] = useState<WizardForm>({ committee: [] });
  const expected = Form.useWatch('expectedVoters', form);
  const actual = Form.useWatch('actualVoters', form);
  const rows = Form.useWatch('committee', form);

  const save = useMutation({
    mutationFn: (v: WizardForm) => {
      const body: ElectionInput = {
        electedOn: toIsoDate(v.electedOn) ?? '',
        method: v.method ?? 'members_meeting',
        expectedVoters: v.expectedVoters ?? null,
        actualVoters: v.actualVoters ?? null,
        approvedOn: toIsoDate(v.approvedOn),
        approvalDoc: textOrNull(v.approvalDoc),
        note: textOrNull(v.note),
        committee: v.committee.flatMap((c) => (c.post && c.memberId ? [{ post: c.post, memberId: c.memberId }] : [])),
      };
      return recordElection(org.id, body);
    },
    onSuccess: () => void afterRecordChange(queryClient, org.id),
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const steps = error.details.flatMap((d) => {
        const s = stepOfField(d.field);
        return s === undefined ? [] : [s];
      });
      const first = steps.length > 0 ? Math.min(...steps) : undefined;
      if (first !== undefined) setStep(first);
      form.setFields(
        error.details.flatMap((d): FieldData[] => {
          const m = /^committee\.(\d+)\.(post|memberId)$/.exec(d.field);
          if (m) return [{ name: ['committee', Number(m[1]), m[2] === 'post' ? 'post' : 'memberId'], errors: [d.message] }];
          const step = stepOfField(d.field);
          if (step === 0 || step === 2) return [{ name: d.field as keyof WizardForm, errors: [d.message] }];
          return [];
        }),
      );
    },
  });

  const next = async () => {
    try {
      if (step === 1) {
        await form.validateFields([['committee']], { recursive: true });
        const problems = committeeProblems(form.getFieldValue('committee') as WizardForm['committee']);
        setCommitteeError(problems);
        if (problems.length > 0) return;
      } else {
        await form.validateFields(STEP_FIELDS[step]);
      }
    } catch {
      return;
    }
    setValues(form.getFieldsValue(true) as WizardForm);
    setStep((s) => s + 1);
  };

  const submit = async () => {
    try {
      await form.validateFields(STEP_FIELDS[2]);
    } catch {
      return;
    }
    const all = form.getFieldsValue(true) as WizardForm;
    setValues(all);
    save.mutate(all);
  };

  const attendance = overFourFifths(expected, actual);
  const postOptions = optionsOf(codes?.committeePosts ?? []);
  const methodOptions = optionsOf(codes?.electionMethods ?? []);
  const picked = (rows ?? []).flatMap((r) => (r?.memberId ? [r.memberId] : []));
  const done: ElectionRecorded | undefined = save.data;

  const footer = done ? (
    <Button type="primary" onClick={onClose}>
      完成
    </Button>
  ) : (
    <Space wrap>
      <Button onClick={onClose}>取消</Button>
      {step > 0 ? <Button onClick={() => setStep((s) => s - 1)}>上一步</Button> : null}
      {step < 2 ? (
        <Button type="primary" onClick={() => void next()}>
          下一步
        </Button>
      ) : (
        <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="election-submit">
          确认录入
        </Button>
      )}
    </Space>
  );

  return (
    <Modal
      title={`换届选举录入 — ${org.name}`}
      open={open}
      onCancel={onClose}
      footer={footer}
      width={720}
      forceRender
      maskClosable={false}
      destroyOnHidden={false}
    >
      {done ? (
        <Result
          status={done.warnings.some((w) => w.severity === 'violation' || w.severity === 'warning') ? 'warning' : 'success'}
          title={`第 ${done.termNumber} 届换届选举已录入`}
          subTitle={
            <span data-testid="election-done">
              任期 {done.termYears} 年，届满日期 <Typography.Text strong>{formatDate(done.dueOn)}</Typography.Text>
            </span>
          }
        >
          {done.warnings.length > 0 ? (
            <>
              <Typography.Paragraph>请注意以下事项：</Typography.Paragraph>
              <RuleWarningList warnings={done.warnings} />
            </>
          ) : null}
        </Result>
      ) : (
        <>
          <Steps
            current={step}
            responsive={false}
            titlePlacement={compact ? 'vertical' : 'horizontal'}
            size="small"
            style={{ marginBottom: 20 }}
            items={[{ title: '选举情况' }, { title: '新一届班子' }, { title: '批复与确认' }]}
          />
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Form<WizardForm>
            name="electionWizard"
            form={form}
            layout="vertical"
            initialValues={{ method: 'members_meeting', committee: [{ post: 'secretary' }] }}
          >
            <div hidden={step !== 0}>
              <Form.Item
                label="选举日期"
                name="electedOn"
                rules={[{ required: true, message: '请选择选举日期' }]}
                extra={lastElectedOn ? `上一届（第 ${lastTerm} 届）选举日期：${formatDate(lastElectedOn)}` : undefined}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => isAfterToday(d) || (lastElectedOn !== null && !d.isAfter(dayjs(lastElectedOn), 'day'))}
                />
              </Form.Item>
              <Form.Item label="选举方式" name="method" rules={[{ required: true, message: '请选择选举方式' }]}>
                <Radio.Group options={methodOptions} />
              </Form.Item>
              <Space wrap size={16} align="start">
                <Form.Item label="应到有选举权人数" name="expectedVoters">
                  <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  label="实到有选举权人数"
                  name="actualVoters"
                  dependencies={['expectedVoters']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, v: number | null | undefined) => {
                        const e = getFieldValue('expectedVoters') as number | null | undefined;
                        return v !== null && v !== undefined && e !== null && e !== undefined && v > e
                          ? Promise.reject(new Error('实到人数不能多于应到人数'))
                          : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
                </Form.Item>
              </Space>
              {attendance !== null && (actual ?? 0) <= (expected ?? 0) ? (
                <Alert
                  type={attendance ? 'success' : 'warning'}
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="attendance"
                  title={
                    attendance
                      ? `实到 ${actual} 人，超过应到人数（${expected} 人）的五分之四`
                      : `实到 ${actual} 人，未超过应到人数（${expected} 人）的五分之四，请核实选举是否有效`
                  }
                />
              ) : null}
              <Form.Item label="备注" name="note" rules={[{ max: 2000 }]}>
                <Input.TextArea rows={2} maxLength={2000} placeholder="可不填" />
              </Form.Item>
            </div>
            <div hidden={step !== 1}>
              <Typography.Paragraph type="secondary">
                从本组织（含下级组织）的党员中选择新一届班子成员，须有且只有一名书记。保存后，现任班子成员将于选举日期离任。
              </Typography.Paragraph>
              {committeeError.length > 0 ? (
                <Alert type="error" showIcon style={{ marginBottom: 12 }} title={committeeError.join('；')} />
              ) : null}
              <Form.List name="committee">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }} data-testid={`committee-row-${index}`}>
                        <Form.Item name={[field.name, 'post']} rules={[{ required: true, message: '请选择职务' }]} style={{ marginBottom: 8 }}>
                          <Select options={postOptions} placeholder="职务" style={{ width: 130 }} aria-label={`第 ${index + 1} 行职务`} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]} style={{ marginBottom: 8 }}>
                          <MemberSelect
                            orgId={org.id}
                            exclude={picked}
                            style={{ width: 220, maxWidth: 'calc(100vw - 120px)' }}
                            aria-label={`第 ${index + 1} 行党员`}
                            onChange={(_, m) => {
                              if (m) setNames((n) => ({ ...n, [m.id]: m }));
                            }}
                          />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label="删除该行"
                          disabled={fields.length === 1}
                          onClick={() => {
                            remove(field.name);
                            setCommitteeError([]);
                          }}
                        />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ post: 'committee_member' })} disabled={fields.length >= 15}>
                      添加班子成员
                    </Button>
                  </>
                )}
              </Form.List>
            </div>
            <div hidden={step !== 2}>
              <Space wrap size={16} align="start">
                <Form.Item
                  label="上级党组织批复日期"
                  name="approvedOn"
                  rules={[
                    {
                      validator: (_, v: Dayjs | null | undefined) =>
                        v && values.electedOn && v.isBefore(values.electedOn, 'day') ? Promise.reject(new Error('批复日期不能早于选举日期')) : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker style={{ width: 180 }} disabledDate={isAfterToday} />
                </Form.Item>
                <Form.Item label="批复文号" name="approvalDoc" rules={[{ max: 100 }]}>
                  <Input maxLength={100} placeholder="可不填" style={{ width: 220 }} />
                </Form.Item>
              </Space>
              <Typography.Title level={5}>请确认</Typography.Title>
              <Descriptions
                bordered
                size="small"
                column={1}
                data-testid="election-summary"
                items={[
                  { key: 'term', label: '届次', children: `第 ${lastTerm + 1} 届` },
                  { key: 'electedOn', label: '选举日期', children: formatDate(toIsoDate(values.electedOn)) },
                  { key: 'method', label: '选举方式', children: labelOf(codes?.electionMethods, values.method) },
                  {
                    key: 'voters',
                    label: '应到/实到',
                    children:
                      values.expectedVoters == null && values.actualVoters == null
                        ? '未填写'
                        : `${values.expectedVoters ?? '—'} / ${values.actualVoters ?? '—'}`,
                  },
                ]}
              />
              <Table
                style={{ marginTop: 12 }}
                size="small"
                rowKey={(r) => `${r.post}-${r.memberId}`}
                pagination={false}
                dataSource={values.committee.filter((c) => c.post && c.memberId)}
                columns={[
                  { title: '职务', dataIndex: 'post', render: (p: string) => labelOf(codes?.committeePosts, p) },
                  {
                    title: '党员',
                    dataIndex: 'memberId',
                    render: (id: number) => {
                      const m = names[id];
                      return m ? `${m.name}（${m.orgName}）` : `#${id}`;
                    },
                  },
                ]}
              />
            </div>
          </Form>
        </>
      )}
    </Modal>
  );
}
