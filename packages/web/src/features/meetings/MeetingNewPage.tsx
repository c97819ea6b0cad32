import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../auth/auth';
import { MeetingRecordForm } from './MeetingRecordForm';
import type { RecordMode } from './meetingForm';
import { isDraftId, newDraftId, type MeetingDraft } from './offlineDrafts';
import { draftStore } from './useOfflineDrafts';

/**
 * /meetings/new: 记录活动 (held, with attendance), or 计划活动 with ?mode=planned; ?orgId= starts with an org,
 * ?draft= goes on with a draft kept on this device.
 */
export function MeetingNewPage() {
  const me = useMe();
  const [sp] = useSearchParams();
  // Chosen once per visit: the draft being continued, or a new one with a fresh id.
  const [start] = useState<{ draftId: string; draft?: MeetingDraft }>(() => {
    const wanted = sp.get('draft');
    const draft = isDraftId(wanted) ? draftStore().get(wanted) : undefined;
    return draft && draft.userId === me.user.id ? { draftId: draft.id, draft } : { draftId: newDraftId() };
  });
  const mode: RecordMode = start.draft?.mode ?? (sp.get('mode') === 'planned' ? 'planned' : 'completed');
  const orgId = Number(sp.get('orgId'));
  return (
    <MeetingRecordForm
      key={start.draftId}
      kind="create"
      mode={mode}
      draftId={start.draftId}
      draft={start.draft}
      initialOrgId={Number.isInteger(orgId) && orgId > 0 ? orgId : undefined}
    />
  );
}
