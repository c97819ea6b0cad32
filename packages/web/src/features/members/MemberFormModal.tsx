import { useEffect } from 'react';
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { MemberDetail } from '../../api/types';
import { optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formFieldErrors } from '../../shared/errors';
import { isAfterToday } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { UnitSelect } from '../orgs/UnitSelect';
import { afterMemberChange, createMember, updateMember } from './memberApi';
import { MEMBER_FORM_FIELDS, memberFieldLabels, memberCreateBody, memberFormValues, memberPatchOf, type MemberFormValues } from './memberForm';

interface MemberFormModalProps {
  open: boolean;
  /** The record to edit; none to create one. */
  member?: MemberDetail;
  /** The org a new member is put in first (the list's org). */
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (member: MemberDetail) => void;
}

/** Options filtered by their label as typed (民族, 学历 … are long lists). */
const searchable = {
  showSearch: { optionFilterProp: 'label' },
  allowClear: true,
  placeholder: '可不填，可输入搜索',
} as const;

const half = { xs: 24, md: 12 } as const;

/** 新增党员 / 编辑党员信息: every field of the record; the server checks it as a whole and names the wrong fields. */
export function MemberFormModal({ open, member, defaultOrgId, onClose, onSaved }: MemberFormModalProps) {
  const [form] = Form.useForm<MemberFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const codeTables = useCodeTables();
  const codes = codeTables.data;
  const L = memberFieldLabels(codes);
  const category = Form.useWatch('category', form);
  const editing = member !== undefined;

  const save = useMutation({
    mutationFn: async (values: MemberFormValues) => {
      if (member) {
        const patch = memberPatchOf(member, values);
        return Object.keys(patch).length === 0 ? member : updateMember(member.id, patch);
      }
      return createMember(memberCreateBody(values));
    },
    onSuccess: async (saved) => {
      void message.success(editing ? '党员信息已保存' : `已新增党员：${saved.name}`);
      await afterMemberChange(queryClient, saved.id, saved);
      onSaved(saved);
    },
    onError: (error) =>
      // The server names unitId; the form holds the unit in unitIds (a one-item UnitSelect).
      form.setFields(
        formFieldErrors(error, [...MEMBER_FORM_FIELDS]).map((f) => ({ ...f, name: f.name === 'unitId' ? 'unitIds' : f.name }) as { name: keyof MemberFormValues; errors: string[] }),
      ),
  });

  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
      form.setFieldsValue(member ? memberFormValues(member) : { orgId: defaultOrgId, gender: 'male', category: 'full', standingAdjustmentYears: 0 });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [open]);

  const notFuture = [{ validator: (_: unknown, v: Dayjs | null | undefined) => (v && isAfterToday(v) ? Promise.reject(new Error('日期不能晚于今天')) : Promise.resolve()) }];

  return (
    <Modal
      title={editing ? `编辑党员信息 — ${member.name}` : '新增党员'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      width={760}
      forceRender
      maskClosable={false}
    >
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      {codeTables.isError ? <ErrorAlert error={codeTables.error} title="代码表未能加载" onRetry={() => void codeTables.refetch()} /> : null}
      <Form<MemberFormValues> name="memberForm" form={form} layout="vertical" onFinish={(v) => save.mutate(v)} scrollToFirstError>
        <Row gutter={16}>
          {!editing ? (
            <Col xs={24}>
              <Form.Item label="所在党组织" name="orgId" rules={[{ required: true, message: '请选择所在党组织' }]}>
                <OrgTreeSelect aria-label="所在党组织" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col {...half}>
            <Form.Item label={L.name} name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.gender} name="gender" rules={[{ required: true, message: '请选择性别' }]}>
              <Radio.Group options={optionsOf(codes?.genders)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={L.idNumber}
              name="idNumber"
              rules={[{ pattern: /^\s*(\d{15}|\d{17}[\dXx])\s*$/, message: '请输入 18 位公民身份号码（旧的 15 位号码也可）' }]}
              extra={editing ? (member.idNumberMasked ? `已登记 ${member.idNumberMasked}，留空则不修改` : '尚未登记') : '填写后出生日期可不填，将按号码校验性别和出生日期'}
            >
              <Input maxLength={20} autoComplete="off" placeholder={editing ? '留空则不修改' : '18 位'} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.ethnicity} name="ethnicity">
              <Select {...searchable} options={optionsOf(codes?.ethnicities)} loading={codeTables.isPending} aria-label={L.ethnicity} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.birthDate} name="birthDate" rules={notFuture}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} placeholder="可不填" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.nativePlace} name="nativePlace" rules={[{ max: 50 }]}>
              <Input maxLength={50} placeholder="如：山东济南" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.education} name="education">
              <Select {...searchable} options={optionsOf(codes?.educations)} loading={codeTables.isPending} aria-label={L.education} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.degree} name="degree">
              <Select {...searchable} options={optionsOf(codes?.degrees)} loading={codeTables.isPending} aria-label={L.degree} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.category} name="category" rules={[{ required: true, message: '请选择人员类别' }]}>
              <Radio.Group options={optionsOf(codes?.memberCategories)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.joinedOn} name="joinedOn" rules={[{ required: true, message: '请选择入党日期' }, ...notFuture]}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
            </Form.Item>
          </Col>
          {category !== 'probationary' ? (
            <Col {...half}>
              <Form.Item label={L.fullMemberOn} name="fullMemberOn" rules={[{ required: true, message: '正式党员请选择转正日期' }, ...notFuture]} dependencies={['category']}>
                <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
              </Form.Item>
            </Col>
          ) : null}
          <Col {...half}>
            <Form.Item label={L.standingAdjustmentYears} name="standingAdjustmentYears" extra="按组织认定的党龄增减年数，一般为 0">
              <InputNumber min={-10} max={10} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.unitId} name="unitIds">
              <UnitSelect maxCount={1} initial={member?.unit ? [member.unit] : []} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.jobPosition} name="jobPosition">
              <Select {...searchable} options={optionsOf(codes?.jobPositions)} loading={codeTables.isPending} aria-label={L.jobPosition} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.position} name="position" rules={[{ max: 50 }]}>
              <Input maxLength={50} placeholder="如：综合处副处长" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={L.rank} name="rank" rules={[{ max: 50 }]}>
              <Input maxLength={50} placeholder="如：一级主任科员" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={L.phone}
              name="phone"
              rules={[{ max: 30 }]}
              extra={editing ? (member.phoneMasked ? `已登记 ${member.phoneMasked}，留空则不修改` : '尚未登记') : undefined}
            >
              <Input maxLength={30} autoComplete="off" placeholder={editing ? '留空则不修改' : '手机或固定电话'} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
