import { Button, Card, DatePicker, Empty, Input, List, Select, Space, Table, Tooltip, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined, FormOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission } from '../../app/access';
import { knownCode, optionsOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { OrgTreeSelect } from '../../shared/OrgTreeSelect';
import { useCompact } from '../../shared/useCompact';
import { useMe } from '../auth/auth';
import { DraftsCard } from './DraftsCard';
import { ACTIVITY_SORTS, fetchActivities, activityKeys, ledgerXlsxUrl, type ActivityListParams, type ActivityStatus, type ActivitySummary } from './meetingApi';
import { AttendanceFigure, StatusTag, TypeTags, whenText } from './meetingDisplay';
import { ledgerRange, ledgerRangeProblem, readListParams } from './meetingList';

/** 活动记录: the activities of the scope (or an org's subtree), filtered and paged; state in the URL. */
export function MeetingsPage() {
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const compact = useCompact();
  const codeTables = useCodeTables();
  const codes = codeTables.data;
  const params: ActivityListParams = readListParams(sp, (t) => knownCode(codes?.activityTypes, t), (s) => knownCode(codes?.activityStatuses, s) as ActivityStatus | undefined);
  const filterInUrl = sp.has('type') || sp.has('status');
  const list = useQuery({
    queryKey: activityKeys.list(params),
    queryFn: () => fetchActivities(params),
    placeholderData: keepPreviousData,
    enabled: !filterInUrl || !codeTables.isPending,
  });
  const writable = hasPermission(me.permissions, 'meeting:write');
  const range = ledgerRange(params.from, params.to, dayjs());
  const rangeProblem = ledgerRangeProblem(range);

  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setSp(next, { replace: true });
  };

  const filtered = Boolean(params.from || params.to || params.type || params.status || params.q);
  const newLink = params.orgId ? `/meetings/new?orgId=${params.orgId}` : '/meetings/new';
  const planLink = params.orgId ? `/meetings/new?mode=planned&orgId=${params.orgId}` : '/meetings/new?mode=planned';
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 次活动`,
  };
  const empty = filtered ? (
    <Empty description="没有符合筛选条件的活动，请调整筛选条件" />
  ) : (
    <Empty
      data-testid="meetings-empty"
      description={
        <>
          <div>还没有组织生活记录。</div>
          <div>开完会后点击“记录活动”，在一个页面填写会议情况并登记出勤；也可以先“计划活动”，会后再完成登记。</div>
        </>
      }
    >
      {writable ? (
        <Space wrap style={{ justifyContent: 'center' }}>
          <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(newLink)}>
            记录第一次活动
          </Button>
          <Button icon={<CalendarOutlined />} onClick={() => void navigate(planLink)}>
            计划活动
          </Button>
        </Space>
      ) : null}
    </Empty>
  );

  return (
    <>
      <div className="page-header">
        <Typography.Title level={3}>活动记录</Typography.Title>
        <Space wrap>
          {writable ? (
            <>
              <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(newLink)} data-testid="meeting-record">
                记录活动
              </Button>
              <Button icon={<CalendarOutlined />} onClick={() => void navigate(planLink)} data-testid="meeting-plan">
                计划活动
              </Button>
            </>
          ) : null}
          <Tooltip title={rangeProblem ?? `按所选组织导出 ${range.from} 至 ${range.to} 的三会一课台账（Excel）；未选日期时为本年度`}>
            <Button
              icon={<DownloadOutlined />}
              href={rangeProblem ? undefined : ledgerXlsxUrl({ orgId: params.orgId, ...range })}
              disabled={rangeProblem !== null}
              download
              data-testid="ledger-export"
            >
              导出三会一课台账
            </Button>
          </Tooltip>
        </Space>
      </div>
      {writable ? <DraftsCard userId={me.user.id} /> : null}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <OrgTreeSelect
            aria-label="组织"
            value={params.orgId}
            onChange={(id) => update({ orgId: id })}
            allowClear
            placeholder="全部（当前管理范围）"
            style={{ width: 260, maxWidth: '100%' }}
          />
          <DatePicker
            aria-label="开始日期"
            placeholder="开始日期"
            value={params.from ? dayjs(params.from) : null}
            onChange={(d) => update({ from: d ? d.format('YYYY-MM-DD') : undefined })}
            style={{ width: 140 }}
          />
          <DatePicker
            aria-label="结束日期"
            placeholder="结束日期"
            value={params.to ? dayjs(params.to) : null}
            onChange={(d) => update({ to: d ? d.format('YYYY-MM-DD') : undefined })}
            style={{ width: 140 }}
          />
          <Select<string>
            aria-label="活动类型"
            placeholder="活动类型"
            allowClear
            value={params.type}
            onChange={(v) => update({ type: v })}
            options={optionsOf(codes?.activityTypes)}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
          />
          <Select<string>
            aria-label="状态"
            placeholder="状态"
            allowClear
            value={params.status}
            onChange={(v) => update({ status: v })}
            options={optionsOf(codes?.activityStatuses)}
            style={{ width: 110 }}
          />
          <Input.Search
            aria-label="按主题搜索"
            placeholder="按主题搜索"
            allowClear
            defaultValue={params.q}
            maxLength={50}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 200 }}
          />
        </Space>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        {compact ? (
          <List<ActivitySummary>
            data-testid="meetings-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: empty }}
            pagination={{
              ...pagination,
              size: 'small',
              simple: true,
              align: 'center',
              onChange: (page, pageSize) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize }, false),
            }}
            renderItem={(a) => (
              <List.Item key={a.id} style={{ display: 'block', paddingInline: 0 }} data-testid="meeting-row">
                <Space size={6} wrap style={{ marginBottom: 4 }}>
                  <StatusTag status={a.status} activityStatuses={codes?.activityStatuses} />
                  <Typography.Text type="secondary">{whenText(a)}</Typography.Text>
                  <Typography.Text type="secondary">
                    出勤 <AttendanceFigure activity={a} />
                  </Typography.Text>
                </Space>
                <div>
                  <Link to={`/meetings/${a.id}`} style={{ wordBreak: 'break-word' }}>
                    {a.topic}
                  </Link>
                </div>
                <div style={{ marginTop: 4 }}>
                  <TypeTags types={a.types} activityTypes={codes?.activityTypes} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.orgName}
                </Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Table<ActivitySummary>
            rowKey="id"
            size="middle"
            data-testid="meetings-table"
            loading={list.isFetching || (list.isPending && codeTables.isPending)}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
            onRow={(row) => ({ onClick: () => void navigate(`/meetings/${row.id}`), className: 'clickable-row' })}
            pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p, _filters, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<ActivitySummary> | undefined;
              const candidate = s?.order === 'ascend' ? 'heldOn' : s?.order === 'descend' ? '-heldOn' : undefined;
              const sort = ACTIVITY_SORTS.find((x) => x === candidate);
              const changed = sort !== params.sort || p.pageSize !== params.pageSize;
              update({ sort, page: changed || p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize }, false);
            }}
            columns={[
              {
                title: '日期',
                dataIndex: 'heldOn',
                sorter: true,
                sortOrder: params.sort === 'heldOn' ? 'ascend' : params.sort === '-heldOn' ? 'descend' : null,
                render: (_: string, a) => whenText(a),
              },
              { title: '组织', dataIndex: 'orgName', render: (n: string) => <div style={{ maxWidth: 220, whiteSpace: 'normal' }}>{n}</div> },
              { title: '类型', dataIndex: 'types', render: (t: string[]) => <TypeTags types={t} activityTypes={codes?.activityTypes} /> },
              {
                title: '主题',
                dataIndex: 'topic',
                render: (t: string, a) => (
                  <div style={{ minWidth: 160, maxWidth: 360, whiteSpace: 'normal' }}>
                    <Link to={`/meetings/${a.id}`} onClick={(e) => e.stopPropagation()}>
                      {t}
                    </Link>
                  </div>
                ),
              },
              { title: '出勤（实到/应到）', key: 'attendance', align: 'center', render: (_, a) => <AttendanceFigure activity={a} /> },
              { title: '状态', dataIndex: 'status', render: (s: string) => <StatusTag status={s} activityStatuses={codes?.activityStatuses} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
