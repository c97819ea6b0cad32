import { evaluateRecentMonths } from '../compliance/compliance.service.js';
import { createDigests } from '../compliance/digests.js';
import { idCheckChar, lookupCode, MEMBER_CODE_TABLES, type ParameterTree } from '@dangjian/regulations';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { hashPassword } from '../../platform/passwords.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { appMeta, committeePosts, elections, memberCareVisits, memberCorrectionRequests, memberEvents, members, memberTransfers, orgs, orgTerms, orgUnits, roleGrants, units, users } from '../../platform/schema.js';
import { createMemberRules } from '../members/member-rules.js';
import { createOrgRules } from '../elections/org-rules.js';
import { insertOrg } from '../org/org.repo.js';
import { createFindingsService } from '../warnings/findings.service.js';
import { generateDemoActivities, type DemoActivity } from './demo-activities.js';
import { generateDemoDataset, type DemoAccount } from './demo-dataset.js';
import { generateDemoOrgRecords } from './demo-org-records.js';
import { insertDemoRectification } from './demo-rectification.js';

/** The demo password: accepted only while the app runs in demo mode (see auth.service login). */
export const DEMO_PASSWORD = 'Demo#2026';
export const DEMO_SEED = 2026;
const SYSTEM: AuditActor = { userId: null, username: 'system', role: null, ip: null };

export interface DemoLoadResult {
  loaded: boolean;
  orgs: number;
  members: number;
  accounts: DemoAccount[];
  /** Organizations and monthly lights evaluated after loading (the last 14 months). */
  evaluated?: { orgs: number; lights: number };
}

/**
 * Loads the demo dataset once (first start of an empty database in demo mode). Idempotent:
 * the app_meta key 'demo_loaded_at' marks it done. Everything goes in one transaction.
 */
/**
 * A valid but fictitious 公民身份号码 for demo member `index` (GB 11643 checksum, birth date and gender of
 * the record; address codes of 长春市 districts). Never a real person's number.
 */
export function demoIdNumber(index: number, birthDate: string, gender: 'male' | 'female'): string {
  const areas = ['220102', '220103', '220104', '220105', '220106'];
  const sequence = 100 + ((index % 400) * 2 + (gender === 'male' ? 1 : 0));
  const body = `${areas[Math.floor(index / 400) % areas.length]}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

export function demoPhone(index: number): string {
  return `139${String(43_100_000 + ((index * 7919) % 10_000_000)).padStart(8, '0').slice(-8)}`;
}

function codeOf(table: keyof typeof MEMBER_CODE_TABLES, label: string): string {
  const entry = lookupCode(MEMBER_CODE_TABLES[table], label);
  if (!entry) throw new Error(`demo data: "${label}" is not in code table ${table}`);
  return entry.code;
}

export async function loadDemoData(db: Db, clock: Clock, regulations: ParameterTree, fieldCrypto: FieldCrypto, seed = DEMO_SEED): Promise<DemoLoadResult> {
  const now = clock();
  const today = shanghaiDate(now);
  const dataset = generateDemoDataset({ seed, asOf: today });
  const records = generateDemoOrgRecords(dataset, { seed, asOf: today });
  const rules = createOrgRules(regulations);
  const memberRules = createMemberRules(regulations);
  const findings = createFindingsService({ clock, rules });
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_loaded_at'));
  if (done) return { loaded: false, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts };

  // Two probationary members near and past the end of their probation, so the 转正 warnings show on first start.
  const probationers = dataset.members.filter((m) => m.category === 'probationary');
  if (probationers[0]) probationers[0].joinedOn = shanghaiDate(new Date(now.getTime() - 350 * 86_400_000));
  if (probationers[1]) probationers[1].joinedOn = shanghaiDate(new Date(now.getTime() - 380 * 86_400_000));
  const hashes = await Promise.all(dataset.accounts.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction(async (tx) => {
    const orgByKey = new Map<string, { id: number; path: string; depth: number }>();
    let sortOrder = 0;
    for (const org of dataset.orgs) {
      const parent = org.parentKey === null ? null : orgByKey.get(org.parentKey);
      if (parent === undefined) throw new Error(`demo org ${org.key}: parent ${org.parentKey} not loaded yet`);
      const row = await insertOrg(tx, parent, { type: org.type, name: org.name, shortName: org.shortName, code: org.code, sortOrder: sortOrder++ }, now);
      orgByKey.set(org.key, row);
    }
    const memberIdByKey = new Map<string, number>();
    for (let i = 0; i < dataset.members.length; i += 200) {
      const batch = dataset.members.slice(i, i + 200);
      const rows = await tx
        .insert(members)
        .values(
          batch.map((m, j) => {
            const idNumber = demoIdNumber(i + j, m.birthDate, m.gender);
            const phone = demoPhone(i + j);
            return {
              orgId: orgByKey.get(m.orgKey)!.id,
              name: m.name,
              gender: m.gender,
              ethnicity: codeOf('ethnicity', m.ethnicity),
              education: codeOf('education', m.education),
              birthDate: m.birthDate,
              joinedOn: m.joinedOn,
              fullMemberOn: m.fullMemberOn,
              category: m.category,
              status: m.status,
              position: m.position,
              jobPosition: codeOf('jobPosition', m.orgKey.endsWith('retirees') ? '退休人员' : '公务员'),
              idNumberCipher: fieldCrypto.encrypt(idNumber),
              idNumberHash: fieldCrypto.blindIndex(idNumber),
              phoneCipher: fieldCrypto.encrypt(phone),
              phoneHash: fieldCrypto.blindIndex(phone),
              probationEndsOn: m.category === 'probationary' ? memberRules.probation({ joinedOn: m.joinedOn, extensionMonths: 0, today }).dueOn : null,
              createdAt: now,
              updatedAt: now,
            };
          }),
        )
        .returning({ id: members.id });
      rows.forEach((r, j) => memberIdByKey.set(batch[j]!.key, r.id));
    }
    for (const [i, account] of dataset.accounts.entries()) {
      const [user] = await tx
        .insert(users)
        .values({
          username: account.username,
          displayName: account.displayName,
          passwordHash: hashes[i]!,
          mustChangePassword: false,
          failedLoginCount: 0,
          status: 'active',
          isDemo: true,
          memberId: account.memberKey ? (memberIdByKey.get(account.memberKey) ?? null) : null,
          createdAt: now,
        })
        .returning({ id: users.id });
      await tx.insert(roleGrants).values({ userId: user!.id, role: account.role, orgId: account.orgKey ? orgByKey.get(account.orgKey)!.id : null, grantedAt: now });
    }
    // The organization system: units, founding data, elections with their committees, a vacancy.
    for (const unit of records.units) {
      const managingOrgId = unit.orgKeys.length > 0 ? orgByKey.get(unit.orgKeys[0]!)!.id : null;
      const [row] = await tx.insert(units).values({ name: unit.name, shortName: unit.shortName, adminLevel: 'provincial', leadingBody: 'leading_party_group', hasDisciplineCommission: unit.hasDisciplineCommission, managingOrgId, createdAt: now }).returning({ id: units.id });
      if (unit.orgKeys.length > 0) await tx.insert(orgUnits).values(unit.orgKeys.map((k) => ({ orgId: orgByKey.get(k)!.id, unitId: row!.id })));
    }
    for (const [key, f] of Object.entries(records.founding)) {
      await tx.update(orgs).set({ foundedOn: f.foundedOn, approvalDoc: f.approvalDoc, statisticsCategory: f.statisticsCategory }).where(eq(orgs.id, orgByKey.get(key)!.id));
    }
    const orgType = new Map(dataset.orgs.map((o) => [o.key, o.type]));
    for (const e of records.elections) {
      const orgId = orgByKey.get(e.orgKey)!.id;
      const term = rules.termDue({ orgType: orgType.get(e.orgKey)!, electedOn: e.electedOn, adminLevel: 'provincial', postponedUntil: null, today });
      const [row] = await tx
        .insert(elections)
        .values({ orgId, termNumber: e.termNumber, electedOn: e.electedOn, method: 'members_meeting', expectedVoters: e.expectedVoters, actualVoters: e.actualVoters, approvedOn: e.approvedOn, approvalDoc: e.approvalDoc, approvingOrgId: null, termYears: term.termYears, dueOn: term.dueOn, basis: term.basis, createdAt: now })
        .returning({ id: elections.id });
      await tx.update(committeePosts).set({ endedOn: e.electedOn, endReason: `第 ${e.termNumber} 届换届` }).where(and(eq(committeePosts.orgId, orgId), isNull(committeePosts.endedOn)));
      await tx.insert(committeePosts).values(
        e.committee.map((c) => ({
          orgId,
          post: c.post,
          memberId: memberIdByKey.get(c.memberKey)!,
          startedOn: e.electedOn,
          source: 'elected',
          electionId: row!.id,
          ...(c.post === 'secretary' && e.secretaryTalk ? { talkOn: e.secretaryTalk.talkOn, talkBy: e.secretaryTalk.talkBy, talkNote: '明确任期目标和履职要求' } : {}),
          createdAt: now,
        })),
      );
      await tx.insert(orgTerms).values({ orgId, electionId: row!.id, dueOn: term.dueOn }).onConflictDoUpdate({ target: orgTerms.orgId, set: { electionId: row!.id, dueOn: term.dueOn } });
    }
    for (const v of records.vacancies) {
      const orgId = orgByKey.get(v.orgKey)!.id;
      await tx.update(committeePosts).set({ endedOn: v.endedOn, endReason: v.endReason }).where(and(eq(committeePosts.orgId, orgId), eq(committeePosts.post, v.post), isNull(committeePosts.endedOn)));
    }
    for (const a of records.appointments) {
      await tx.insert(committeePosts).values({ orgId: orgByKey.get(a.orgKey)!.id, post: a.post, memberId: memberIdByKey.get(a.memberKey)!, startedOn: a.startedOn, source: 'appointed', appointmentDoc: a.appointmentDoc, createdAt: now });
    }
    await findings.refresh(tx, [...orgByKey.values()].map((o) => o.id));

    // The roster's history and care: each member's 入党 and 转正 on the timeline, a few members in
    // difficulty with visits, a transfer waiting past its response limit, a member's correction request.
    const memberById = new Map(dataset.members.map((m) => [memberIdByKey.get(m.key)!, m]));
    const events = [...memberById].flatMap(([memberId, m]) => {
      const orgId = orgByKey.get(m.orgKey)!.id;
      const joined = { memberId, kind: 'recorded', occurredOn: m.joinedOn, orgId, detail: { summary: '支部大会通过，接收为预备党员' }, createdAt: now };
      return m.fullMemberOn ? [joined, { memberId, kind: 'converted', occurredOn: m.fullMemberOn, orgId, detail: { summary: `转为正式党员，党龄自 ${m.fullMemberOn} 起算` }, createdAt: now }] : [joined];
    });
    for (let i = 0; i < events.length; i += 500) await tx.insert(memberEvents).values(events.slice(i, i + 500));
    const retirees = ['tax.retirees', 'stats.retirees', 'quake.retirees', 'academy.retirees'].flatMap((k) => dataset.members.filter((m) => m.orgKey === k).slice(-1));
    for (const [n, m] of retirees.entries()) {
      const memberId = memberIdByKey.get(m.key)!;
      const note = ['本人患重病，长期住院治疗', '配偶失能，家庭照护负担重', '独居高龄，行动不便', '子女重病，家庭经济困难'][n]!;
      await tx.update(members).set({ inHardship: true, hardshipNote: note }).where(eq(members.id, memberId));
      if (n < 3) {
        const visitedOn = shanghaiDate(new Date(now.getTime() - (40 + n * 70) * 86_400_000));
        await tx.insert(memberCareVisits).values({ memberId, visitedOn, visitor: '机关党委书记', content: '上门看望，了解身体和生活情况，转达组织关心', assistance: n === 0 ? '送慰问金 2000 元' : null, createdAt: now });
      }
    }
    const accountMembers = new Set(dataset.accounts.map((a) => a.memberKey));
    const quakeBranch = orgByKey.get('quake.station');
    const mover = dataset.members.filter((m) => m.orgKey === 'stats.general' && !accountMembers.has(m.key) && m.category === 'full').at(-1);
    if (mover && quakeBranch) {
      const startedOn = shanghaiDate(new Date(now.getTime() - 40 * 86_400_000));
      const due = memberRules.transferResponse({ startedOn, today: startedOn }).dueOn;
      const moverId = memberIdByKey.get(mover.key)!;
      const fromId = orgByKey.get('stats.general')!.id;
      await tx.insert(memberTransfers).values({ memberId: moverId, kind: 'internal', fromOrgId: fromId, toOrgId: quakeBranch.id, status: 'pending', reason: '工作调动至省地震局', startedOn, responseDueOn: due, duesPaidUntil: startedOn.slice(0, 7), createdAt: now });
      await tx.insert(memberEvents).values({ memberId: moverId, kind: 'transfer_started', occurredOn: startedOn, orgId: fromId, detail: { summary: `组织关系转往「${dataset.orgs.find((o) => o.key === 'quake.station')!.name}」，待接收（${due} 前）` }, reason: '工作调动至省地震局', createdAt: now });
    }
    const self = dataset.accounts.find((a) => a.username === 'dangyuan1');
    if (self?.memberKey) {
      await tx.insert(memberCorrectionRequests).values({ memberId: memberIdByKey.get(self.memberKey)!, field: '学位', proposedValue: '硕士', note: '2019 年在职取得硕士学位，名册中未登记', status: 'open', createdAt: now });
    }

    // Organizational life: 13–24 months of 三会一课 of every branch, with attendance (see demo-activities.ts).
    const life = generateDemoActivities(dataset, records, { seed, asOf: today });
    await insertActivities(tx, life.activities, orgByKey, memberIdByKey, now);

    // 问题整改: the 工委's inspection round and an organ's special inspection, in mixed states (see demo-rectification.ts).
    const rectification = await insertDemoRectification(tx, orgByKey, today, now);

    await tx.insert(appMeta).values({ key: 'demo_loaded_at', value: now.toISOString() });
    await appendAudit(tx, SYSTEM, { action: 'system.demo_data_loaded', after: { seed, orgs: dataset.orgs.length, members: dataset.members.length, activities: life.activities.length, problems: rectification.problems, accounts: dataset.accounts.map((a) => a.username) } }, now);
  });
  // Lights, green rates and warnings of the last 14 months, and this month's 月提示, so the demo shows them at once
  // (a production server does this in its daily schedule, compliance-schedule.ts).
  const evaluated = await evaluateRecentMonths(db, { clock, regulations, months: 14 });
  await createDigests({ clock, regulations }).generateDigests(db, today.slice(0, 7));
  return { loaded: true, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts, evaluated: { orgs: evaluated.orgs, lights: evaluated.lights } };
}

/**
 * Inserts the demo activities with their types and attendance. Ids are drawn first, and the rows go in as one
 * JSON document per statement (json_to_recordset): some twenty thousand rows in well under a second.
 */
async function insertActivities(tx: Db, list: readonly DemoActivity[], orgByKey: ReadonlyMap<string, { id: number }>, memberIdByKey: ReadonlyMap<string, number>, now: Date): Promise<void> {
  if (list.length === 0) return;
  const memberId = (key: string) => {
    const id = memberIdByKey.get(key);
    if (id === undefined) throw new Error(`demo activity: member ${key} not loaded`);
    return id;
  };
  // Recorded the evening of the meeting; plans a few days ago.
  const recordedAt = (a: DemoActivity) => {
    const at = a.status === 'completed' ? new Date(`${a.heldOn}T10:00:00Z`) : new Date(now.getTime() - 3 * 86_400_000);
    return (at > now ? now : at).toISOString();
  };
  const ids = (await queryRows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('activities', 'id'))::integer AS id FROM generate_series(1, ${list.length}::integer)`)).map((r) => Number(r.id));
  for (let i = 0; i < list.length; i += 500) {
    const batch = list.slice(i, i + 500).map((a, j) => ({ id: ids[i + j]!, a }));
    const rows = batch.map(({ id, a }) => ({
      id,
      org_id: orgByKey.get(a.orgKey)!.id,
      status: a.status,
      topic: a.topic,
      held_on: a.heldOn,
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      place: a.place,
      host: a.host,
      recorder: a.recorder,
      lecturer: a.lecturer,
      lecturer_member_id: a.lecturerMemberKey ? memberId(a.lecturerMemberKey) : null,
      content: a.content,
      decisions: a.decisions,
      recorded_at: recordedAt(a),
      completed: a.status === 'completed',
    }));
    await tx.execute(sql`INSERT INTO activities (id, org_id, status, topic, held_on, starts_at, ends_at, place, host, recorder, lecturer, lecturer_member_id, content, decisions, created_at, updated_at, completed_at)
      SELECT x.id, x.org_id, x.status, x.topic, x.held_on, x.starts_at, x.ends_at, x.place, x.host, x.recorder, x.lecturer, x.lecturer_member_id, x.content, x.decisions,
             x.recorded_at, x.recorded_at, CASE WHEN x.completed THEN x.recorded_at END
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id integer, org_id integer, status text, topic text, held_on date, starts_at text, ends_at text, place text, host text,
           recorder text, lecturer text, lecturer_member_id integer, content text, decisions text, recorded_at timestamptz, completed boolean)`);
    const types = batch.flatMap(({ id, a }) => a.types.map((type) => ({ activity_id: id, type })));
    await tx.execute(sql`INSERT INTO activity_types (activity_id, type) SELECT x.activity_id, x.type FROM json_to_recordset(${JSON.stringify(types)}::json) AS x(activity_id integer, type text)`);
    const attendance = batch.flatMap(({ id, a }) => a.attendance.map((r) => ({ activity_id: id, member_id: memberId(r.memberKey), status: r.status, reason: r.reason })));
    if (attendance.length > 0) {
      await tx.execute(sql`INSERT INTO activity_attendance (activity_id, member_id, status, reason)
        SELECT x.activity_id, x.member_id, x.status, x.reason FROM json_to_recordset(${JSON.stringify(attendance)}::json) AS x(activity_id integer, member_id integer, status text, reason text)`);
    }
  }
}
