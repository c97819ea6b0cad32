import { useState } from 'react';
import { Breadcrumb, Button, Descriptions, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { OrgDetail } from '../../api/types';
import { canExportOrgs, canWriteOrgs, hasPermission } from '../../app/access';
import { childTypesOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDateTime } from '../../shared/format';
import { orgExportUrl } from '../../shared/orgApi';
import { ORG_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { CreateChildOrgModal, EditOrgModal } from './OrgFormModals';

interface OrgDetailPanelProps {
  detail: OrgDetail | undefined;
  loading: boolean;
  error: unknown;
  permissions: readonly string[];
  onSelect: (id: number) => void;
  onCreated: (org: OrgDetail) => void;
  onSaved: (org: OrgDetail) => void;
}

export function OrgDetailPanel({ detail, loading, error, permissions, onSelect, onCreated, onSaved }: OrgDetailPanelProps) {
  const [modal, setModal] = useState<'create' | 'edit' | null>(null);
  const codeTables = useCodeTables();
  if (error) return <ErrorAlert error={error} />;
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!detail) return <Empty description="请在左侧组织树中选择一个组织，查看其详细信息" />;

  const ancestors = detail.ancestors.filter((a) => a.id !== detail.id);
  const statusLabel = detail.statusLabel;
  const writable = canWriteOrgs(permissions);
  const canAddChild = writable && detail.status === 'active' && childTypesOf(codeTables.data, detail.type).length > 0;

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
          {canExportOrgs(permissions) ? (
            <Button icon={<DownloadOutlined />} href={orgExportUrl(detail.id)} download>
              导出Excel
            </Button>
          ) : null}
        </Space>
      </div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'name', label: '组织名称', children: detail.name },
          { key: 'shortName', label: '简称', children: detail.shortName ?? '—' },
          { key: 'type', label: '组织类型', children: detail.typeLabel },
          { key: 'code', label: '组织代码', children: detail.code ?? '—' },
          { key: 'status', label: '状态', children: statusLabel },
          { key: 'childCount', label: '直属下级组织', children: `${detail.childCount} 个` },
          {
            key: 'memberCount',
            label: '党员人数（含下级）',
            children: hasPermission(permissions, 'member:read') ? (
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
