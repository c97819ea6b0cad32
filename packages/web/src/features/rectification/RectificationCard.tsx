import { Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fetchProblems, rectKeys, type ProblemListParams } from './rectificationApi';

/** 整改 on the home page: open problems of the scope (or the picked org) and how many are overdue. */
export function RectificationCard({ orgId }: { orgId?: number }) {
  const navigate = useNavigate();
  // Two counts, one row each: open = every status but closed is not a server filter, so count all and closed.
  const all: ProblemListParams = { view: 'responsible', orgId, page: 1, pageSize: 1 };
  const closed: ProblemListParams = { ...all, status: 'closed' };
  const overdue: ProblemListParams = { ...all, overdue: true };
  const total = useQuery({ queryKey: rectKeys.problems(all), queryFn: () => fetchProblems(all) });
  const done = useQuery({ queryKey: rectKeys.problems(closed), queryFn: () => fetchProblems(closed) });
  const late = useQuery({ queryKey: rectKeys.problems(overdue), queryFn: () => fetchProblems(overdue) });
  const open = total.data && done.data ? total.data.total - done.data.total : undefined;
  const lateCount = late.data?.total;
  const q = orgId ? `orgId=${orgId}&` : '';

  return (
    <Card title="问题整改" size="small" style={{ marginTop: 16 }} data-testid="rectification-card">
      <Row gutter={16}>
        <Col span={12}>
          <div className="clickable-row" onClick={() => void navigate(`/rectification${orgId ? `?orgId=${orgId}` : ''}`)} role="link" tabIndex={0}>
            <Statistic title="未销号问题" value={open ?? '—'} suffix={open !== undefined ? '个' : undefined} loading={total.isPending || done.isPending} />
          </div>
        </Col>
        <Col span={12}>
          <div className="clickable-row" onClick={() => void navigate(`/rectification?${q}overdue=true`)} role="link" tabIndex={0} data-testid="rectification-overdue">
            <Statistic
              title="逾期"
              value={lateCount ?? '—'}
              suffix={lateCount !== undefined ? '个' : undefined}
              loading={late.isPending}
              styles={{ content: { color: lateCount ? '#cf1322' : undefined } }}
            />
          </div>
        </Col>
      </Row>
    </Card>
  );
}
