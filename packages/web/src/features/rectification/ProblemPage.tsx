import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, List, Result, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, FileOutlined, LinkOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatDate, formatDateTime } from '../../shared/format';
import { useCompact } from '../../shared/useCompact';
import { ProblemActionModal } from './ProblemActionModal';
import { ACTION_LABELS, eventNote, eventsNewestFirst, formatSize, orderedActions, primaryAction } from './rectification';
import { evidenceFileUrl, fetchProblem, rectKeys, type Evidence, type Measure, type ProblemAction, type ProblemDetail } from './rectificationApi';
import { OverdueTag, ProblemStatusTag, SeverityTag } from './rectDisplay';

function dotColor(kind: string): string {
  if (kind === 'closed') return 'green';
  if (kind === 'returned' || kind === 'reopened') return 'red';
  if (kind === 'closure_requested') return 'purple';
  return 'blue';
}

/** /rectification/problems/:id: the problem, the actions the server allows this user, measures, evidence, timeline. */
export function ProblemPage() {
  const { id } = useParams();
  const problemId = Number(id);
  const valid = Number.isInteger(problemId) && problemId > 0;
  const navigate = useNavigate();
  const problem = useQuery({ queryKey: rectKeys.problem(problemId), queryFn: () => fetchProblem(problemId), enabled: valid });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
      返回
    </Button>
  );
  if (!valid || (problem.error instanceof ApiError && problem.error.status === 404)) {
    return <Result status="404" title="未找到该问题" subTitle="该问题不存在，或不在您的管理范围内。" extra={back} />;
  }
  if (problem.isError) return <ErrorAlert error={problem.error} onRetry={() => void problem.refetch()} />;
  if (!problem.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <ProblemView problem={problem.data} back={back} />;
}

function ProblemView({ problem: p, back }: { problem: ProblemDetail; back: React.ReactNode }) {
  const codes = useCodeTables().data;
  const compact = useCompact();
  const [action, setAction] = useState<ProblemAction | null>(null);
  const actions = orderedActions(p.allowedActions);
  const primary = primaryAction(p.allowedActions);
  const lastReturn = p.status === 'in_progress' && p.returnedCount > 0 ? eventsNewestFirst(p.events).find((e) => e.kind === 'returned') : undefined;

  return (
    <>
      <div className="page-header">
        <Space wrap>
          {back}
          <Typography.Title level={3} style={{ wordBreak: 'break-word' }}>
            整改问题
          </Typography.Title>
          <ProblemStatusTag status={p.status} />
          <OverdueTag problem={p} />
        </Space>
        <Space wrap data-testid="problem-actions">
          {actions.map((a) => (
            <Button key={a} type={a === primary ? 'primary' : 'default'} danger={a === 'return'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
              {ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      </div>
      {lastReturn ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`销号申请被退回：${eventNote(lastReturn) ?? '（未填写原因）'}`} data-testid="return-alert" />
      ) : null}
      {p.status === 'closed' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已于 ${formatDate(p.closedOn)} 销号${p.closedOnTime === false ? '（超过整改时限）' : p.closedOnTime ? '（按期完成）' : ''}${p.reviewDueOn ? `，${formatDate(p.reviewDueOn)} 起回头看` : ''}`}
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="problem-description">
          {p.description}
        </Typography.Paragraph>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          size="small"
          data-testid="problem-detail"
          items={[
            { key: 'status', label: '状态', children: <ProblemStatusTag status={p.status} /> },
            {
              key: 'deadline',
              label: '整改时限',
              children: (
                <Space size={4} wrap>
                  {formatDate(p.deadline)}
                  <OverdueTag problem={p} />
                </Space>
              ),
            },
            { key: 'org', label: '责任组织', children: p.responsibleOrgName },
            { key: 'person', label: '责任人', children: p.responsiblePerson ?? '—' },
            { key: 'issuing', label: '下发组织', children: p.issuingOrgName },
            {
              key: 'batch',
              label: '批次',
              children: (
                <span style={{ wordBreak: 'break-word' }}>
                  {p.batchName}（{labelOf(codes?.rectificationSources, p.source)}）
                </span>
              ),
            },
            { key: 'category', label: '问题类别', children: p.categoryLabel },
            { key: 'severity', label: '严重程度', children: <SeverityTag severity={p.severity} /> },
            ...(p.closedOn ? [{ key: 'closedOn', label: '销号日期', children: formatDate(p.closedOn) }] : []),
            ...(p.returnedCount > 0 ? [{ key: 'returned', label: '退回次数', children: p.returnedCount }] : []),
            ...(p.reopenedCount > 0 ? [{ key: 'reopened', label: '重新整改次数', children: p.reopenedCount }] : []),
          ]}
        />
      </Card>
      <Card title="整改措施" style={{ marginBottom: 16 }} data-testid="problem-measures">
        {p.measures.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.allowedActions.includes('set_measures') ? '尚未制定整改措施，点击“制定措施”逐条填写' : '尚未制定整改措施'} />
        ) : compact ? (
          <List<Measure>
            dataSource={p.measures}
            renderItem={(m, i) => (
              <List.Item key={m.id} style={{ display: 'block', paddingInline: 0 }} data-testid="measure-item">
                <div style={{ wordBreak: 'break-word' }}>
                  {i + 1}. {m.content}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.owner} · 时限 {formatDate(m.deadline)} · {m.doneOn ? `${formatDate(m.doneOn)} 完成` : '未完成'}
                </Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Table<Measure>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.measures}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '序号', key: 'i', width: 60, render: (_, _m, i) => i + 1 },
              { title: '措施内容', dataIndex: 'content', render: (c: string) => <div style={{ minWidth: 240, maxWidth: 520, whiteSpace: 'pre-wrap' }}>{c}</div> },
              { title: '责任人', dataIndex: 'owner' },
              { title: '完成时限', dataIndex: 'deadline', render: (d: string) => formatDate(d) },
              { title: '完成情况', dataIndex: 'doneOn', render: (d: string | null) => (d ? <Tag color="green">{formatDate(d)} 完成</Tag> : <Tag>未完成</Tag>) },
            ]}
          />
        )}
      </Card>
      <Card title="佐证材料" style={{ marginBottom: 16 }} data-testid="problem-evidence">
        <List<Evidence>
          dataSource={p.evidence}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无佐证材料" /> }}
          renderItem={(e) => (
            <List.Item key={e.id} style={{ display: 'block', paddingInline: 0 }} data-testid="evidence-item">
              <Space size={6} wrap style={{ wordBreak: 'break-word' }}>
                {e.kind === 'link' ? <LinkOutlined /> : e.kind === 'activity' ? <TeamOutlined /> : <FileOutlined />}
                <Typography.Text strong>{e.label}</Typography.Text>
                {e.kind === 'link' && e.url ? (
                  <a href={e.url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
                    {e.url}
                  </a>
                ) : null}
                {e.kind === 'activity' && e.activityId ? <Link to={`/meetings/${e.activityId}`}>{e.activityTopic ?? '查看活动'}</Link> : null}
                {e.kind === 'file' ? (
                  <a href={evidenceFileUrl(p.id, e.id)} download={e.fileName ?? true}>
                    {e.fileName ?? '下载'} {e.size !== null ? `（${formatSize(e.size)}）` : ''}
                  </a>
                ) : null}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      </Card>
      <Card title="整改过程">
        {p.events.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        ) : (
          <Timeline
            data-testid="problem-timeline"
            titleSpan={compact ? 9 : 5}
            items={eventsNewestFirst(p.events).map((e) => {
              const note = eventNote(e);
              return {
                key: e.id,
                color: dotColor(e.kind),
                title: formatDateTime(e.occurredAt),
                content: (
                  <div data-testid="problem-event" data-kind={e.kind}>
                    <Space size={6} wrap>
                      <Tag>{labelOf(codes?.problemEventKinds, e.kind)}</Tag>
                      {e.actorName ? <Typography.Text type="secondary">{e.actorName}</Typography.Text> : null}
                    </Space>
                    {note ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{note}</Typography.Paragraph> : null}
                  </div>
                ),
              };
            })}
          />
        )}
      </Card>
      <ProblemActionModal problem={p} action={action} onClose={() => setAction(null)} />
    </>
  );
}
