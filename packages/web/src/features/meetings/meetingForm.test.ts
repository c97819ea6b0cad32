import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import type { ActivityDetail, AttendanceTemplateItem } from './meetingApi';
import {
  allPresent,
  attendanceCounts,
  attendanceInputOf,
  attendanceProblems,
  attendedCount,
  completeBody,
  createBody,
  entriesOf,
  formValuesOf,
  hasContent,
  meetingErrors,
  mergeTemplate,
  timesInOrder,
  updateBody,
  withReason,
  withStatus,
  type AttendanceEntry,
  type MeetingFormValues,
} from './meetingForm';

const template: AttendanceTemplateItem[] = [
  { memberId: 1, name: '张三', category: 'full', memberStatus: 'normal', suggested: 'present' },
  { memberId: 2, name: '李四', category: 'full', memberStatus: 'mobile', suggested: 'online' },
  { memberId: 3, name: '王五', category: 'probationary', memberStatus: 'normal', suggested: 'present' },
];

const values: MeetingFormValues = {
  orgId: 9,
  types: ['members_meeting', 'party_lecture'],
  topic: '  学习贯彻党的二十届四中全会精神 ',
  heldOn: '2026-11-20',
  startsAt: '14:30',
  endsAt: '16:00',
  place: ' 三楼会议室 ',
  host: '张三',
  recorder: '',
  lecturer: '张三',
  lecturerMemberId: 1,
  content: '会议内容',
  decisions: '   ',
};

describe('attendance sheet', () => {
  it('starts from the template, at the suggestion, and keeps what was marked before', () => {
    const fresh = mergeTemplate(template, []);
    expect(fresh.map((r) => [r.memberId, r.status, r.reason])).toEqual([
      [1, 'present', ''],
      [2, 'online', ''],
      [3, 'present', ''],
    ]);
    const marked: AttendanceEntry[] = [
      { memberId: 3, name: '王五', category: 'probationary', status: 'leave', reason: '出差' },
      { memberId: 99, name: '已转出', category: 'full', status: 'absent', reason: '' },
    ];
    const merged = mergeTemplate(template, marked);
    // In the template's order; a member no longer in the org is dropped.
    expect(merged.map((r) => r.memberId)).toEqual([1, 2, 3]);
    expect(merged[2]).toMatchObject({ status: 'leave', reason: '出差' });
  });

  it('counts 应到, 实到 (present and online), 请假 and 缺席', () => {
    let rows = mergeTemplate(template, []);
    rows = withStatus(rows, 3, 'leave');
    const counts = attendanceCounts(rows);
    expect(counts).toEqual({ expected: 3, present: 1, online: 1, leave: 1, absent: 0 });
    expect(attendedCount(counts)).toBe(2);
    expect(attendanceCounts([])).toEqual({ expected: 0, present: 0, online: 0, leave: 0, absent: 0 });
  });

  it('asks a reason for 请假 (required) and keeps one only for 请假 and 缺席', () => {
    let rows = withStatus(mergeTemplate(template, []), 2, 'leave');
    expect(attendanceProblems(rows).get(2)).toBe('请填写请假原因');
    rows = withReason(rows, 2, '  ');
    expect(attendanceProblems(rows).has(2)).toBe(true);
    rows = withReason(rows, 2, '病假');
    expect(attendanceProblems(rows).size).toBe(0);
    // 缺席 without a reason is allowed.
    rows = withStatus(rows, 2, 'absent');
    expect(rows[1]?.reason).toBe('病假');
    expect(attendanceProblems(rows).size).toBe(0);
    // Back to 出席: the reason is dropped.
    rows = withStatus(rows, 2, 'present');
    expect(rows[1]?.reason).toBe('');
    rows = withReason(withStatus(rows, 1, 'absent'), 1, '长'.repeat(101));
    expect(attendanceProblems(rows).get(1)).toContain('100');
  });

  it('marks everyone present at once', () => {
    const rows = allPresent(withReason(withStatus(mergeTemplate(template, []), 1, 'leave'), 1, '病假'));
    expect(rows.every((r) => r.status === 'present' && r.reason === '')).toBe(true);
  });

  it('sends a reason only where one is asked for, trimmed', () => {
    const rows: AttendanceEntry[] = [
      { memberId: 1, name: '张三', category: 'full', status: 'present', reason: 'stale' },
      { memberId: 2, name: '李四', category: 'full', status: 'leave', reason: ' 病假 ' },
      { memberId: 3, name: '王五', category: 'full', status: 'absent', reason: '' },
    ];
    expect(attendanceInputOf(rows)).toEqual([
      { memberId: 1, status: 'present', reason: null },
      { memberId: 2, status: 'leave', reason: '病假' },
      { memberId: 3, status: 'absent', reason: null },
    ]);
  });
});

describe('record bodies', () => {
  const rows = withReason(withStatus(mergeTemplate(template, []), 2, 'leave'), 2, '病假');

  it('records a held meeting with its attendance and draft id, texts trimmed and empty ones null', () => {
    const body = createBody(values, 'completed', rows, 'abcdef0123456789');
    expect(body).toMatchObject({
      orgId: 9,
      status: 'completed',
      types: ['members_meeting', 'party_lecture'],
      topic: '学习贯彻党的二十届四中全会精神',
      heldOn: '2026-11-20',
      startsAt: '14:30',
      place: '三楼会议室',
      recorder: null,
      lecturer: '张三',
      lecturerMemberId: 1,
      decisions: null,
      clientDraftId: 'abcdef0123456789',
    });
    expect(body.attendance).toHaveLength(3);
  });

  it('plans a meeting without attendance', () => {
    const body = createBody(values, 'planned', rows);
    expect(body.status).toBe('planned');
    expect(body).not.toHaveProperty('attendance');
    expect(body).not.toHaveProperty('clientDraftId');
  });

  it('leaves the lecturer out unless 党课 is among the types', () => {
    const body = createBody({ ...values, types: ['members_meeting'] }, 'completed', rows);
    expect(body.lecturer).toBeNull();
    expect(body.lecturerMemberId).toBeNull();
  });

  it('edits a held meeting with its attendance, a planned one without; completes with the attendance and minutes', () => {
    expect(updateBody({ status: 'completed' }, values, rows).attendance).toHaveLength(3);
    expect(updateBody({ status: 'planned' }, values, rows)).not.toHaveProperty('attendance');
    expect(completeBody(values, rows)).toEqual({ heldOn: '2026-11-20', attendance: attendanceInputOf(rows), content: '会议内容', decisions: null });
  });

  it('fills the form from a record', () => {
    const detail: ActivityDetail = {
      id: 4,
      orgId: 9,
      orgName: '综合处党支部',
      status: 'completed',
      types: ['theme_day'],
      topic: '主题党日',
      heldOn: '2026-11-02',
      startsAt: null,
      endsAt: null,
      place: null,
      host: null,
      recorder: null,
      lecturer: null,
      lecturerMemberId: null,
      content: null,
      decisions: null,
      cancelReason: null,
      clientDraftId: null,
      attendance: { expected: 1, present: 0, online: 0, leave: 1, absent: 0 },
      attendanceRows: [{ memberId: 1, name: '张三', category: 'full', status: 'leave', reason: null }],
      createdAt: '2026-11-02T08:00:00Z',
      updatedAt: '2026-11-02T08:00:00Z',
    };
    expect(formValuesOf(detail)).toMatchObject({ orgId: 9, types: ['theme_day'], heldOn: '2026-11-02' });
    expect(entriesOf(detail.attendanceRows)).toEqual([{ memberId: 1, name: '张三', category: 'full', status: 'leave', reason: '' }]);
  });

  it('keeps a draft only once something is filled in', () => {
    expect(hasContent({ orgId: 9, heldOn: '2026-11-20', types: [] })).toBe(false);
    expect(hasContent({ orgId: 9, topic: '  ' })).toBe(false);
    expect(hasContent({ types: ['theme_day'] })).toBe(true);
    expect(hasContent({ content: '会议内容' })).toBe(true);
  });

  it('checks the end time is after the start', () => {
    expect(timesInOrder('14:30', '16:00')).toBe(true);
    expect(timesInOrder('14:30', '09:00')).toBe(false);
    expect(timesInOrder('14:30', '14:30')).toBe(false);
    expect(timesInOrder(null, '09:00')).toBe(true);
  });
});

describe('server errors', () => {
  it('puts field errors on the fields and attendance errors on the member sent at that index', () => {
    const sent = [{ memberId: 11 }, { memberId: 12 }];
    const error = new ApiError(400, {
      code: 'E_VALIDATION',
      message: '提交的数据有误',
      details: [
        { field: 'topic', message: '「主题」不能为空' },
        { field: 'attendance.1.reason', message: '请假须填写原因' },
        { field: 'attendance', message: '出勤名单有误' },
        { field: 'somethingElse', message: 'x' },
      ],
    });
    const mapped = meetingErrors(error, sent);
    expect(mapped.fields).toEqual([{ name: 'topic', errors: ['「主题」不能为空'] }]);
    expect(mapped.attendance.get(12)).toEqual(['请假须填写原因']);
    expect(mapped.attendanceGeneral).toEqual(['出勤名单有误']);
    expect(meetingErrors(new Error('x'), sent).fields).toEqual([]);
  });
});
