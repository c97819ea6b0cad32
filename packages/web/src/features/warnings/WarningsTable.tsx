import { Empty, List, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { WarningItem } from '../../api/types';
import { useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { RuleCitation, SeverityTag } from '../../shared/RuleCitation';
import { useCompact } from '../../shared/useCompact';
import { fetchWarnings, recordKeys, type WarningListParams } from '../orgs/orgRecordsApi';
import { warningKindLabel, warningOrgLink } from './warnings';

interface WarningsTableProps {
  params: WarningListParams;
  onPageChange: (page: number, pageSize: number) => void;
  /** Shown when there is no warning. */
  emptyText: string;
  /** A list at any width (for narrow panels); otherwise a table, and a list on phones. */
  asList?: boolean;
}

/** Warnings of a scope, sorted by due date by the server: severity, due date, org (link to its page), message with citation. */
export function WarningsTable({ params, onPageChange, emptyText, asList }: WarningsTableProps) {
  const warnings = useQuery({ queryKey: recordKeys.warnings(params), queryFn: () => fetchWarnings(params), placeholderData: keepPreviousData });
  const compact = useCompact() || asList === true;
  const warningKinds = useCodeTables().data?.warningKinds;
  const pagination = {
    current: params.page,
    pageSize: params.pageSize,
    total: warnings.data?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 条`,
    onChange: onPageChange,
  };
  const orgLink = (w: WarningItem) => (
    <>
      <Link to={warningOrgLink(w)}>{w.orgName}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
        {w.orgTypeLabel}
      </Typography.Text>
    </>
  );
  const message = (w: WarningItem) => (
    <>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 6 }}>
          [{warningKindLabel(warningKinds, w.kind)}]
        </Typography.Text>
        {w.message}
      </div>
      <RuleCitation basis={w.basis} />
    </>
  );

  if (compact) {
    return (
      <>
        {warnings.isError ? <ErrorAlert error={warnings.error} onRetry={() => void warnings.refetch()} /> : null}
        <List<WarningItem>
          data-testid="warnings-table"
          loading={warnings.isFetching}
          dataSource={warnings.data?.items ?? []}
          locale={{ emptyText: <Empty description={emptyText} /> }}
          pagination={{ ...pagination, size: 'small', simple: true, align: 'center' }}
          renderItem={(w) => (
            <List.Item key={w.key} style={{ paddingInline: 0, display: 'block' }} className="warning-message" data-testid="warning-item">
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <SeverityTag severity={w.severity} />
                {w.dueOn ? <Typography.Text type="secondary">到期日 {formatDate(w.dueOn)}</Typography.Text> : null}
              </Space>
              <div>{orgLink(w)}</div>
              {message(w)}
            </List.Item>
          )}
        />
      </>
    );
  }

  return (
    <>
      {warnings.isError ? <ErrorAlert error={warnings.error} onRetry={() => void warnings.refetch()} /> : null}
      <Table<WarningItem>
        rowKey="key"
        size="middle"
        data-testid="warnings-table"
        loading={warnings.isFetching}
        dataSource={warnings.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        columns={[
          { title: '级别', dataIndex: 'severity', width: 72, render: (s: string | null) => <SeverityTag severity={s} /> },
          {
            title: '到期日',
            dataIndex: 'dueOn',
            render: (d: string | null) => formatDate(d),
          },
          {
            title: '组织',
            key: 'org',
            render: (_, w) => <div style={{ maxWidth: 260, whiteSpace: 'normal' }}>{orgLink(w)}</div>,
          },
          {
            title: '预警内容',
            key: 'message',
            render: (_, w) => (
              <div style={{ minWidth: 220, maxWidth: 480, whiteSpace: 'normal' }} className="warning-message" data-testid="warning-item">
                {message(w)}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
