// No API response, export or log line contains a full ID number or phone number unless the actor
// unmasked it. Every GET route of the OpenAPI document is called by several roles (so a new route is
// covered without editing this test), Office files are unzipped and read, and the server's log is scanned.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../src/platform/schema.js';
import { officeText } from './office-files.js';
import { call, createTestApp, login, type Session, type TestApp } from './test-app.js';

let t: TestApp;
const logLines: string[] = [];
const secrets = new Set<string>();
const s: Record<string, Session> = {};

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({ logger: { level: 'trace', stream } });
  for (const row of await t.database.db.select({ id: members.idNumberCipher, phone: members.phoneCipher }).from(members)) {
    if (row.id) secrets.add(t.fieldCrypto.decrypt(row.id));
    if (row.phone) secrets.add(t.fieldCrypto.decrypt(row.phone));
  }
  for (const u of ['gongwei', 'jiguan1', 'zhibu1', 'zhibu2', 'dangyuan1', 'auditor']) s[u] = await login(t.app, u);
});
afterAll(() => t.close());

function leaks(text: string): string[] {
  return [...secrets].filter((secret) => text.includes(secret));
}

function readable(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }): string {
  const type = String(res.headers['content-type'] ?? '');
  return type.includes('officedocument') ? officeText(res.rawPayload) : res.body;
}

describe('personal data stays masked', () => {
  it('the demo data holds ID numbers and phones to look for', () => {
    expect(secrets.size).toBeGreaterThan(1000);
  });

  it('no GET route, for any role, returns a full ID number or phone — including exports', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const root = s.jiguan1!.me.grants[0]!.orgId!;
    const firstMember = (await call(t.app, s.jiguan1!, 'GET', '/api/members?pageSize=1')).json().items[0].id;
    const outbound = await call(t.app, s.jiguan1!, 'POST', '/api/member-transfers', { memberId: firstMember, kind: 'outbound', destination: '外省某机关党支部', reason: '调动', startedOn: '2026-11-20' });
    expect(outbound.statusCode, outbound.body).toBe(201);
    const ids: Record<string, number> = {
      orgs: root,
      members: (await call(t.app, s.jiguan1!, 'GET', '/api/members?pageSize=1&status=all&sort=-name')).json().items[0].id,
      'member-transfers': outbound.json().id,
      activities: (await call(t.app, s.jiguan1!, 'GET', '/api/activities?pageSize=1&status=completed')).json().items[0].id,
    };
    const queries: Record<string, string> = {
      '/api/member-transfers': '?direction=outgoing',
      '/api/member-transfers/targets': '?q=支部',
      '/api/members': '?pageSize=100',
      '/api/orgs': '?q=支部',
      '/api/activities': '?pageSize=100',
      '/api/activities/attendance-template': `?orgId=${root}`,
      '/api/activities/ledger.xlsx': '?from=2025-11-24&to=2026-11-23',
    };
    const urls: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      if (!ops.get) continue;
      const resource = path.split('/')[2]!;
      if (path.includes('{id}') && ids[resource] === undefined) continue;
      const base = path.replace('{id}', String(ids[resource]));
      const kinds = path.includes('{kind}') ? ['org-info', 'elections', 'appointment-talks'] : [null];
      for (const kind of kinds) urls.push((kind ? base.replace('{kind}', kind) : base) + (queries[path] ?? ''));
    }
    // Every page of the roster, as the 工委 administrator.
    const total = (await call(t.app, s.gongwei!, 'GET', '/api/members?pageSize=1')).json().total;
    for (let page = 2; page <= Math.ceil(total / 100); page++) urls.push(`/api/members?pageSize=100&page=${page}`);
    let ok = 0;
    for (const user of Object.keys(s)) {
      for (const url of urls) {
        const res = await call(t.app, s[user]!, 'GET', url);
        if (res.statusCode === 200) ok++;
        expect(leaks(readable(res)), `${user} GET ${url}`).toEqual([]);
      }
    }
    expect(ok).toBeGreaterThan(60);
    expect(leaks(logLines.join(''))).toEqual([]);
  });

  it('an exact search by full ID number works and leaves the number out of the log', async () => {
    const member = (await call(t.app, s.jiguan1!, 'GET', '/api/members?pageSize=1')).json().items[0].id;
    const full = (await call(t.app, s.jiguan1!, 'POST', `/api/members/${member}/unmask`, { field: 'idNumber' })).json().value;
    const found = await call(t.app, s.jiguan1!, 'GET', `/api/members?idNumber=${full}`);
    expect(found.json().items.map((i: { id: number }) => i.id)).toEqual([member]);
    expect(logLines.some((l) => l.includes('idNumber=[已脱敏]'))).toBe(true);
    expect(leaks(logLines.join(''))).toEqual([]);
  });

  it('…and the scan can fail: an unmasked number is found in the unmask response and nowhere else', async () => {
    const member = (await call(t.app, s.jiguan1!, 'GET', '/api/members?pageSize=1')).json().items[0].id;
    const res = await call(t.app, s.jiguan1!, 'POST', `/api/members/${member}/unmask`, { field: 'idNumber' });
    expect(leaks(res.body)).toHaveLength(1);
    expect(leaks(logLines.join(''))).toEqual([]);
  });
});
