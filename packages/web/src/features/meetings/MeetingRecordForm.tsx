import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Result, Row, Space, TimePicker, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { isAfterToday } from '../../shared/format';
import { MemberSelect } from '../../shared/MemberSelect';
import { fetchOrgRoots, orgKeys } from '../../shared/orgApi';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { isBranchType } from '../compliance/compliance';
import { useMe } from '../auth/auth';
import { AttendanceSheet } from './AttendanceSheet';
import {
  activityKeys,
  afterActivityChange,
  completeActivity,
  createActivity,
  fetchAttendanceTemplate,
  updateActivity,
  type ActivityDetail,
  type AttendanceTemplate,
} from './meetingApi';
import {
  attendanceProblems,
  completeBody,
  createBody,
  entriesOf,
  formValuesOf,
  hasContent,
  lectureSelected,
  meetingErrors,
  mergeTemplate,
  timesInOrder,
  updateBody,
  type AttendanceEntry,
  type MeetingFormValues,
  type RecordMode,
} from './meetingForm';
import { isOfflineFailure, type MeetingDraft } from './offlineDrafts';
import { draftStore, isOnline, useDraftSubmit, useDrafts } from './useOfflineDrafts';

export const OFFLINE_SAVED_TEXT = '已保存为离线草稿，恢复网络后自动提交';

export type RecordFormProps =
  /** 记录活动 / 计划活动: a new record, kept as a draft on the device until the server has it. */
  | { kind: 'create'; mode: RecordMode; draftId: string; draft?: MeetingDraft; initialOrgId?: number }
  /** 编辑 an activity, or 完成并登记出勤 of a planned one. */
  | { kind: 'edit' | 'complete'; activity: ActivityDetail };

/** A date (YYYY-MM-DD) or time (HH:MM) held as text in the form, shown in a picker. */
const dateField = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};
const timeField = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(`2000-01-01T${v}`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('HH:mm') : null),
};

const third = { xs: 24, sm: 8 } as const;
const half = { xs: 24, md: 12 } as const;

const AUTOSAVE_MS = 600;

/** A planned activity is held today or later (the server refuses an earlier date). */
const isBeforeToday = (d: Dayjs) => d.isBefore(dayjs(), 'day');

/** The one-page record of an activity: its facts, the attendance sheet (held meetings), the minutes. */
export function MeetingRecordForm(props: RecordFormProps) {
  const me = useMe();
  const [form] = Form.useForm<MeetingFormValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [, setSp] = useSearchParams();
  const codes = useCodeTables().data;
  const { submitOne } = useDraftSubmit();

  const activity = props.kind === 'create' ? undefined : props.activity;
  const mode: RecordMode = props.kind === 'create' ? props.mode : props.kind === 'complete' ? 'completed' : activity?.status === 'planned' ? 'planned' : 'completed';
  const [draftId, setDraftId] = useState(props.kind === 'create' ? props.draftId : undefined);

  const initialValues: MeetingFormValues = (() => {
    if (props.kind === 'create') return props.draft?.values ?? { orgId: props.initialOrgId, types: [], heldOn: mode === 'completed' ? dayjs().format('YYYY-MM-DD') : null };
    const v = formValuesOf(props.activity);
    return props.kind === 'complete' && props.activity.heldOn > dayjs().format('YYYY-MM-DD') ? { ...v, heldOn: dayjs().format('YYYY-MM-DD') } : v;
  })();
  const [rows, setRows] = useState<AttendanceEntry[]>(() =>
    props.kind === 'create' ? (props.draft?.attendance ?? []) : entriesOf(props.activity.attendanceRows),
  );
  const [rowErrors, setRowErrors] = useState<ReadonlyMap<number, readonly string[]>>(new Map());
  const [sheetErrors, setSheetErrors] = useState<string[]>([]);
  const [pickedOrgName, setOrgName] = useState<string | null>(props.kind === 'create' ? (props.draft?.orgName ?? null) : props.activity.orgName);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  /** Set once the record went to the drafts for want of a network. */
  const [offline, setOffline] = useState(false);

  // A branch officer records for their branch: a scope of one branch starts with it.
  const roots = useQuery({ queryKey: orgKeys.roots(), queryFn: fetchOrgRoots, enabled: props.kind === 'create' && initialValues.orgId === undefined });
  const onlyBranch = roots.data?.length === 1 && isBranchType(roots.data[0]?.type) ? roots.data[0] : undefined;
  useEffect(() => {
    if (onlyBranch && form.getFieldValue('orgId') === undefined) {
      form.setFieldsValue({ orgId: onlyBranch.id });
    }
  }, [onlyBranch, form]);

  const orgId = Form.useWatch('orgId', form) ?? initialValues.orgId;
  const orgName = pickedOrgName ?? (onlyBranch && orgId === onlyBranch.id ? onlyBranch.name : null);
  const types = Form.useWatch('types', form) ?? initialValues.types;
  const startsAt = Form.useWatch('startsAt', form);

  // The sheet starts from the organization's members (a new record or one being completed). A completed record
  // being edited keeps its own list.
  const usesTemplate = mode === 'completed' && (props.kind === 'create' || props.kind === 'complete');
  const template = useQuery({
    queryKey: activityKeys.template(orgId ?? 0),
    queryFn: () => fetchAttendanceTemplate(orgId ?? 0),
    enabled: usesTemplate && orgId !== undefined,
    staleTime: 60_000,
  });
  const [mergedTemplate, setMergedTemplate] = useState<AttendanceTemplate | undefined>(undefined);
  if (usesTemplate && template.data && template.data !== mergedTemplate && template.data.orgId === orgId) {
    setMergedTemplate(template.data);
    setRows(mergeTemplate(template.data.items, rows));
  }

  // --- Autosave of a new record as a draft on the device. ---
  const [changes, setChanges] = useState(0);
  const dirty = useRef(false);
  const saveDraft = (state?: 'editing' | 'pending'): boolean => {
    if (!draftId) return false;
    dirty.current = false;
    return draftStore().save({ id: draftId, userId: me.user.id, mode, values: form.getFieldsValue(true), attendance: rows, orgName, state });
  };
  /** Autosave: the draft is kept once something is filled in, and dropped when everything is cleared again. */
  const autosave = (): boolean => {
    if (!draftId) return false;
    if (hasContent(form.getFieldsValue(true))) return saveDraft();
    dirty.current = false;
    draftStore().remove(draftId);
    return false;
  };
  const saveDraftRef = useRef(autosave);
  useEffect(() => {
    saveDraftRef.current = autosave;
  });
  const urlHasDraft = useRef(props.kind === 'create' && props.draft !== undefined);
  useEffect(() => {
    if (!draftId || changes === 0 || offline) return;
    dirty.current = true;
    const timer = setTimeout(() => {
      const kept = saveDraftRef.current();
      // Put the draft in the address, so that a reload (or a phone closing the tab) comes back to it.
      if (kept && !urlHasDraft.current) {
        urlHasDraft.current = true;
        setSp(
          (sp) => {
            const next = new URLSearchParams(sp);
            next.set('draft', draftId);
            return next;
          },
          { replace: true },
        );
      }
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [changes, draftId, offline, setSp]);
  // Leaving the page keeps what was typed last.
  useEffect(
    () => () => {
      if (dirty.current) saveDraftRef.current();
    },
    [],
  );
  const changed = () => {
    if (submitError) setSubmitError(null);
    setChanges((n) => n + 1);
  };

  // The draft was sent by the layout (the browser came back online) while this page waited.
  const drafts = useDrafts(me.user.id);
  const draftGone = offline && draftId !== undefined && !drafts.some((d) => d.id === draftId);
  const savedAs = draftGone && draftId ? draftStore().savedAs(draftId) : undefined;

  const showErrors = (error: unknown) => {
    setSubmitError(error);
    const mapped = meetingErrors(error, rows);
    form.setFields(mapped.fields);
    setRowErrors(mapped.attendance);
    setSheetErrors(mapped.attendanceGeneral);
  };

  const saved = async (a: ActivityDetail, text: string) => {
    void message.success(text);
    await afterActivityChange(queryClient, a);
    void navigate(`/meetings/${a.id}`, { replace: true });
  };

  const edit = useMutation({
    mutationFn: (values: MeetingFormValues) => {
      if (!activity) throw new Error('no activity');
      return props.kind === 'complete' ? completeActivity(activity.id, completeBody(values, rows)) : updateActivity(activity.id, updateBody(activity, values, rows));
    },
    onSuccess: (a) => saved(a, props.kind === 'complete' ? '已完成并登记出勤' : '修改已保存'),
    onError: showErrors,
  });

  const create = async () => {
    if (!draftId) return;
    setSubmitting(true);
    try {
      if (!saveDraft()) {
        // The device would not keep the draft (storage full): send it as it is.
        try {
          const a = await createActivity(createBody(form.getFieldsValue(true), mode, rows, draftId));
          await saved(a, mode === 'planned' ? '活动计划已保存' : '活动记录已保存');
        } catch (error) {
          if (isOfflineFailure(error, isOnline())) void message.error('网络未连接，且本机无法保存草稿，请恢复网络后再提交');
          showErrors(error);
        }
        return;
      }
      let outcome = await submitOne(draftId);
      if (outcome.kind === 'rejected' && outcome.newId) {
        // The id was taken by another record: the draft goes on under a new one, sent once more.
        const newId = outcome.newId;
        setDraftId(newId);
        setSp(
          (sp) => {
            const next = new URLSearchParams(sp);
            next.set('draft', newId);
            return next;
          },
          { replace: true },
        );
        outcome = await submitOne(newId);
      }
      switch (outcome.kind) {
        case 'saved':
          await saved(outcome.activity, mode === 'planned' ? '活动计划已保存' : '活动记录已保存');
          return;
        case 'offline':
          setOffline(true);
          void message.warning(OFFLINE_SAVED_TEXT);
          return;
        case 'rejected':
        case 'failed':
          showErrors(outcome.error);
          return;
        case 'skipped':
          return;
      }
    } finally {
      setSubmitting(false);
    }
  };

  const onFinish = (values: MeetingFormValues) => {
    setRowErrors(new Map());
    setSheetErrors([]);
    if (mode === 'completed') {
      const problems = attendanceProblems(rows);
      if (problems.size > 0) {
        setRowErrors(new Map([...problems].map(([id, text]) => [id, [text]])));
        void message.error(`有 ${problems.size} 名党员的出勤情况需要补充原因`);
        document.querySelector('.attendance-line .ant-input-status-error, .attendance-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        return;
      }
    }
    if (props.kind === 'create') void create();
    else edit.mutate(values);
  };

  if (offline) {
    return (
      <Card>
        {draftGone ? (
          <Result
            status="success"
            title="网络已恢复，草稿已提交"
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                {savedAs ? (
                  <Button type="primary" onClick={() => void navigate(`/meetings/${savedAs}`, { replace: true })}>
                    查看记录
                  </Button>
                ) : null}
                <Button onClick={() => void navigate('/meetings')}>返回活动记录</Button>
              </Space>
            }
          />
        ) : (
          <Result
            status="warning"
            title={OFFLINE_SAVED_TEXT}
            subTitle="记录保存在这台设备上；恢复网络后会自动提交，也可以点击“提交草稿”。提交成功前请不要清除浏览器数据。"
            data-testid="offline-saved"
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Button type="primary" icon={<CloudUploadOutlined />} loading={submitting} onClick={() => void create()} data-testid="draft-submit-here">
                  提交草稿
                </Button>
                <Button onClick={() => setOffline(false)}>继续修改</Button>
                <Link to="/meetings">返回活动记录</Link>
              </Space>
            }
          />
        )}
      </Card>
    );
  }

  const lecture = lectureSelected(types);
  const title =
    props.kind === 'create' ? (mode === 'planned' ? '计划活动' : '记录活动') : props.kind === 'complete' ? '完成并登记出勤' : mode === 'planned' ? '编辑活动计划' : '编辑活动记录';
  const submitText = props.kind === 'create' ? (mode === 'planned' ? '保存计划' : '保存记录') : props.kind === 'complete' ? '完成并登记出勤' : '保存修改';
  const draftNote = props.kind === 'create' ? (props.draft?.lastError ?? null) : null;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>{title}</Typography.Title>
      </div>
      {props.kind === 'create' ? (
        <Typography.Paragraph type="secondary">
          {mode === 'planned'
            ? '先登记计划召开的活动；会后在活动页面点击“完成并登记出勤”。'
            : '在一个页面填写会议情况、登记出勤和会议记录。填写内容随时保存在本机，网络不好时也不会丢失。'}
        </Typography.Paragraph>
      ) : null}
      {draftNote ? <Alert type="warning" showIcon title={`上次提交未成功：${draftNote}`} style={{ marginBottom: 16 }} /> : null}
      {submitError ? <ErrorAlert error={submitError} /> : null}
      <Form<MeetingFormValues>
        name="meetingRecord"
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={changed}
        onFinish={onFinish}
        scrollToFirstError
      >
        <Card title="基本情况" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item label="组织" name="orgId" rules={[{ required: true, message: '请选择开展活动的组织' }]}>
                <OrgTreeSelect aria-label="组织" disabled={props.kind !== 'create'} style={{ width: '100%' }} onChange={(_, org) => setOrgName(org?.name ?? null)} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                label="活动类型"
                name="types"
                rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种活动类型' }]}
                extra="一次活动可以同时计入多种类型，如主题党日中讲党课，可同时勾选“主题党日”和“党课”。"
              >
                <Checkbox.Group options={optionsOf(codes?.activityTypes)} className="activity-types" aria-label="活动类型" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label="主题" name="topic" rules={[{ required: true, whitespace: true, message: '请填写活动主题' }, { max: 200 }]}>
                <Input maxLength={200} placeholder="如：学习贯彻党的二十届四中全会精神" />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item label="日期" name="heldOn" rules={[{ required: true, message: '请选择日期' }]} {...dateField}>
                <DatePicker style={{ width: '100%' }} disabledDate={mode === 'completed' ? isAfterToday : isBeforeToday} inputReadOnly />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item label="开始时间" name="startsAt" {...timeField}>
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} inputReadOnly needConfirm={false} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                label="结束时间"
                name="endsAt"
                dependencies={['startsAt']}
                rules={[{ validator: (_, v: string | null) => (timesInOrder(startsAt, v) ? Promise.resolve() : Promise.reject(new Error('结束时间应晚于开始时间'))) }]}
                {...timeField}
              >
                <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} inputReadOnly needConfirm={false} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item label="地点" name="place" rules={[{ max: 100 }]}>
                <Input maxLength={100} placeholder="如：三楼党员活动室" />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item label="主持人" name="host" rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item label="记录人" name="recorder" rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            {lecture ? (
              <>
                <Col {...half}>
                  <Form.Item label="授课人" name="lecturer" rules={[{ max: 50 }]} extra="可直接填写姓名，或从右侧选择本组织党员">
                    <Input maxLength={50} placeholder="如：支部书记 张三" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item label="授课党员（可不选）" name="lecturerMemberId">
                    {orgId ? (
                      <MemberSelect
                        orgId={orgId}
                        aria-label="授课党员"
                        style={{ width: '100%' }}
                        onChange={(_, m) => {
                          if (m) form.setFieldValue('lecturer', m.name);
                        }}
                      />
                    ) : (
                      <Input disabled placeholder="先选择组织" />
                    )}
                  </Form.Item>
                </Col>
              </>
            ) : null}
          </Row>
        </Card>
        {mode === 'completed' ? (
          <Card title="出勤登记" style={{ marginBottom: 16 }}>
            {template.isError ? <ErrorAlert error={template.error} title="党员名单未能加载" onRetry={() => void template.refetch()} /> : null}
            <AttendanceSheet
              rows={rows}
              onChange={(next) => {
                setRows(next);
                setRowErrors(new Map());
                changed();
              }}
              errors={rowErrors}
              generalErrors={sheetErrors}
              loading={usesTemplate && template.isFetching}
              emptyText={orgId ? '该组织暂无在册党员' : '选择组织后列出全部党员，默认出席'}
            />
          </Card>
        ) : null}
        <Card title={mode === 'planned' ? '活动安排' : '会议记录'} style={{ marginBottom: 16 }}>
          <Form.Item label={mode === 'planned' ? '内容安排' : '会议内容'} name="content" rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20000} placeholder={mode === 'planned' ? '议程、学习内容等，可不填' : '会议议程、发言和讨论情况'} />
          </Form.Item>
          <Form.Item label="决定事项" name="decisions" rules={[{ max: 5000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={5000} placeholder="可不填" />
          </Form.Item>
        </Card>
        <div className="form-actions">
          <Button onClick={() => void navigate(activity ? `/meetings/${activity.id}` : '/meetings')}>{props.kind === 'create' ? '返回' : '取消'}</Button>
          <Button type="primary" htmlType="submit" loading={submitting || edit.isPending} data-testid="meeting-submit">
            {submitText}
          </Button>
        </div>
      </Form>
    </>
  );
}
