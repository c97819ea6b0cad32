// The code tables of organizational life (组织生活): activity types, attendance, statuses and lights.
// Labels live here only; the web reads them from /api/meta/code-tables.
import type { MeetingActivity } from '@dangjian/regulations';

/** What an activity counts as; one activity may count for several (a 主题党日 that includes a 党课). */
export const ACTIVITY_TYPES = [
  'members_meeting',
  'committee_meeting',
  'small_group_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'democratic_review',
  'heart_to_heart_talk',
  'first_topic',
  'central_group_study',
  'democratic_life_meeting',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  members_meeting: '支部党员大会',
  committee_meeting: '支部委员会',
  small_group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  org_life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  heart_to_heart_talk: '谈心谈话',
  first_topic: '党组（党委）会议第一议题',
  central_group_study: '理论学习中心组学习',
  democratic_life_meeting: '民主生活会',
};

/**
 * The frequency obligation (rule meetings.frequency) each activity type counts towards; types without one
 * (第一议题, 中心组学习, 民主生活会) are recorded and listed but not yet judged.
 */
export const OBLIGATION_OF_TYPE: Partial<Record<ActivityType, MeetingActivity>> = {
  members_meeting: 'members_meeting',
  committee_meeting: 'committee_meeting',
  small_group_meeting: 'small_group_meeting',
  party_lecture: 'party_lecture',
  theme_day: 'theme_day',
  org_life_meeting: 'org_life_meeting',
  democratic_review: 'democratic_review',
  heart_to_heart_talk: 'heart_to_heart_talk',
};

export const ACTIVITY_STATUSES = ['planned', 'completed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { planned: '已计划', completed: '已召开', cancelled: '已取消' };

/** 出席, 线上参加 (a member away, counted as such), 请假 (reason required), 缺席. */
export const ATTENDANCE_STATUSES = ['present', 'online', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = { present: '出席', online: '线上参加', leave: '请假', absent: '缺席' };

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
