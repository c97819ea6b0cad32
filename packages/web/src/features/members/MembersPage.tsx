import { Card, Checkbox, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { MemberCategory, MemberStatus, MemberSummary } from '../../api/types';
import { knownCode, labelOf, optionsOf, useCodeTables, type CodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { ageOn, formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { fetchMembers, memberKeys, type MemberListParams, type MemberSort } from './memberApi';

const SORTS: readonly MemberSort[] = ['name', '-name', 'joinedOn', '-joinedOn', 'birthDate', '-birthDate'];

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * List state lives in the URL, so the list is as it was when coming back from a member's page.
 * Category and status filters the code tables do not know are dropped.
 */
function readParams(sp: URLSearchParams, codes: CodeTables | undefined): MemberListParams {
  const orgId = Number(sp.get('orgId'));
  const sort = sp.get('sort');
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    includeSubtree: sp.get('subtree') !== 'false',
    q: sp.get('q') ?? undefined,
    category: knownCode(codes?.memberCategories, sp.get('category')) as MemberCategory | undefined,
    status: knownCode(codes?.memberStatuses, sp.get('status')) as MemberStatus | undefined,
    sort: SORTS.find((s) => s === sort),
    page: positiveInt(sp.get('page'), 1),
    pageSize: Math.min(positiveInt(sp.get('pageSize'), 20), 100),
  };
}

function sortOrder(sort: MemberSort | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function MembersPage() {
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const codeTables = useCodeTables();
  const codes = codeTables.data;
  const params = readParams(sp, codes);
  // A filter in the URL can only be checked against the code tables: wait for them rather than list unfiltered first.
  const filterInUrl = sp.has('category') || sp.has('status');
  const members = useQuery({
    queryKey: memberKeys.list(params),
    queryFn: () => fetchMembers(params),
    placeholderData: keepPreviousData,
    enabled: !filterInUrl || !codeTables.isPending,
  });

  const update = (patch: Record<string, string | number | boolean | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };

  const filtered = Boolean(params.q || params.category || params.status);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>党员名册</Typography.Title>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <OrgTreeSelect
            aria-label="所在组织"
            value={params.orgId}
            onChange={(id) => update({ orgId: id })}
            allowClear
            placeholder="全部（当前管理范围）"
            style={{ width: 260, maxWidth: '100%' }}
          />
          <Checkbox checked={params.includeSubtree} onChange={(e) => update({ subtree: e.target.checked ? undefined : 'false' })}>
            含下级组织
          </Checkbox>
          <Input.Search
            aria-label="按姓名搜索"
            placeholder="按姓名搜索"
            allowClear
            defaultValue={params.q}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 200 }}
          />
          <Select<MemberCategory>
            aria-label="党员类别"
            placeholder="党员类别"
            allowClear
            value={params.category}
            onChange={(v) => update({ category: v })}
            options={optionsOf(codes?.memberCategories)}
            style={{ width: 130 }}
          />
          <Select<MemberStatus>
            aria-label="党籍状态"
            placeholder="党籍状态"
            allowClear
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={optionsOf(codes?.memberStatuses)}
            style={{ width: 130 }}
          />
        </Space>
        {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
        <Table<MemberSummary>
          rowKey="id"
          size="middle"
          loading={members.isFetching || (members.isPending && codeTables.isPending)}
          dataSource={members.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({
            onClick: () => void navigate(`/members/${row.id}`),
            className: 'clickable-row',
          })}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered ? '没有符合筛选条件的党员，请调整姓名、类别或状态条件' : '所选组织下暂无党员记录'
                }
              />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: members.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 名党员`,
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<MemberSummary> | undefined;
            const field = typeof s?.field === 'string' ? s.field : undefined;
            const sort = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
            const sortChanged = sort !== params.sort;
            const sizeChanged = pagination.pageSize !== params.pageSize;
            update(
              {
                sort,
                page: sortChanged || sizeChanged ? undefined : pagination.current,
                pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
              },
              false,
            );
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              sorter: true,
              sortOrder: sortOrder(params.sort, 'name'),
              fixed: 'left',
              render: (name: string) => <Typography.Link>{name}</Typography.Link>,
            },
            { title: '性别', dataIndex: 'gender', width: 64, render: (g: string) => labelOf(codes?.genders, g) },
            {
              title: '出生日期',
              dataIndex: 'birthDate',
              sorter: true,
              sortOrder: sortOrder(params.sort, 'birthDate'),
              render: (d: string | null) => {
                const age = ageOn(d);
                return age === null ? formatDate(d) : `${formatDate(d)}（${age}岁）`;
              },
            },
            {
              title: '入党日期',
              dataIndex: 'joinedOn',
              sorter: true,
              sortOrder: sortOrder(params.sort, 'joinedOn'),
              render: (d: string | null) => formatDate(d),
            },
            {
              title: '类别',
              dataIndex: 'category',
              render: (c: string) => <Tag color={c === 'full' ? 'red' : 'gold'}>{labelOf(codes?.memberCategories, c)}</Tag>,
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => <Tag color={statusColor(MEMBER_STATUS_COLORS, s)}>{labelOf(codes?.memberStatuses, s)}</Tag>,
            },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '职务', dataIndex: 'position', render: (p: string | null) => p ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
