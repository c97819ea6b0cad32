import { Alert, Button, Empty, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { labelOf, useCodeTables } from '../../shared/codeTables';
import { ATTENDANCE_STATUS_CODES, type AttendanceStatus } from './meetingApi';
import { allPresent, attendanceCounts, attendedCount, REASON_MAX, takesReason, withReason, withStatus, type AttendanceEntry } from './meetingForm';

interface AttendanceSheetProps {
  rows: AttendanceEntry[];
  onChange: (rows: AttendanceEntry[]) => void;
  /** Problems by member (a reason missing, the server's messages). */
  errors: ReadonlyMap<number, readonly string[]>;
  /** Errors of the sheet that name no member. */
  generalErrors?: readonly string[];
  loading?: boolean;
  /** Why the sheet is empty (no org chosen yet, no member in it). */
  emptyText: string;
}

/** 应到 / 实到 / 请假 / 缺席 as the sheet stands. */
export function AttendanceCountsBar({ rows }: { rows: readonly AttendanceEntry[] }) {
  const c = attendanceCounts(rows);
  const item = (label: string, value: number, testId: string, color?: string) => (
    <span className="attendance-count" data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong style={{ color, marginInlineStart: 4 }}>
        {value}
      </Typography.Text>
    </span>
  );
  return (
    <div className="attendance-counts" aria-live="polite">
      {item('应到', c.expected, 'count-expected')}
      {item('实到', attendedCount(c), 'count-attended', '#389e0d')}
      {item('请假', c.leave, 'count-leave', c.leave > 0 ? '#d48806' : undefined)}
      {item('缺席', c.absent, 'count-absent', c.absent > 0 ? '#cf1322' : undefined)}
    </div>
  );
}

/**
 * The attendance sheet: every member with 出席 / 线上参加 / 请假 / 缺席 (starting at the template's suggestion), a
 * reason for 请假 (required) and 缺席 (optional), 全部出席 at once, live counts.
 */
export function AttendanceSheet({ rows, onChange, errors, generalErrors, loading, emptyText }: AttendanceSheetProps) {
  const codes = useCodeTables().data;
  const options = ATTENDANCE_STATUS_CODES.map((c) => ({ value: c, label: labelOf(codes?.attendanceStatuses, c) }));
  return (
    <div data-testid="attendance-sheet">
      <div className="attendance-toolbar">
        <AttendanceCountsBar rows={rows} />
        <Button size="small" icon={<CheckOutlined />} onClick={() => onChange(allPresent(rows))} disabled={rows.length === 0} data-testid="attendance-all-present">
          全部出席
        </Button>
      </div>
      {generalErrors && generalErrors.length > 0 ? <Alert type="error" showIcon title={generalErrors.join('；')} style={{ marginBottom: 8 }} /> : null}
      <Spin spinning={loading === true}>
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : (
          <div role="list">
            {rows.map((r) => {
              const problems = errors.get(r.memberId) ?? [];
              return (
                <div key={r.memberId} role="listitem" className="attendance-line" data-testid="attendance-line" data-member-name={r.name} data-status={r.status}>
                  <div className="attendance-name">
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {r.category === 'probationary' ? (
                      <Tag color="gold" style={{ marginInlineStart: 6 }}>
                        {labelOf(codes?.memberCategories, r.category)}
                      </Tag>
                    ) : null}
                  </div>
                  <Segmented<AttendanceStatus>
                    size="small"
                    aria-label={`${r.name}的出勤情况`}
                    value={r.status}
                    options={options}
                    onChange={(status) => onChange(withStatus(rows, r.memberId, status))}
                  />
                  {takesReason(r.status) ? (
                    <Input
                      className="attendance-reason"
                      size="small"
                      aria-label={`${r.name}的${r.status === 'leave' ? '请假' : '缺席'}原因`}
                      placeholder={r.status === 'leave' ? '请假原因（必填）' : '缺席原因（可不填）'}
                      maxLength={REASON_MAX}
                      status={problems.length > 0 ? 'error' : undefined}
                      value={r.reason}
                      onChange={(e) => onChange(withReason(rows, r.memberId, e.target.value))}
                    />
                  ) : null}
                  {problems.length > 0 ? (
                    <Space className="attendance-error" size={4}>
                      <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
                        {problems.join('；')}
                      </Typography.Text>
                    </Space>
                  ) : null}
                </div>
              );
            })}
          </div>
        )}
      </Spin>
    </div>
  );
}
