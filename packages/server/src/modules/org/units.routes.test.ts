// Units (单位) are maintained in the app, each from one organization; admins of that subtree edit it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, login, type Session, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['gongwei', 'jiguan1', 'jiguan2', 'zhibu1', 'dangyuan1']) s[u] = await login(t.app, u);
});
afterAll(() => t.close());

describe('units', () => {
  it('an organ admin lists the units it manages, with the organizations set up in them', async () => {
    const mine = (await call(t.app, s.jiguan1!, 'GET', '/api/units?mine=true')).json().items;
    expect(mine.map((u: { name: string }) => u.name)).toEqual(['省统计局']);
    expect(mine[0]).toMatchObject({ editable: true, leadingBody: 'leading_party_group', managingOrg: { id: s.jiguan1!.me.grants[0]!.orgId } });
    const detail = (await call(t.app, s.jiguan1!, 'GET', `/api/units/${mine[0].id}`)).json();
    expect(detail.orgs.length).toBeGreaterThan(0);
    // A branch secretary inside the organ sees the unit (its branch sits there) but cannot edit it.
    const asBranch = await call(t.app, s.zhibu1!, 'GET', `/api/units/${mine[0].id}`);
    expect(asBranch.json()).toMatchObject({ editable: false });
    expect((await call(t.app, s.zhibu1!, 'PATCH', `/api/units/${mine[0].id}`, { hasDisciplineCommission: false })).statusCode).toBe(403);
  });

  it('creates a unit managed from an organization in scope, and refuses one managed from outside', async () => {
    const own = s.jiguan1!.me.grants[0]!.orgId!;
    const body = { name: '省统计局普查中心', shortName: '普查中心', adminLevel: 'provincial', leadingBody: 'none', hasDisciplineCommission: false, creditCode: '12220000MB1234567X', managingOrgId: own };
    const created = await call(t.app, s.jiguan1!, 'POST', '/api/units', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '省统计局普查中心', editable: true, orgCount: 0 });
    expect((await call(t.app, s.jiguan1!, 'POST', '/api/units', body)).statusCode).toBe(409);
    const foreign = s.jiguan2!.me.grants[0]!.orgId!;
    const outside = await call(t.app, s.jiguan1!, 'POST', '/api/units', { ...body, name: '越权单位', creditCode: null, managingOrgId: foreign });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().details[0].field).toBe('managingOrgId');
    const badCode = await call(t.app, s.jiguan1!, 'POST', '/api/units', { ...body, name: '代码错', creditCode: '12220000MB123456IO' });
    expect(badCode.json().details[0].field).toBe('creditCode');
  });

  it('edits a unit and audits before and after; the other organ cannot', async () => {
    const unit = (await call(t.app, s.jiguan1!, 'GET', '/api/units?mine=true&q=普查')).json().items[0];
    const res = await call(t.app, s.jiguan1!, 'PATCH', `/api/units/${unit.id}`, { leadingBody: 'party_committee', hasDisciplineCommission: true });
    expect(res.json()).toMatchObject({ leadingBody: 'party_committee', hasDisciplineCommission: true });
    expect((await call(t.app, s.jiguan2!, 'PATCH', `/api/units/${unit.id}`, { name: '越权' })).statusCode).toBe(404);
    expect((await call(t.app, s.jiguan2!, 'GET', `/api/units/${unit.id}`)).statusCode).toBe(404);
    const auditor = await login(t.app, 'auditor');
    const log = (await call(t.app, auditor, 'GET', '/api/audit-events?action=unit.update')).json().items[0];
    expect(log).toMatchObject({ actorUsername: 'jiguan1', before: { leadingBody: 'none' }, after: { leadingBody: 'party_committee' } });
  });

  it('the unit picker still finds units by name for any business role', async () => {
    const res = (await call(t.app, s.dangyuan1!, 'GET', '/api/units?q=统计')).json().items;
    expect(res.length).toBeGreaterThan(0);
  });
});
