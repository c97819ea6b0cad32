import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate } from '../../shared/format';
import { ImportProblemsModal } from './ImportProblemsModal';
import { IssueProblemModal } from './IssueProblemModal';
import { NoProblems, ProblemList } from './ProblemList';
import { formatRate, readProblemParams } from './rectification';
import { fetchBoard, ledgerUrl, rectKeys, type BatchOrgRow } from './rectificationApi';
import { CategoryBar, StatusPie } from './RectCharts';

const num = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

/** /rectification/batches/:id: the batch's figures, by organization, by status and category, its problems; 下发, 导入, 导出. */
export function BatchBoardPage() {
  const { id } = useParams();
  const batchId = Number(id);
  const valid = Number.isInteger(batchId) && batchId > 0;
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const codes = useCodeTables().data;
  const board = useQuery({ queryKey: rectKeys.board(batchId), queryFn: () => fetchBoard(batchId), enabled: valid });
  const [issuing, setIssuing] = useState(false);
  const [importing, setImporting] = useState(false);
  const params = { ...readProblemParams(sp, { status: (v) => v ?? undefined, category: (v) => v ?? undefined }), view: 'issued' as const, batchId };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/rectification/batches')}>
      下发与审核
    </Button>
  );
  if (!valid || (board.error instanceof ApiError && board.error.status === 404)) {
    return <Result status="404" title="未找到该批次" subTitle="该批次不存在，或不在您的管理范围内。" extra={back} />;
  }
  if (board.isError) return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  if (!board.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const { batch, byOrg, byCategory, byStatus } = board.data;
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: true });
  };

  return (
    <>
      <div className="page-header">
        <Space wrap>
          {back}
          <Typography.Title level={3} style={{ wordBreak: 'break-word' }} data-testid="batch-name">
            {batch.name}
          </Typography.Title>
        </Space>
        <Space wrap>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setIssuing(true)} data-testid="problem-issue">
            下发问题
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="problem-import">
            导入问题清单
          </Button>
          <Button icon={<DownloadOutlined />} href={ledgerUrl({ batchId: batch.id })} download data-testid="problem-ledger">
            导出问题清单
          </Button>
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'source', label: '问题来源', children: labelOf(codes?.rectificationSources, batch.source) },
            { key: 'org', label: '下发组织', children: batch.issuingOrgName },
            { key: 'on', label: '下发日期', children: formatDate(batch.issuedOn) },
            { key: 'review', label: '回头看', children: batch.reviewAfterMonths > 0 ? `销号后 ${batch.reviewAfterMonths} 个月` : '不回头看' },
            ...(batch.note ? [{ key: 'note', label: '备注', children: batch.note }] : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="batch-summary">
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="问题总数" value={batch.problemCount} suffix="个" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="已销号" value={batch.closedCount} suffix="个" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card hoverable className="clickable-row" onClick={() => update({ overdue: 'true', page: undefined })}>
            <Statistic title="逾期" value={batch.overdueCount} suffix="个" styles={{ content: { color: batch.overdueCount > 0 ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="销号率" value={formatRate(batch.closureRate)} />
          </Card>
        </Col>
      </Row>
      {batch.problemCount === 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty description="该批次还没有问题。可以逐条“下发问题”，或下载模板填写后“导入问题清单”。" data-testid="board-empty">
            <Space wrap style={{ justifyContent: 'center' }}>
              <Button type="primary" icon={<SendOutlined />} onClick={() => setIssuing(true)}>
                下发问题
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入问题清单
              </Button>
            </Space>
          </Empty>
        </Card>
      ) : (
        <>
          <Card title="各责任组织整改情况" style={{ marginBottom: 16 }}>
            <Table<BatchOrgRow>
              rowKey="orgId"
              size="small"
              data-testid="board-by-org"
              dataSource={byOrg}
              pagination={byOrg.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ onClick: () => update({ orgId: r.orgId, page: undefined }), className: 'clickable-row', title: '查看该组织的问题' })}
              columns={[
                { title: '责任组织', dataIndex: 'orgName', render: (n: string) => <div style={{ maxWidth: 240, whiteSpace: 'normal' }}>{n}</div> },
                { title: '问题数', dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total },
                { title: '已销号', dataIndex: 'closed', align: 'right', sorter: (a, b) => a.closed - b.closed },
                { title: '按期销号', dataIndex: 'closedOnTime', align: 'right', sorter: (a, b) => a.closedOnTime - b.closedOnTime },
                {
                  title: '逾期',
                  dataIndex: 'overdue',
                  align: 'right',
                  sorter: (a, b) => a.overdue - b.overdue,
                  render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
                },
                { title: '被退回', dataIndex: 'returned', align: 'right', sorter: (a, b) => a.returned - b.returned },
                {
                  title: '平均销号天数',
                  dataIndex: 'avgDaysToClose',
                  align: 'right',
                  sorter: (a, b) => num(a.avgDaysToClose, b.avgDaysToClose),
                  render: (d: number | null) => (d === null ? '—' : d.toFixed(1)),
                },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title="按状态">
                <StatusPie rows={byStatus} statuses={codes?.problemStatuses} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title="按问题类别">
                {byCategory.length > 0 ? <CategoryBar rows={byCategory} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card
        title="问题清单"
        extra={
          params.orgId || params.overdue ? (
            <Button size="small" onClick={() => update({ orgId: undefined, overdue: undefined, page: undefined })}>
              显示全部
            </Button>
          ) : null
        }
      >
        <ProblemList
          params={params}
          onChange={(p) => update({ page: p.page, pageSize: p.pageSize, sort: p.sort })}
          empty={<NoProblems filtered={Boolean(params.orgId || params.overdue)} text="该批次还没有问题" />}
        />
      </Card>
      <IssueProblemModal batch={batch} open={issuing} onClose={() => setIssuing(false)} />
      <ImportProblemsModal batch={batch} open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
