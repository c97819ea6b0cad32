import { Empty, List, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { useCompact } from '../../shared/useCompact';
import { fetchProblems, PROBLEM_SORTS, rectKeys, type ProblemListParams, type ProblemSummary } from './rectificationApi';
import { OverdueTag, ProblemStatusTag, SeverityTag } from './rectDisplay';

interface ProblemListProps {
  params: ProblemListParams;
  /** Page / size / sort changes (undefined: back to the default). */
  onChange: (patch: { page?: number; pageSize?: number; sort?: string }) => void;
  empty: ReactNode;
}

/** Problems, paged by the server: a table, a card list on phones; overdue rows highlighted. */
export function ProblemList({ params, onChange, empty }: ProblemListProps) {
  const compact = useCompact();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: rectKeys.problems(params), queryFn: () => fetchProblems(params), placeholderData: keepPreviousData });
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 个问题`,
  };
  const link = (p: ProblemSummary) => (
    <Link to={`/rectification/problems/${p.id}`} onClick={(e) => e.stopPropagation()} style={{ wordBreak: 'break-word' }} data-testid="problem-link">
      {p.description}
    </Link>
  );

  return (
    <>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {compact ? (
        <List<ProblemSummary>
          data-testid="problems-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: empty }}
          pagination={{
            ...pagination,
            size: 'small',
            simple: true,
            align: 'center',
            onChange: (page, pageSize) => onChange({ page: page === 1 ? undefined : page, pageSize: pageSize === 20 ? undefined : pageSize, sort: params.sort }),
          }}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              style={{ display: 'block', paddingInline: 8, background: p.overdue ? '#fff1f0' : undefined }}
              data-testid="problem-row"
              data-overdue={p.overdue}
            >
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <ProblemStatusTag status={p.status} />
                <OverdueTag problem={p} />
                <SeverityTag severity={p.severity} />
                <Typography.Text type="secondary">时限 {formatDate(p.deadline)}</Typography.Text>
              </Space>
              <div>{link(p)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                {p.categoryLabel} · {p.responsibleOrgName}
                {p.responsiblePerson ? ` · ${p.responsiblePerson}` : ''} · {p.batchName}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Table<ProblemSummary>
          rowKey="id"
          size="middle"
          data-testid="problems-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          rowClassName={(p) => (p.overdue ? 'clickable-row problem-overdue-row' : 'clickable-row')}
          onRow={(p) => ({ onClick: () => void navigate(`/rectification/problems/${p.id}`), 'data-testid': 'problem-row' } as React.HTMLAttributes<HTMLElement>)}
          pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
          onChange={(pg, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<ProblemSummary> | undefined;
            const candidate = s?.order === 'ascend' ? 'deadline' : s?.order === 'descend' ? '-deadline' : undefined;
            const sort = PROBLEM_SORTS.find((x) => x === candidate);
            const changed = sort !== params.sort || pg.pageSize !== params.pageSize;
            onChange({ sort, page: changed || pg.current === 1 ? undefined : pg.current, pageSize: pg.pageSize === 20 ? undefined : pg.pageSize });
          }}
          columns={[
            {
              title: '问题描述',
              dataIndex: 'description',
              render: (_: string, p) => <div style={{ minWidth: 200, maxWidth: 380, whiteSpace: 'normal' }}>{link(p)}</div>,
            },
            {
              title: '责任组织',
              key: 'org',
              render: (_, p) => (
                <div style={{ maxWidth: 220, whiteSpace: 'normal' }}>
                  {p.responsibleOrgName}
                  {p.responsiblePerson ? <Typography.Text type="secondary"> · {p.responsiblePerson}</Typography.Text> : null}
                </div>
              ),
            },
            { title: '类别', dataIndex: 'categoryLabel' },
            { title: '严重程度', dataIndex: 'severity', render: (s: string) => <SeverityTag severity={s} /> },
            {
              title: '整改时限',
              dataIndex: 'deadline',
              sorter: true,
              sortOrder: params.sort === 'deadline' ? 'ascend' : params.sort === '-deadline' ? 'descend' : null,
              render: (d: string, p) => (
                <Space size={4} wrap>
                  {formatDate(d)}
                  <OverdueTag problem={p} />
                </Space>
              ),
            },
            { title: '状态', dataIndex: 'status', render: (s: string) => <ProblemStatusTag status={s} /> },
            {
              title: '批次',
              dataIndex: 'batchName',
              render: (n: string, p) => (
                <div style={{ maxWidth: 220, whiteSpace: 'normal' }}>
                  {n}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.issuingOrgName}下发
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

export function NoProblems({ filtered, text }: { filtered: boolean; text: string }) {
  return <Empty description={filtered ? '没有符合筛选条件的问题，请调整筛选条件' : text} data-testid="problems-empty" />;
}
