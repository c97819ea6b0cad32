import { useState } from 'react';
import { Button, Empty, Result, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { OrgDetail, OrgSummary } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { fetchOrgChildren, orgKeys } from '../../shared/orgApi';
import { ORG_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { WarningsTable } from '../warnings/WarningsTable';

/** 下级组织: the direct children with their type and status; a row opens the child. */
export function ChildrenTab({ org, onSelect }: { org: OrgDetail; onSelect: (id: number) => void }) {
  const children = useQuery({ queryKey: orgKeys.children(org.id), queryFn: () => fetchOrgChildren(org.id) });
  return (
    <>
      {children.isError ? <ErrorAlert error={children.error} onRetry={() => void children.refetch()} /> : null}
      <Table<OrgSummary>
        rowKey="id"
        size="small"
        loading={children.isPending}
        dataSource={children.data ?? []}
        pagination={(children.data?.length ?? 0) > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该组织没有下级组织" /> }}
        onRow={(row) => ({ onClick: () => onSelect(row.id), className: 'clickable-row' })}
        columns={[
          { title: '组织名称', dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
          { title: '类型', dataIndex: 'typeLabel' },
          { title: '状态', key: 'status', render: (_, o) => <Tag color={statusColor(ORG_STATUS_COLORS, o.status)}>{o.statusLabel}</Tag> },
          { title: '下级', dataIndex: 'hasChildren', render: (h: boolean) => (h ? '有' : '—') },
        ]}
      />
    </>
  );
}

/** 党员: how many members the org and its subtree hold, and the way to the roster. */
export function MembersTab({ org, canReadMembers }: { org: OrgDetail; canReadMembers: boolean }) {
  const navigate = useNavigate();
  return (
    <Result
      icon={<TeamOutlined />}
      title={`${org.memberCount} 名党员`}
      subTitle={`${org.name}及其下级组织的党员人数`}
      extra={
        canReadMembers ? (
          <Button type="primary" onClick={() => void navigate(`/members?orgId=${org.id}`)}>
            在党员名册中查看
          </Button>
        ) : null
      }
    />
  );
}

/** 预警: the warnings of this org's subtree. */
export function OrgWarningsTab({ org }: { org: OrgDetail }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  return (
    <WarningsTable
      params={{ orgId: org.id, ...paging }}
      onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
      emptyText="该组织及其下级组织暂无预警"
      asList
    />
  );
}
