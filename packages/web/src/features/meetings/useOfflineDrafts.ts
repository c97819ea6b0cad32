// The browser's draft store (localStorage) and the hooks over it: the user's drafts, and sending the pending
// ones again when the browser comes back online.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { afterActivityChange, createActivity } from './meetingApi';
import { createDraftStore, DRAFT_STORAGE_KEY, type DraftStorage, type DraftStore, type MeetingDraft, type SubmitOutcome } from './offlineDrafts';

/** localStorage, or a memory map where the browser refuses it (some private modes). */
function browserStorage(): DraftStorage {
  try {
    const s = window.localStorage;
    const probe = `${DRAFT_STORAGE_KEY}.probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

let store: DraftStore | null = null;

export function draftStore(): DraftStore {
  if (!store) {
    const created = createDraftStore(browserStorage());
    // Another tab wrote drafts.
    window.addEventListener('storage', (e) => {
      if (e.key === DRAFT_STORAGE_KEY || e.key === null) created.refresh();
    });
    store = created;
  }
  return store;
}

export const isOnline = () => navigator.onLine !== false;

/** The user's drafts, kept up to date. */
export function useDrafts(userId: number): MeetingDraft[] {
  const s = draftStore();
  return useSyncExternalStore(
    s.subscribe,
    () => s.list(userId),
    () => s.list(userId),
  );
}

/** Sends one draft, or all pending ones, refreshing what depends on activities after a save. */
export function useDraftSubmit() {
  const queryClient = useQueryClient();
  const submitOne = useCallback(
    async (id: string): Promise<SubmitOutcome> => {
      const outcome = await draftStore().submit(id, createActivity, isOnline);
      if (outcome.kind === 'saved') await afterActivityChange(queryClient, outcome.activity);
      return outcome;
    },
    [queryClient],
  );
  const flush = useCallback(
    async (userId: number): Promise<SubmitOutcome[]> => {
      const outcomes = await draftStore().flush(userId, createActivity, isOnline);
      const saved = outcomes.flatMap((o) => (o.kind === 'saved' ? [o.activity] : []));
      if (saved.length > 0) await afterActivityChange(queryClient);
      return outcomes;
    },
    [queryClient],
  );
  return { submitOne, flush };
}

/**
 * Sends the user's pending drafts when the browser comes back online (and once on start, when online), and
 * says how many were saved. Mounted once in the layout for users who record activities.
 */
export function useDraftSync(userId: number, enabled: boolean): void {
  const { message } = App.useApp();
  const { flush } = useDraftSubmit();
  useEffect(() => {
    if (!enabled) return;
    const run = () => {
      if (!isOnline()) return;
      if (!draftStore().list(userId).some((d) => d.state === 'pending')) return;
      void flush(userId).then((outcomes) => {
        const saved = outcomes.filter((o) => o.kind === 'saved').length;
        const rejected = outcomes.filter((o) => o.kind === 'rejected').length;
        if (saved > 0) void message.success(`网络已恢复，${saved} 条离线草稿已提交`);
        if (rejected > 0) void message.warning(`${rejected} 条离线草稿未能提交，请在“活动记录”中查看并修改`);
      });
    };
    run();
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
  }, [enabled, userId, flush, message]);
}
