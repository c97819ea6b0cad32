// Small pieces shared by the activity pages: type tags, status tag, attendance figures.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { labelOf, type Code } from '../../shared/codeTables';
import { ACTIVITY_STATUS_COLORS, statusColor } from '../../shared/statusColors';
import type { ActivitySummary, AttendanceCounts } from './meetingApi';
import { attendedCount } from './meetingForm';

export function TypeTags({ types, activityTypes }: { types: readonly string[]; activityTypes: readonly Code[] | undefined }) {
  return (
    <Space size={[4, 4]} wrap>
      {types.map((t) => (
        <Tag key={t} color="volcano" style={{ marginInlineEnd: 0 }}>
          {labelOf(activityTypes, t)}
        </Tag>
      ))}
    </Space>
  );
}

export function StatusTag({ status, activityStatuses }: { status: string; activityStatuses: readonly Code[] | undefined }) {
  return (
    <Tag color={statusColor(ACTIVITY_STATUS_COLORS, status)} style={{ marginInlineEnd: 0 }} data-testid="activity-status">
      {labelOf(activityStatuses, status)}
    </Tag>
  );
}

/** 实到/应到 (出席 + 线上 of 应到), with 请假 and 缺席 on hover; — for an activity without attendance yet. */
export function AttendanceFigure({ activity }: { activity: Pick<ActivitySummary, 'status' | 'attendance'> }) {
  const a: AttendanceCounts = activity.attendance;
  if (activity.status !== 'completed' || a.expected === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={`出席 ${a.present}，线上 ${a.online}，请假 ${a.leave}，缺席 ${a.absent}`}>
      <span data-testid="attendance-figure">
        {attendedCount(a)}/{a.expected}
      </span>
    </Tooltip>
  );
}

/** 2026-11-20 14:30 */
export function whenText(a: Pick<ActivitySummary, 'heldOn' | 'startsAt'>): string {
  return a.startsAt ? `${a.heldOn} ${a.startsAt}` : a.heldOn;
}
