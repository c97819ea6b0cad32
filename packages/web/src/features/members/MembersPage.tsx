import { useState } from 'react';
import { Button, Card, Checkbox, Empty, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { Gender, MemberCategory, MemberStatusFilter, MemberSummary } from '../../api/types';
import { canWriteMembers } from '../../app/access';
import { knownCode, labelOf, optionsOf, useCodeTables, type CodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { ageOn, formatDate } from '../../shared/format';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { MEMBER_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { useMe } from '../auth/auth';
import { fetchMembers, MEMBER_SORTS, memberKeys, rosterUrl, type MemberListParams, type MemberSort } from './memberApi';
import { MemberFormModal } from './MemberFormModal';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The list's status filter: 在册 (the default, left out of the URL), 全部, or one status the code tables know. */
function readStatus(value: string | null, codes: CodeTables | undefined): MemberStatusFilter | undefined {
  if (value === 'all' || value === 'on_roster') return value;
  return knownCode(codes?.memberStatuses, value) as MemberStatusFilter | undefined;
}

/**
 * List state lives in the URL, so the list is as it was when coming back from a member's page; the ID number
 * searched for does not (it would stay in the browser's history). Codes the code tables do not know are dropped.
 */
function readParams(sp: URLSearchParams, codes: CodeTables | undefined): Omit<MemberListParams, 'idNumber'> {
  const orgId = Number(sp.get('orgId'));
  const sort = sp.get('sort');
  return {
    orgId: Number.isInteger(orgId) && orgId > 0 ? orgId : undefined,
    includeSubtree: sp.get('subtree') !== 'false',
    q: sp.get('q') ?? undefined,
    category: knownCode(codes?.memberCategories, sp.get('category')) as MemberCategory | undefined,
    status: readStatus(sp.get('status'), codes),
    gender: knownCode(codes?.genders, sp.get('gender')) as Gender | undefined,
    inHardship: sp.get('hardship') === 'true' ? true : undefined,
    sort: MEMBER_SORTS.find((s) => s === sort),
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
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const codeTables = useCodeTables();
  const codes = codeTables.data;
  const [idNumber, setIdNumber] = useState('');
  const [creating, setCreating] = useState(false);
  const params: MemberListParams = { ...readParams(sp, codes), idNumber: idNumber || undefined };
  // A filter in the URL can only be checked against the code tables: wait for them rather than list unfiltered first.
  const filterInUrl = sp.has('category') || sp.has('status') || sp.has('gender');
  const members = useQuery({
    queryKey: memberKeys.list(params),
    queryFn: () => fetchMembers(params),
    placeholderData: keepPreviousData,
    enabled: !filterInUrl || !codeTables.isPending,
  });
  const writable = canWriteMembers(me.permissions);

  const update = (patch: Record<string, string | number | boolean | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };

  const filtered = Boolean(params.q || params.idNumber || params.category || (params.status && params.status !== 'on_roster') || params.gender || params.inHardship);
  const importLink = params.orgId ? `/members/import?orgId=${params.orgId}` : '/members/import';

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>党员名册</Typography.Title>
        <Space wrap>
          {writable ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
                新增党员
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => void navigate(importLink)} data-testid="member-import">
                批量导入
              </Button>
            </>
          ) : null}
          <Tooltip title="按当前选择的组织和党籍状态导出 Excel；公民身份号码和联系电话已脱敏">
            <Button icon={<DownloadOutlined />} href={rosterUrl(params)} download data-testid="roster-export">
              导出花名册
            </Button>
          </Tooltip>
        </Space>
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
            style={{ width: 180 }}
          />
          <Input.Search
            aria-label="按公民身份号码查找"
            placeholder="公民身份号码（完整 18 位）"
            allowClear
            autoComplete="off"
            maxLength={18}
            onSearch={(v) => {
              setIdNumber(v.trim().toUpperCase());
              update({});
            }}
            style={{ width: 240 }}
          />
          <Select<MemberCategory>
            aria-label="党员类别"
            placeholder="党员类别"
            allowClear
            value={params.category}
            onChange={(v) => update({ category: v })}
            options={optionsOf(codes?.memberCategories)}
            style={{ width: 120 }}
          />
          <Select<MemberStatusFilter>
            aria-label="党籍状态"
            value={params.status ?? 'on_roster'}
            onChange={(v) => update({ status: v === 'on_roster' ? undefined : v })}
            options={[{ value: 'on_roster', label: '在册' }, { value: 'all', label: '全部（含已离开）' }, ...optionsOf(codes?.memberStatuses)]}
            style={{ width: 150 }}
            popupMatchSelectWidth={false}
          />
          <Select<Gender>
            aria-label="性别"
            placeholder="性别"
            allowClear
            value={params.gender}
            onChange={(v) => update({ gender: v })}
            options={optionsOf(codes?.genders)}
            style={{ width: 90 }}
          />
          <Checkbox checked={params.inHardship === true} onChange={(e) => update({ hardship: e.target.checked ? 'true' : undefined })}>
            困难党员
          </Checkbox>
        </Space>
        {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
        <Table<MemberSummary>
          rowKey="id"
          size="middle"
          data-testid="members-table"
          loading={members.isFetching || (members.isPending && codeTables.isPending)}
          dataSource={members.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({
            onClick: () => void navigate(`/members/${row.id}`),
            className: 'clickable-row',
          })}
          locale={{
            emptyText: filtered ? (
              <Empty description="没有符合筛选条件的党员，请调整筛选条件" />
            ) : (
              <Empty description="所选组织下暂无党员记录">
                {writable ? (
                  <Space wrap>
                    <Button type="primary" icon={<UploadOutlined />} onClick={() => void navigate(importLink)}>
                      从 Excel 批量导入
                    </Button>
                    <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                      逐个新增
                    </Button>
                  </Space>
                ) : null}
              </Empty>
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
            const candidate = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
            const sort = MEMBER_SORTS.find((x) => x === candidate);
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
              render: (name: string, row) => (
                <Space size={4}>
                  <Typography.Link>{name}</Typography.Link>
                  {row.inHardship ? (
                    <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                      困难
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: '性别', dataIndex: 'gender', width: 64, render: (g: string) => labelOf(codes?.genders, g) },
            { title: '民族', dataIndex: 'ethnicity', render: (e: string | null) => labelOf(codes?.ethnicities, e) },
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
              title: '预备期满',
              dataIndex: 'probationEndsOn',
              sorter: true,
              sortDirections: ['ascend'],
              sortOrder: sortOrder(params.sort, 'probationEndsOn'),
              render: (d: string | null) => (d ? formatDate(d) : '—'),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => <Tag color={statusColor(MEMBER_STATUS_COLORS, s)}>{labelOf(codes?.memberStatuses, s)}</Tag>,
            },
            { title: '所在组织', dataIndex: 'orgName' },
            { title: '职务', dataIndex: 'position', render: (p: string | null) => p ?? '—' },
            { title: '联系电话', dataIndex: 'phoneMasked', render: (p: string | null) => p ?? '—' },
          ]}
        />
      </Card>
      {writable ? (
        <MemberFormModal
          open={creating}
          defaultOrgId={params.orgId}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            void navigate(`/members/${m.id}`);
          }}
        />
      ) : null}
    </>
  );
}
