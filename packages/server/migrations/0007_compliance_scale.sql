-- 0007: the compliance evaluation at nation scale (every org, every day). The six-month absence check
-- (meetings.absence) counts each member's 缺席 through the first index, and reads the records only of members with
-- enough of them; the secretary's 党课 (书记讲党课) is found by its lecturer through the second, instead of reading
-- every activity below each 党委. Forward-only.

CREATE INDEX activity_attendance_absent_idx ON activity_attendance (member_id) WHERE status = 'absent';
CREATE INDEX activities_lecturer_idx ON activities (lecturer_member_id, held_on) WHERE lecturer_member_id IS NOT NULL;
