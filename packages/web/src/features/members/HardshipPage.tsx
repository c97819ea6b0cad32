import { Card, Empty, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { HardshipMember } from '../../api/types';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { fetchHardshipMembers, memberKeys } from './memberApi';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 困难党员: who they are, why, and when they were last visited (走访慰问 is recorded on the member's 关怀 tab). */
export function HardshipPage() {
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const rawOrg = Number(sp.get('orgId'));
  const params = {
    orgId: Number.isInteger(rawOrg) && rawOrg > 0 ? rawOrg : undefined,
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
  const list = useQuery({ queryKey: memberKeys.hardship(params), queryFn: () => fetchHardshipMembers(params), placeholderData: keepPreviousData });

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>困难党员</Typography.Title>
        <OrgTreeSelect
          aria-label="组织"
          value={params.orgId}
          onChange={(id) => setSp(id ? { orgId: String(id) } : {}, { replace: true })}
          allowClear
          placeholder="全部（当前管理范围）"
          style={{ width: 260, maxWidth: '100%' }}
        />
      </div>
      <Card>
        <Typography.Paragraph type="secondary">在党员页面的“关怀”中标记困难党员、登记走访慰问。点击一行进入该党员的关怀记录。</Typography.Paragraph>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<HardshipMember>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onClick: () => void navigate(`/members/${row.id}?tab=care`), className: 'clickable-row' })}
          locale={{ emptyText: <Empty description="暂无困难党员" /> }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 名`,
            onChange: (page, pageSize) => {
              const next = new URLSearchParams(sp);
              next.set('page', String(pageSize !== params.pageSize ? 1 : page));
              next.set('pageSize', String(pageSize));
              setSp(next, { replace: true });
            },
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', fixed: 'left', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '困难情况', dataIndex: 'hardshipNote', render: (t: string | null) => t ?? '—' },
            {
              title: '最近走访',
              dataIndex: 'lastVisitOn',
              render: (d: string | null) => (d ? formatDate(d) : <Typography.Text type="warning">尚未走访</Typography.Text>),
            },
            { title: '走访次数', dataIndex: 'visitCount', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
