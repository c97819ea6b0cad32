import { useState, type ReactNode } from 'react';
import { Breadcrumb, Button, Descriptions, Dropdown, Empty, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { OrgDetail } from '../../api/types';
import { canExportOrgs, canWriteOrgs, hasPermission } from '../../app/access';
import { childTypesOf, labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate, formatDateTime } from '../../shared/format';
import { ledgerUrl, LEDGERS } from '../../shared/orgApi';
import { ORG_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { ChildrenTab, MembersTab, OrgWarningsTab } from './OrgSubTabs';
import { CommitteeTab } from './CommitteeTab';
import { ElectionsTab } from './ElectionsTab';
import { OrgHistoryTab } from './OrgHistoryTab';
import { ReorganizeMenu, type Reorganized } from './ReorganizeMenu';
import { CreateChildOrgModal, EditOrgModal } from './OrgFormModals';
import { orgTabsFor, type OrgTab } from './orgTabs';

interface OrgDetailPanelProps {
  detail: OrgDetail | undefined;
  loading: boolean;
  error: unknown;
  permissions: readonly string[];
  onSelect: (id: number) => void;
  onCreated: (org: OrgDetail) => void;
  onSaved: (org: OrgDetail) => void;
  /** After a move, merge, split or dissolution (机构改革). */
  onReorganized: (result: Reorganized) => void;
  /** The roots of the active scope: they are not reorganized from here. */
  scopeRootIds: readonly number[];
  tab: string | null;
  onTabChange: (tab: OrgTab) => void;
}

export function OrgDetailPanel({ detail, loading, error, permissions, onSelect, onCreated, onSaved, onReorganized, scopeRootIds, tab, onTabChange }: OrgDetailPanelProps) {
  const [modal, setModal] = useState<'create' | 'edit' | null>(null);
  const codeTables = useCodeTables();
  if (error) return <ErrorAlert error={error} />;
  // The tabs depend on the code tables (which org types have a committee).
  if (loading || codeTables.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!detail) return <Empty description="请在左侧组织树中选择一个组织，查看其详细信息" />;

  const ancestors = detail.ancestors.filter((a) => a.id !== detail.id);
  const statusLabel = detail.statusLabel;
  const writable = canWriteOrgs(permissions);
  const canAddChild = writable && detail.status === 'active' && childTypesOf(codeTables.data, detail.type).length > 0;
  const tabs = orgTabsFor(detail.type, permissions, codeTables.data);
  // 机构改革: not for the scope's root nor for 工委, and only for an org still active.
  const canReorganize = writable && detail.status === 'active' && detail.type !== 'work_committee' && !scopeRootIds.includes(detail.id);
  const activeTab: OrgTab = tabs.find((t) => t === tab) ?? 'basic';
  const canReadMembers = hasPermission(permissions, 'member:read');
  const tabContent: Record<OrgTab, () => ReactNode> = {
    basic: () => <BasicInfo detail={detail} canReadMembers={canReadMembers} />,
    committee: () => <CommitteeTab org={detail} writable={writable} canReadMembers={canReadMembers} />,
    elections: () => <ElectionsTab org={detail} writable={writable} />,
    children: () => <ChildrenTab org={detail} onSelect={onSelect} />,
    members: () => <MembersTab org={detail} canReadMembers={canReadMembers} />,
    warnings: () => <OrgWarningsTab org={detail} />,
    history: () => <OrgHistoryTab org={detail} />,
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          ...ancestors.map((a) => ({
            key: a.id,
            title: (
              <a
                href={`/orgs?id=${a.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onSelect(a.id);
                }}
              >
                {a.name}
              </a>
            ),
          })),
          { key: detail.id, title: detail.name },
        ]}
      />
      <div className="page-header">
        <Space wrap>
          <Typography.Title level={4}>{detail.name}</Typography.Title>
          <Tag color={statusColor(ORG_STATUS_COLORS, detail.status)}>{statusLabel}</Tag>
        </Space>
        <Space wrap>
          {canAddChild ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
              新增下级组织
            </Button>
          ) : null}
          {writable ? (
            <Button icon={<EditOutlined />} onClick={() => setModal('edit')}>
              编辑
            </Button>
          ) : null}
          {canReorganize ? <ReorganizeMenu key={detail.id} org={detail} onDone={onReorganized} /> : null}
          {canExportOrgs(permissions) ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: LEDGERS.map((l) => ({
                  key: l.kind,
                  label: (
                    <a href={ledgerUrl(detail.id, l.kind)} download data-testid={`ledger-${l.kind}`}>
                      {l.label}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<DownloadOutlined />} data-testid="ledger-menu">
                导出台账 <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          ) : null}
        </Space>
      </div>
      <Tabs
        key={detail.id}
        destroyOnHidden
        className="org-tabs"
        activeKey={activeTab}
        onChange={(key) => onTabChange(key as OrgTab)}
        items={tabs.map((key) => ({ key, label: TAB_LABELS[key], children: tabContent[key]() }))}
      />
      {writable ? (
        <>
          <CreateChildOrgModal
            parent={detail}
            open={modal === 'create'}
            onClose={() => setModal(null)}
            onCreated={(org) => {
              setModal(null);
              onCreated(org);
            }}
          />
          <EditOrgModal
            org={detail}
            open={modal === 'edit'}
            onClose={() => setModal(null)}
            onSaved={(org) => {
              setModal(null);
              onSaved(org);
            }}
          />
        </>
      ) : null}
    </>
  );
}

const TAB_LABELS: Record<OrgTab, string> = {
  basic: '基本信息',
  committee: '班子成员',
  elections: '换届',
  children: '下级组织',
  members: '党员',
  warnings: '预警',
  history: '沿革',
};

function BasicInfo({ detail, canReadMembers }: { detail: OrgDetail; canReadMembers: boolean }) {
  const codeTables = useCodeTables();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={[
        { key: 'name', label: '组织名称', children: detail.name },
        { key: 'shortName', label: '简称', children: detail.shortName ?? '—' },
        { key: 'type', label: '组织类型', children: detail.typeLabel },
        { key: 'code', label: '组织编码', children: detail.code ?? '—' },
        { key: 'status', label: '状态', children: detail.statusLabel },
        { key: 'foundedOn', label: '成立日期', children: formatDate(detail.foundedOn) },
        { key: 'approvalDoc', label: '批准文号', children: detail.approvalDoc ?? '—' },
        { key: 'units', label: '所在单位', children: detail.units.length > 0 ? detail.units.map((u) => u.name).join('、') : '—' },
        { key: 'statisticsCategory', label: '所在单位类别', children: labelOf(codeTables.data?.statisticsCategories, detail.statisticsCategory) },
        { key: 'nationalTypeCode', label: '组织类别代码', children: detail.nationalTypeCode ?? '—' },
        { key: 'childCount', label: '直属下级组织', children: `${detail.childCount} 个` },
        {
          key: 'memberCount',
          label: '党员人数（含下级）',
          children: canReadMembers ? (
            <Link to={`/members?orgId=${detail.id}`}>
              <TeamOutlined /> {detail.memberCount} 名
            </Link>
          ) : (
            `${detail.memberCount} 名`
          ),
        },
        { key: 'createdAt', label: '创建时间', children: formatDateTime(detail.createdAt) },
      ]}
    />
  );
}
