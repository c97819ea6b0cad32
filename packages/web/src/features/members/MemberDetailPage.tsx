import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Dropdown, Result, Skeleton, Space, Tabs, Tag, Typography, type MenuProps } from 'antd';
import { ArrowLeftOutlined, DownOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { LifecycleAction, MemberDetail } from '../../api/types';
import { canWriteMembers, hasPermission } from '../../app/access';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { FindingList } from '../../shared/FindingList';
import { ageOn, formatDate } from '../../shared/format';
import { MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { CareTab } from './CareTab';
import { isOnRoster, lifecycleGroupsFor } from './lifecycle';
import { LifecycleModal } from './LifecycleModal';
import { MaskedValue } from './MaskedValue';
import { fetchMember, fetchTimeline, memberKeys } from './memberApi';
import { MemberFormModal } from './MemberFormModal';
import { MemberTimeline } from './MemberTimeline';
import { TransferModal } from './TransferModal';

const TABS = ['basic', 'timeline', 'care'] as const;
type MemberTab = (typeof TABS)[number];

export function MemberDetailPage() {
  const me = useMe();
  const codes = useCodeTables().data;
  const { id } = useParams();
  const memberId = Number(id);
  const valid = Number.isInteger(memberId) && memberId > 0;
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const tab: MemberTab = TABS.find((t) => t === sp.get('tab')) ?? 'basic';
  const [modal, setModal] = useState<'edit' | 'transfer' | null>(null);
  const [action, setAction] = useState<LifecycleAction | null>(null);
  // Each read of the full record is audited: read it once per visit, not on every focus.
  const member = useQuery({ queryKey: memberKeys.detail(memberId), queryFn: () => fetchMember(memberId), enabled: valid, staleTime: 5 * 60_000 });
  const timeline = useQuery({ queryKey: memberKeys.timeline(memberId), queryFn: () => fetchTimeline(memberId), enabled: valid && tab === 'timeline' });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
      返回
    </Button>
  );

  if (!valid || (member.error instanceof ApiError && member.error.status === 404)) {
    return <Result status="404" title="未找到该党员" subTitle="该党员记录不存在，或不在您的管理范围内。" extra={back} />;
  }
  const m = member.data;
  const writable = canWriteMembers(me.permissions);
  const canUnmask = hasPermission(me.permissions, 'member:unmask');

  const groups = m ? lifecycleGroupsFor(m) : [];
  const canTransfer = m !== undefined && writable && isOnRoster(m.status) && m.pendingTransferId === null;
  const actionItems: MenuProps['items'] = [
    ...groups.flatMap((g, i) => [
      ...(i > 0 ? [{ type: 'divider' as const }] : []),
      {
        type: 'group' as const,
        key: g.key,
        label: g.title,
        children: g.actions.map((a) => ({
          key: a,
          label: labelOf(codes?.lifecycleActions, a),
          danger: a === 'expel' || a === 'deceased' || a === 'cancel_probation',
        })),
      },
    ]),
    ...(canTransfer ? [{ type: 'divider' as const }, { key: 'transfer', icon: <SwapOutlined />, label: '组织关系转出' }] : []),
  ];

  const tabContent: Record<MemberTab, () => ReactNode> = {
    basic: () => (m ? <BasicInfo member={m} canUnmask={canUnmask} /> : null),
    timeline: () => <MemberTimeline timeline={timeline} />,
    care: () => (m ? <CareTab member={m} writable={writable} /> : null),
  };

  return (
    <>
      <div className="page-header">
        <Space wrap>
          {back}
          <Typography.Title level={3}>{m ? m.name : '党员信息'}</Typography.Title>
          {m ? (
            <>
              <Tag color={m.category === 'full' ? 'red' : 'gold'}>{labelOf(codes?.memberCategories, m.category)}</Tag>
              <Tag color={statusColor(MEMBER_STATUS_COLORS, m.status)}>{labelOf(codes?.memberStatuses, m.status)}</Tag>
              {m.inHardship ? <Tag color="orange">困难党员</Tag> : null}
            </>
          ) : null}
        </Space>
        {m && writable ? (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="member-edit">
              编辑
            </Button>
            {actionItems.length > 0 ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: actionItems,
                  onClick: ({ key }) => {
                    if (key === 'transfer') setModal('transfer');
                    else setAction(key as LifecycleAction);
                  },
                }}
              >
                <Button data-testid="member-actions">
                  党员管理 <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        ) : null}
      </div>
      {member.isError ? <ErrorAlert error={member.error} onRetry={() => void member.refetch()} /> : null}
      {m && m.pendingTransferId !== null ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="该党员的组织关系转接正在办理中，办结前不能办理其他事项。"
          action={<Link to="/members/transfers?direction=outgoing&status=pending">查看转接</Link>}
        />
      ) : null}
      <Card>
        {member.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
        {m ? (
          <Tabs
            destroyOnHidden
            activeKey={tab}
            onChange={(key) => {
              const next = new URLSearchParams(sp);
              if (key === 'basic') next.delete('tab');
              else next.set('tab', key);
              setSp(next, { replace: true });
            }}
            items={[
              { key: 'basic', label: '基本信息', children: tabContent.basic() },
              { key: 'timeline', label: '时间线', children: tabContent.timeline() },
              { key: 'care', label: '关怀', children: tabContent.care() },
            ]}
          />
        ) : null}
      </Card>
      {m && writable ? (
        <>
          <MemberFormModal open={modal === 'edit'} member={m} onClose={() => setModal(null)} onSaved={() => setModal(null)} />
          <TransferModal member={m} open={modal === 'transfer'} onClose={() => setModal(null)} />
          <LifecycleModal member={m} action={action} onClose={() => setAction(null)} />
        </>
      ) : null}
    </>
  );
}

/** 党龄: whole years from 转正 (the server computes it, with any 党龄校正值). */
function standingText(m: MemberDetail): string {
  if (m.standingYears === null) return m.category === 'probationary' ? '预备党员，转正后计算' : '—';
  const adjust = m.standingAdjustmentYears !== 0 ? `（含校正 ${m.standingAdjustmentYears > 0 ? '+' : ''}${m.standingAdjustmentYears} 年）` : '';
  return `${m.standingYears} 年${adjust}`;
}

function BasicInfo({ member: m, canUnmask }: { member: MemberDetail; canUnmask: boolean }) {
  const codes = useCodeTables().data;
  const age = ageOn(m.birthDate);
  return (
    <>
      {m.findings.length > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="需要办理的事项" description={<FindingList findings={m.findings} compact />} />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        data-testid="member-basic"
        items={[
          { key: 'name', label: '姓名', children: m.name },
          { key: 'gender', label: '性别', children: labelOf(codes?.genders, m.gender) },
          {
            key: 'idNumber',
            label: '公民身份号码',
            children: <MaskedValue memberId={m.id} field="idNumber" masked={m.idNumberMasked} canUnmask={canUnmask} />,
          },
          { key: 'ethnicity', label: '民族', children: labelOf(codes?.ethnicities, m.ethnicity) },
          { key: 'birthDate', label: '出生日期', children: age === null ? formatDate(m.birthDate) : `${formatDate(m.birthDate)}（${age}岁）` },
          { key: 'nativePlace', label: '籍贯', children: m.nativePlace ?? '—' },
          { key: 'education', label: '学历', children: labelOf(codes?.educations, m.education) },
          { key: 'degree', label: '学位', children: labelOf(codes?.degrees, m.degree) },
          { key: 'joinedOn', label: '入党日期', children: formatDate(m.joinedOn) },
          m.category === 'probationary'
            ? {
                key: 'probationEndsOn',
                label: '预备期满',
                children: `${formatDate(m.probationEndsOn)}${m.probationExtensionMonths > 0 ? `（已延长 ${m.probationExtensionMonths} 个月）` : ''}`,
              }
            : { key: 'fullMemberOn', label: '转正日期', children: formatDate(m.fullMemberOn) },
          { key: 'standing', label: '党龄', children: standingText(m) },
          { key: 'status', label: '党籍状态', children: <Tag color={statusColor(MEMBER_STATUS_COLORS, m.status)}>{labelOf(codes?.memberStatuses, m.status)}</Tag> },
          {
            key: 'org',
            label: '所在党组织',
            span: 'filled',
            children: (
              <span>
                {(m.orgPath.length > 0 ? m.orgPath : [{ id: m.orgId, name: m.orgName }]).map((o, i) => (
                  <span key={o.id}>
                    {i > 0 ? ' / ' : ''}
                    <Link to={`/orgs?id=${o.id}`}>{o.name}</Link>
                  </span>
                ))}
              </span>
            ),
          },
          { key: 'unit', label: '工作单位', children: m.unit?.name ?? '—' },
          { key: 'jobPosition', label: '工作岗位', children: labelOf(codes?.jobPositions, m.jobPosition) },
          { key: 'position', label: '工作单位职务', children: m.position ?? '—' },
          { key: 'rank', label: '职级', children: m.rank ?? '—' },
          { key: 'phone', label: '联系电话', children: <MaskedValue memberId={m.id} field="phone" masked={m.phoneMasked} canUnmask={canUnmask} /> },
          ...(m.leftOn ? [{ key: 'leftOn', label: '离开日期', children: formatDate(m.leftOn) }] : []),
        ]}
      />
    </>
  );
}
