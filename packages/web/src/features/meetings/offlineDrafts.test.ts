import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { ActivityCreateInput, ActivityDetail } from './meetingApi';
import {
  createDraftStore,
  DRAFT_ID_PATTERN,
  DRAFT_STORAGE_KEY,
  draftBody,
  isDraftId,
  isOfflineFailure,
  newDraftId,
  readDrafts,
  type DraftInput,
  type DraftStorage,
} from './offlineDrafts';

function memoryStorage(initial?: Record<string, string>): DraftStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial ?? {}));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

let tick = 0;
const clock = () => new Date(Date.UTC(2026, 10, 20, 8, 0, tick++));

const draft = (id: string, userId = 7): DraftInput => ({
  id,
  userId,
  mode: 'completed',
  orgName: '综合处党支部',
  values: { orgId: 9, types: ['members_meeting'], topic: '党员大会', heldOn: '2026-11-20' },
  attendance: [{ memberId: 1, name: '张三', category: 'full', status: 'leave', reason: '病假' }],
});

const saved = (body: ActivityCreateInput) => ({ id: 100, ...body }) as unknown as ActivityDetail;
const networkDown = () => Promise.reject(new ApiError(0, { code: 'E_NETWORK', message: '无法连接服务器' }));

describe('draft ids', () => {
  it('makes ids the server accepts', () => {
    expect(newDraftId(() => '123e4567-e89b-12d3-a456-426614174000')).toBe('123e4567e89b12d3a456426614174000');
    expect(DRAFT_ID_PATTERN.test(newDraftId())).toBe(true);
    expect(DRAFT_ID_PATTERN.test(newDraftId(undefined))).toBe(true);
    expect(isDraftId('short')).toBe(false);
    expect(isDraftId('has space in it')).toBe(false);
    expect(isDraftId(null)).toBe(false);
  });
});

describe('draft store', () => {
  it('saves, lists (latest first, the user\'s own only) and removes drafts', () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage, clock);
    expect(store.save(draft('draftAAAA1'))).toBe(true);
    store.save(draft('draftBBBB2'));
    store.save(draft('draftCCCC3', 8));
    expect(store.list(7).map((d) => d.id)).toEqual(['draftBBBB2', 'draftAAAA1']);
    expect(store.list(8).map((d) => d.id)).toEqual(['draftCCCC3']);
    // The same array until something changes.
    expect(store.list(7)).toBe(store.list(7));
    expect(store.get('draftAAAA1')?.state).toBe('editing');
    store.remove('draftAAAA1');
    expect(store.list(7).map((d) => d.id)).toEqual(['draftBBBB2']);
    // Written to the storage, readable by another store (another tab).
    expect(readDrafts(storage).map((d) => d.id).sort()).toEqual(['draftBBBB2', 'draftCCCC3']);
  });

  it('ignores unreadable storage and survives a storage that refuses writes', () => {
    expect(readDrafts(memoryStorage({ [DRAFT_STORAGE_KEY]: '{not json' }))).toEqual([]);
    expect(readDrafts(memoryStorage({ [DRAFT_STORAGE_KEY]: JSON.stringify([{ id: 'x' }, 5]) }))).toEqual([]);
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(createDraftStore(full, clock).save(draft('draftAAAA1'))).toBe(false);
  });

  it('tells the listeners about changes', () => {
    const store = createDraftStore(memoryStorage(), clock);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.save(draft('draftAAAA1'));
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.remove('draftAAAA1');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('sends the draft with its clientDraftId and removes it once saved', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save(draft('draftAAAA1'));
    const send = vi.fn((body: ActivityCreateInput) => Promise.resolve(saved(body)));
    const outcome = await store.submit('draftAAAA1', send, () => true);
    expect(outcome.kind).toBe('saved');
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ clientDraftId: 'draftAAAA1', status: 'completed', attendance: [{ memberId: 1, status: 'leave', reason: '病假' }] }));
    expect(store.get('draftAAAA1')).toBeUndefined();
    expect(store.savedAs('draftAAAA1')).toBe(100);
  });

  it('keeps the draft pending when the network is down, and sends it again later with the same id', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save(draft('draftAAAA1'));
    expect((await store.submit('draftAAAA1', networkDown, () => true)).kind).toBe('offline');
    expect(store.get('draftAAAA1')?.state).toBe('pending');
    // A fetch TypeError while the browser says it is offline is the same.
    expect((await store.submit('draftAAAA1', () => Promise.reject(new TypeError('Failed to fetch')), () => false)).kind).toBe('offline');

    const ids: (string | undefined)[] = [];
    const send = (body: ActivityCreateInput) => {
      ids.push(body.clientDraftId);
      return Promise.resolve(saved(body));
    };
    const outcomes = await store.flush(7, send, () => true);
    expect(outcomes.map((o) => o.kind)).toEqual(['saved']);
    expect(ids).toEqual(['draftAAAA1']);
    expect(store.list(7)).toEqual([]);
  });

  it('sends only pending drafts on flush, and stops at the first network failure', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save({ ...draft('draftAAAA1'), state: 'pending' });
    store.save({ ...draft('draftBBBB2'), state: 'pending' });
    store.save(draft('draftCCCC3'));
    const send = vi.fn(networkDown);
    const outcomes = await store.flush(7, send, () => true);
    expect(outcomes.map((o) => o.kind)).toEqual(['offline']);
    expect(send).toHaveBeenCalledTimes(1);
    expect(store.list(7).filter((d) => d.state === 'pending')).toHaveLength(2);
  });

  it('does not send the same draft twice at once', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save(draft('draftAAAA1'));
    let release: () => void = () => undefined;
    const send = vi.fn((body: ActivityCreateInput) => new Promise<ActivityDetail>((resolve) => (release = () => resolve(saved(body)))));
    const first = store.submit('draftAAAA1', send, () => true);
    expect((await store.submit('draftAAAA1', send, () => true)).kind).toBe('skipped');
    release();
    expect((await first).kind).toBe('saved');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('puts a draft the server refuses back to editing, with the reason; keeps it pending on a server failure', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save(draft('draftAAAA1'));
    const refused = () => Promise.reject(new ApiError(400, { code: 'E_VALIDATION', message: '请假须填写原因' }));
    expect((await store.submit('draftAAAA1', refused, () => true)).kind).toBe('rejected');
    expect(store.get('draftAAAA1')).toMatchObject({ state: 'editing', lastError: '请假须填写原因' });

    const down = () => Promise.reject(new ApiError(503, { code: 'E_HTTP_503', message: '服务器错误（503），请稍后重试' }));
    expect((await store.submit('draftAAAA1', down, () => true)).kind).toBe('failed');
    expect(store.get('draftAAAA1')?.state).toBe('pending');

    const lost = () => Promise.reject(new ApiError(401, { code: 'E_AUTH_SESSION_EXPIRED', message: '登录已过期' }));
    expect((await store.submit('draftAAAA1', lost, () => true)).kind).toBe('failed');
    expect(store.get('draftAAAA1')?.state).toBe('pending');
  });

  it('moves a draft whose id another record took to a new id', async () => {
    const store = createDraftStore(memoryStorage(), clock);
    store.save(draft('draftAAAA1'));
    const taken = () => Promise.reject(new ApiError(409, { code: 'E_ACTIVITY_DRAFT_TAKEN', message: '该离线草稿编号已被使用' }));
    const outcome = await store.submit('draftAAAA1', taken, () => true);
    expect(outcome.kind).toBe('rejected');
    const newId = outcome.kind === 'rejected' ? outcome.newId : undefined;
    expect(isDraftId(newId)).toBe(true);
    expect(newId).not.toBe('draftAAAA1');
    expect(store.get('draftAAAA1')).toBeUndefined();
    expect(store.get(newId ?? '')).toMatchObject({ state: 'editing', values: { topic: '党员大会' } });
  });

  it('knows a network failure from an answer of the server', () => {
    expect(isOfflineFailure(new TypeError('Failed to fetch'), true)).toBe(true);
    expect(isOfflineFailure(new ApiError(0, { code: 'E_NETWORK', message: '' }), true)).toBe(true);
    expect(isOfflineFailure(new ApiError(400, { code: 'E_VALIDATION', message: '' }), true)).toBe(false);
    expect(isOfflineFailure(new ApiError(400, { code: 'E_VALIDATION', message: '' }), false)).toBe(false);
    expect(isOfflineFailure(new Error('aborted'), false)).toBe(true);
  });

  it('builds a planned draft\'s body without attendance', () => {
    const body = draftBody({ ...draft('draftAAAA1'), mode: 'planned' });
    expect(body).toMatchObject({ status: 'planned', clientDraftId: 'draftAAAA1' });
    expect(body).not.toHaveProperty('attendance');
  });
});
