import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

describe('GET /api/meta/regulations', () => {
  it('lists every rule with its parameters, dated values, force and citation', async () => {
    const s = await login(t.app, 'zhibu1');
    const res = await call(t.app, s, 'GET', '/api/meta/regulations');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { rules: { id: string; parameters: { id: string; values: { effectiveFrom: string; value: unknown; force: string; sourceTitle: string; article: string }[] }[] }[]; sources: { id: string; title: string }[] };
    const frequency = body.rules.find((r) => r.id === 'meetings.frequency');
    const minCount = frequency?.parameters.find((p) => p.id === 'meetings.members_meeting.min_count');
    expect(minCount?.values[0]).toMatchObject({ value: 1, force: 'generally', sourceTitle: expect.stringContaining('支部工作条例') });
    expect(minCount?.values[0]?.article).toMatch(/第.+条/);
    expect(body.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['meetings.absence', 'elections.term_due', 'members.probation_due']));
    expect(body.sources.length).toBeGreaterThan(5);
  });

  it('needs a login', async () => {
    expect((await call(t.app, null, 'GET', '/api/meta/regulations')).statusCode).toBe(401);
  });
});
