import { Tag } from 'antd';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { PROBLEM_SEVERITY_COLORS, PROBLEM_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import { overdueText } from './rectification';

export function ProblemStatusTag({ status }: { status: string }) {
  const codes = useCodeTables().data;
  return (
    <Tag color={statusColor(PROBLEM_STATUS_COLORS, status)} data-testid="problem-status" data-status={status}>
      {labelOf(codes?.problemStatuses, status)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: string }) {
  const codes = useCodeTables().data;
  return <Tag color={statusColor(PROBLEM_SEVERITY_COLORS, severity)}>{labelOf(codes?.problemSeverities, severity)}</Tag>;
}

/** 逾期 N 天 in red; nothing when the problem is not overdue. */
export function OverdueTag({ problem }: { problem: { overdue: boolean; daysOverdue: number } }) {
  const text = overdueText(problem);
  return text ? (
    <Tag color="red" data-testid="problem-overdue">
      {text}
    </Tag>
  ) : null;
}
