// 离线草稿: the record form keeps its state on the device (localStorage) under a clientDraftId made here, so
// that a meeting recorded where the connection is weak is not lost. A draft is 'editing' while the form is
// being filled in, 'pending' once it was submitted and could not reach the server; pending drafts are sent
// again when the browser is back online (or by hand). Sending the same draft twice is safe: the server
// answers the record made first for a repeated clientDraftId. The storage is injected; tested in
// offlineDrafts.test.ts.
import { ApiError, PASSWORD_CHANGE_CODE } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import type { ActivityCreateInput, ActivityDetail } from './meetingApi';
import { createBody, type AttendanceEntry, type MeetingFormValues, type RecordMode } from './meetingForm';

export const DRAFT_STORAGE_KEY = 'dangjian.meetingDrafts.v1';
/** The server's pattern for clientDraftId. */
export const DRAFT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The part of the Web Storage API used here (localStorage in the browser, a map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type DraftState = 'editing' | 'pending';

export interface MeetingDraft {
  /** The clientDraftId sent with the record. */
  id: string;
  /** The account that wrote it: a shared phone shows each user their own drafts only. */
  userId: number;
  mode: RecordMode;
  values: MeetingFormValues;
  attendance: AttendanceEntry[];
  /** The organization's name, for the list of drafts. */
  orgName: string | null;
  state: DraftState;
  /** ISO date-time of the last change. */
  savedAt: string;
  /** Why the server refused it (the draft is back to 'editing'); null otherwise. */
  lastError: string | null;
}

export type DraftInput = Omit<MeetingDraft, 'savedAt' | 'state' | 'lastError'> & Partial<Pick<MeetingDraft, 'state' | 'lastError'>>;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new clientDraftId: a random UUID without its dashes (32 characters), or 32 random letters and digits. */
export function newDraftId(randomUUID: (() => string) | undefined = globalThis.crypto?.randomUUID?.bind(globalThis.crypto)): string {
  if (randomUUID) return randomUUID().replaceAll('-', '');
  let id = '';
  for (let i = 0; i < 32; i++) id += ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)];
  return id;
}

export function isDraftId(value: string | null | undefined): value is string {
  return typeof value === 'string' && DRAFT_ID_PATTERN.test(value);
}

function isDraft(value: unknown): value is MeetingDraft {
  if (!value || typeof value !== 'object') return false;
  const d = value as Partial<MeetingDraft>;
  return (
    isDraftId(d.id) &&
    typeof d.userId === 'number' &&
    (d.mode === 'completed' || d.mode === 'planned') &&
    (d.state === 'editing' || d.state === 'pending') &&
    typeof d.values === 'object' &&
    d.values !== null &&
    Array.isArray(d.attendance) &&
    typeof d.savedAt === 'string'
  );
}

/** The drafts kept in the storage; anything unreadable is left out. */
export function readDrafts(storage: DraftStorage): MeetingDraft[] {
  let raw: string | null;
  try {
    raw = storage.getItem(DRAFT_STORAGE_KEY);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isDraft) : [];
  } catch {
    return [];
  }
}

/** The record a draft stands for, as POST /activities takes it (with its clientDraftId). */
export function draftBody(draft: Pick<MeetingDraft, 'id' | 'mode' | 'values' | 'attendance'>): ActivityCreateInput {
  return createBody(draft.values, draft.mode, draft.attendance, draft.id);
}

/** Whether a failed submission is for want of a network (kept to be sent again) rather than an answer of the server. */
export function isOfflineFailure(error: unknown, online: boolean): boolean {
  // An answer of the server, whatever the browser thinks of its connection.
  if (error instanceof ApiError) return error.status === 0;
  return error instanceof TypeError || !online;
}

/**
 * Whether the server refused the record itself (a wrong field, no permission): the draft goes back to being
 * edited. A lost session or a server failure keeps it pending, to be sent again.
 */
export function isRejection(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.code !== PASSWORD_CHANGE_CODE;
}

/** The server's answer when a clientDraftId is already used by a record outside the user's scope. */
export const DRAFT_TAKEN_CODE = 'E_ACTIVITY_DRAFT_TAKEN';

export type SubmitOutcome =
  | { kind: 'saved'; activity: ActivityDetail }
  /** Kept as a pending draft: no network (offline) or the server could not take it now (failed). */
  | { kind: 'offline' }
  | { kind: 'failed'; error: unknown }
  /** Refused by the server: back to editing, with the reason; kept under a new id when the old one was taken. */
  | { kind: 'rejected'; error: unknown; newId?: string }
  /** Already being sent, or no such draft. */
  | { kind: 'skipped' };

export interface DraftStore {
  /** The user's drafts, the latest first. The same array until something changes (for useSyncExternalStore). */
  list(userId: number): MeetingDraft[];
  get(id: string): MeetingDraft | undefined;
  /** Writes the draft (as 'editing' unless told otherwise); false when the storage refused it (full, private mode). */
  save(draft: DraftInput): boolean;
  remove(id: string): void;
  /** The activity a draft became, when it was sent from this page load (for the page that waited for it). */
  savedAs(id: string): number | undefined;
  /** Sends one draft: removed when saved, kept pending without a network, back to editing when refused. */
  submit(id: string, send: (body: ActivityCreateInput) => Promise<ActivityDetail>, online: () => boolean): Promise<SubmitOutcome>;
  /** Sends every pending draft of the user, one after the other. */
  flush(userId: number, send: (body: ActivityCreateInput) => Promise<ActivityDetail>, online: () => boolean): Promise<SubmitOutcome[]>;
  subscribe(listener: () => void): () => void;
  /** Drops what was read (another tab changed the storage) and tells the listeners. */
  refresh(): void;
}

export function createDraftStore(storage: DraftStorage, now: () => Date = () => new Date()): DraftStore {
  let cache: MeetingDraft[] | null = null;
  const perUser = new Map<number, MeetingDraft[]>();
  const listeners = new Set<() => void>();
  const sending = new Set<string>();
  const saved = new Map<string, number>();

  const all = (): MeetingDraft[] => {
    cache ??= readDrafts(storage);
    return cache;
  };
  const changed = () => {
    cache = null;
    perUser.clear();
    for (const l of listeners) l();
  };
  const write = (drafts: MeetingDraft[]): boolean => {
    try {
      storage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(drafts));
      return true;
    } catch {
      return false;
    } finally {
      changed();
    }
  };
  const update = (id: string, patch: Partial<MeetingDraft>) => {
    const drafts = all();
    if (drafts.some((d) => d.id === id)) write(drafts.map((d) => (d.id === id ? { ...d, ...patch, savedAt: now().toISOString() } : d)));
  };

  const store: DraftStore = {
    list(userId) {
      let mine = perUser.get(userId);
      if (!mine) {
        mine = all()
          .filter((d) => d.userId === userId)
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
        perUser.set(userId, mine);
      }
      return mine;
    },
    get: (id) => all().find((d) => d.id === id),
    save(input) {
      const previous = all().find((d) => d.id === input.id);
      const draft: MeetingDraft = {
        ...input,
        state: input.state ?? 'editing',
        lastError: input.lastError ?? previous?.lastError ?? null,
        savedAt: now().toISOString(),
      };
      return write([...all().filter((d) => d.id !== input.id), draft]);
    },
    remove(id) {
      if (all().some((d) => d.id === id)) write(all().filter((d) => d.id !== id));
    },
    savedAs: (id) => saved.get(id),
    async submit(id, send, online) {
      const draft = store.get(id);
      if (!draft || sending.has(id)) return { kind: 'skipped' };
      sending.add(id);
      update(id, { state: 'pending', lastError: null });
      try {
        const activity = await send(draftBody(draft));
        saved.set(id, activity.id);
        store.remove(id);
        return { kind: 'saved', activity };
      } catch (error) {
        if (isOfflineFailure(error, online())) return { kind: 'offline' };
        if (error instanceof ApiError && error.code === DRAFT_TAKEN_CODE) {
          // Another record has this id: the draft goes on under a new one.
          const newId = newDraftId();
          const drafts = all();
          write(drafts.map((d) => (d.id === id ? { ...d, id: newId, state: 'editing' as const, lastError: errorMessage(error), savedAt: now().toISOString() } : d)));
          return { kind: 'rejected', error, newId };
        }
        if (isRejection(error)) {
          update(id, { state: 'editing', lastError: errorMessage(error) });
          return { kind: 'rejected', error };
        }
        update(id, { lastError: errorMessage(error) });
        return { kind: 'failed', error };
      } finally {
        sending.delete(id);
      }
    },
    async flush(userId, send, online) {
      const outcomes: SubmitOutcome[] = [];
      for (const d of store.list(userId).filter((x) => x.state === 'pending')) {
        const outcome = await store.submit(d.id, send, online);
        outcomes.push(outcome);
        // Without a network the others would fail the same way.
        if (outcome.kind === 'offline') break;
      }
      return outcomes;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: changed,
  };
  return store;
}
