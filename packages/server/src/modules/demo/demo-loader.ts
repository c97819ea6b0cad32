import type { ParameterTree } from '@dangjian/regulations';
import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { hashPassword } from '../../platform/passwords.js';
import { appMeta, committeePosts, elections, members, orgs, orgTerms, orgUnits, roleGrants, units, users } from '../../platform/schema.js';
import { createOrgRules } from '../elections/org-rules.js';
import { insertOrg } from '../org/org.repo.js';
import { createFindingsService } from '../warnings/findings.service.js';
import { generateDemoDataset, type DemoAccount } from './demo-dataset.js';
import { generateDemoOrgRecords } from './demo-org-records.js';

/** The demo password: accepted only while the app runs in demo mode (see auth.service login). */
export const DEMO_PASSWORD = 'Demo#2026';
export const DEMO_SEED = 2026;
const SYSTEM: AuditActor = { userId: null, username: 'system', role: null, ip: null };

export interface DemoLoadResult {
  loaded: boolean;
  orgs: number;
  members: number;
  accounts: DemoAccount[];
}

/**
 * Loads the demo dataset once (first start of an empty database in demo mode). Idempotent:
 * the app_meta key 'demo_loaded_at' marks it done. Everything goes in one transaction.
 */
export async function loadDemoData(db: Db, clock: Clock, regulations: ParameterTree, seed = DEMO_SEED): Promise<DemoLoadResult> {
  const now = clock();
  const today = shanghaiDate(now);
  const dataset = generateDemoDataset({ seed, asOf: today });
  const records = generateDemoOrgRecords(dataset, { seed, asOf: today });
  const rules = createOrgRules(regulations);
  const findings = createFindingsService({ clock, rules });
  const [done] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo_loaded_at'));
  if (done) return { loaded: false, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts };

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
          batch.map((m) => ({
            orgId: orgByKey.get(m.orgKey)!.id,
            name: m.name,
            gender: m.gender,
            ethnicity: m.ethnicity,
            education: m.education,
            birthDate: m.birthDate,
            joinedOn: m.joinedOn,
            fullMemberOn: m.fullMemberOn,
            category: m.category,
            status: m.status,
            position: m.position,
            createdAt: now,
            updatedAt: now,
          })),
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
      const [row] = await tx.insert(units).values({ name: unit.name, shortName: unit.shortName, adminLevel: 'provincial', leadingBody: 'leading_party_group', hasDisciplineCommission: unit.hasDisciplineCommission, createdAt: now }).returning({ id: units.id });
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

    await tx.insert(appMeta).values({ key: 'demo_loaded_at', value: now.toISOString() });
    await appendAudit(tx, SYSTEM, { action: 'system.demo_data_loaded', after: { seed, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts.map((a) => a.username) } }, now);
  });
  return { loaded: true, orgs: dataset.orgs.length, members: dataset.members.length, accounts: dataset.accounts };
}
