// Tag colours per status: presentation only, so they live in the web (the labels come from the
// server's code tables, see codeTables.ts).

export const ORG_STATUS_COLORS: Readonly<Record<string, string>> = {
  active: 'green',
  dissolved: 'default',
  merged: 'orange',
};

export const MEMBER_STATUS_COLORS: Readonly<Record<string, string>> = {
  normal: 'green',
  mobile: 'blue',
  lost_contact: 'orange',
  suspended: 'red',
  expelled: 'default',
  deceased: 'default',
  transferred_out: 'purple',
  probation_cancelled: 'default',
};

export const TRANSFER_STATUS_COLORS: Readonly<Record<string, string>> = {
  pending: 'gold',
  accepted: 'green',
  returned: 'red',
  cancelled: 'default',
  issued: 'blue',
};

export const CORRECTION_STATUS_COLORS: Readonly<Record<string, string>> = {
  open: 'gold',
  accepted: 'green',
  rejected: 'default',
};

export const ACTIVITY_STATUS_COLORS: Readonly<Record<string, string>> = {
  planned: 'blue',
  completed: 'green',
  cancelled: 'default',
};

export const ATTENDANCE_STATUS_COLORS: Readonly<Record<string, string>> = {
  present: 'green',
  online: 'cyan',
  leave: 'gold',
  absent: 'red',
};

export const PROBLEM_STATUS_COLORS: Readonly<Record<string, string>> = {
  issued: 'blue',
  claimed: 'cyan',
  measures_set: 'geekblue',
  in_progress: 'gold',
  closure_requested: 'purple',
  closed: 'green',
};

export const PROBLEM_SEVERITY_COLORS: Readonly<Record<string, string>> = {
  general: 'default',
  serious: 'orange',
  critical: 'red',
};

/** The tag colour for a status; antd's neutral 'default' for a status the web has no colour for. */
export function statusColor(colors: Readonly<Record<string, string>>, status: string | null | undefined): string {
  return (status && Object.hasOwn(colors, status) ? colors[status] : undefined) ?? 'default';
}
