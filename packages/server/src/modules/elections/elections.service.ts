import { and, desc, eq, inArray, isNull, max } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { committeePosts, elections, orgTerms, orgUnits, termAdjustments, units } from '../../platform/schema.js';
import { COMMITTEE_POST_LABELS, ELECTED_ORG_TYPES, SINGLE_HOLDER_POSTS, type CommitteePost } from '../committees/committee-posts.js';
import type { CommitteesService } from '../committees/committees.service.js';
import type { OrgService } from '../org/org.service.js';
import type { FindingsService } from '../warnings/findings.service.js';
import type { OrgRules, RuleBasis } from './org-rules.js';

type AdminLevel = Parameters<OrgRules['termDue']>[0]['adminLevel'];

export const ELECTION_METHODS = { members_meeting: '党员大会', delegate_meeting: '党员代表大会' } as const;
export type ElectionMethod = keyof typeof ELECTION_METHODS;

export interface RecordElectionInput {
  electedOn: string;
  method: ElectionMethod;
  expectedVoters?: number | null;
  actualVoters?: number | null;
  approvedOn?: string | null;
  approvalDoc?: string | null;
  note?: string | null;
  committee: { post: CommitteePost; memberId: number }[];
}

export interface ElectionsDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
  committees: CommitteesService;
  rules: OrgRules;
  findings: FindingsService;
}

export function createElectionsService({ db, clock, orgService, committees, rules, findings }: ElectionsDeps) {
  async function electedOrg(actor: Actor, orgId: number) {
    const org = await orgService.visibleOrg(actor, orgId);
    if (!(ELECTED_ORG_TYPES as readonly string[]).includes(org.type)) {
      throw new AppError('E_ELECTION_NOT_APPLICABLE', undefined, [{ field: 'orgId', message: '工委、党小组不进行换届选举' }]);
    }
    return org;
  }

  /** The administrative level of the org's unit (terms before 2018 depended on it); provincial by default. */
  /** The administrative level of each org's unit (provincial when it has none), in one query. */
  async function adminLevelsOf(orgIds: readonly number[]): Promise<Map<number, AdminLevel>> {
    const levels = new Map<number, AdminLevel>(orgIds.map((id) => [id, 'provincial']));
    if (orgIds.length === 0) return levels;
    const rows = await db.select({ orgId: orgUnits.orgId, level: units.adminLevel }).from(orgUnits).innerJoin(units, eq(units.id, orgUnits.unitId)).where(inArray(orgUnits.orgId, [...orgIds])).orderBy(orgUnits.orgId, orgUnits.unitId);
    // An org of several units takes the level of its first unit.
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.orgId)) continue;
      seen.add(r.orgId);
      levels.set(r.orgId, r.level as AdminLevel);
    }
    return levels;
  }

  async function adminLevelOf(orgId: number): Promise<AdminLevel> {
    return (await adminLevelsOf([orgId])).get(orgId) ?? 'provincial';
  }

  async function currentTerm(orgId: number) {
    const [row] = await db
      .select({ election: elections, dueOn: orgTerms.dueOn })
      .from(orgTerms)
      .innerJoin(elections, eq(elections.id, orgTerms.electionId))
      .where(eq(orgTerms.orgId, orgId));
    return row ?? null;
  }

  return {
    async list(actor: Actor, orgId: number) {
      const org = await orgService.visibleOrg(actor, orgId);
      const today = shanghaiDate(clock());
      const rows = await db.select().from(elections).where(eq(elections.orgId, orgId)).orderBy(desc(elections.termNumber)).limit(100);
      const adjustments = await db.select().from(termAdjustments).where(eq(termAdjustments.orgId, orgId)).orderBy(desc(termAdjustments.id)).limit(100);
      const term = await currentTerm(orgId);
      const status =
        term && (ELECTED_ORG_TYPES as readonly string[]).includes(org.type)
          ? rules.termDue({ orgType: org.type, electedOn: term.election.electedOn, adminLevel: await adminLevelOf(orgId), postponedUntil: term.dueOn !== term.election.dueOn ? term.dueOn : null, today })
          : null;
      return {
        current: term && status ? { electionId: term.election.id, termNumber: term.election.termNumber, electedOn: term.election.electedOn, dueOn: term.dueOn, daysLeft: status.daysLeft, stage: status.stage, severity: status.severity, message: status.message, basis: status.basis } : null,
        elections: rows.map((e) => ({ ...e, basis: e.basis as RuleBasis[], methodLabel: ELECTION_METHODS[e.method as ElectionMethod] ?? e.method, createdAt: e.createdAt.toISOString() })),
        adjustments: adjustments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      };
    },

    /**
     * Records an election (换届) in one step: the new term with its due date from the rule in force on
     * the election day, the end of every current committee post, and the newly elected committee.
     */
    async record(actor: Actor, auditAs: AuditActor, orgId: number, input: RecordElectionInput) {
      const org = await electedOrg(actor, orgId);
      const today = shanghaiDate(clock());
      const field = (name: string, message: string) => new AppError('E_VALIDATION', message, [{ field: name, message }]);
      if (input.electedOn > today) throw field('electedOn', '选举日期不能晚于今天');
      if (input.approvedOn && input.approvedOn < input.electedOn) throw field('approvedOn', '批复日期不能早于选举日期');
      if (input.expectedVoters != null && input.actualVoters != null) {
        if (input.actualVoters > input.expectedVoters) throw field('actualVoters', '实到人数不能多于应到人数');
        const quorum = rules.quorum({ expectedVoters: input.expectedVoters, actualVoters: input.actualVoters }, input.electedOn);
        if (quorum.length > 0) throw new AppError('E_ELECTION_QUORUM', `${quorum[0]!.message}（${quorum[0]!.citation}）`, [{ field: 'actualVoters', message: quorum[0]!.message }]);
      }
      const secretaries = input.committee.filter((c) => c.post === 'secretary');
      if (secretaries.length !== 1) throw field('committee', '新一届班子须有且只有一名书记');
      for (const post of SINGLE_HOLDER_POSTS) {
        if (input.committee.filter((c) => c.post === post).length > 1) throw field('committee', `${COMMITTEE_POST_LABELS[post]}只能有一人`);
      }
      const ids = input.committee.map((c) => c.memberId);
      if (new Set(ids).size !== ids.length) throw field('committee', '同一党员不能在新一届班子中担任两个职务');
      const chosen = await Promise.all(input.committee.map(async (c, i) => ({ ...c, member: await committees.eligibleMember(org, c.memberId, `committee.${i}.memberId`) })));
      const warnings = committees.checkSecretary(chosen.find((c) => c.post === 'secretary')!.member, input.electedOn, 'committee');

      const previous = await currentTerm(orgId);
      if (previous && input.electedOn <= previous.election.electedOn) throw field('electedOn', `选举日期须晚于上一届（第 ${previous.election.termNumber} 届，${previous.election.electedOn}）`);
      const [{ lastTerm } = { lastTerm: null }] = await db.select({ lastTerm: max(elections.termNumber) }).from(elections).where(eq(elections.orgId, orgId));
      const termNumber = (lastTerm ?? 0) + 1;
      const term = rules.termDue({ orgType: org.type, electedOn: input.electedOn, adminLevel: await adminLevelOf(orgId), postponedUntil: null, today });
      if (!term.applicable) throw new AppError('E_ELECTION_NOT_APPLICABLE', term.reason ?? '该组织不适用任期规定', [{ field: 'orgId', message: term.reason ?? '不适用' }]);

      const now = clock();
      const electionId = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(elections)
          .values({
            orgId,
            termNumber,
            electedOn: input.electedOn,
            method: input.method,
            expectedVoters: input.expectedVoters ?? null,
            actualVoters: input.actualVoters ?? null,
            approvedOn: input.approvedOn ?? null,
            approvalDoc: input.approvalDoc ?? null,
            approvingOrgId: input.approvedOn ? org.parentId : null,
            termYears: term.termYears,
            dueOn: term.dueOn,
            basis: term.basis,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: now,
          })
          .returning({ id: elections.id });
        const id = row!.id;
        await tx.update(committeePosts).set({ endedOn: input.electedOn, endReason: `第 ${termNumber} 届换届` }).where(and(eq(committeePosts.orgId, orgId), isNull(committeePosts.endedOn)));
        await tx.insert(committeePosts).values(chosen.map((c) => ({ orgId, post: c.post, memberId: c.memberId, startedOn: input.electedOn, source: 'elected', electionId: id, createdAt: now })));
        await tx.insert(orgTerms).values({ orgId, electionId: id, dueOn: term.dueOn }).onConflictDoUpdate({ target: orgTerms.orgId, set: { electionId: id, dueOn: term.dueOn } });
        await appendAudit(tx, auditAs, { action: 'election.record', targetType: 'election', targetId: id, orgId, before: previous ? { termNumber: previous.election.termNumber, dueOn: previous.dueOn } : null, after: { termNumber, electedOn: input.electedOn, termYears: term.termYears, dueOn: term.dueOn, committee: input.committee } }, now);
        await findings.refresh(tx, [orgId]);
        return id;
      });
      return { electionId, termNumber, termYears: term.termYears, dueOn: term.dueOn, warnings: warnings.map((w) => ({ message: `${w.message}（依据：${w.citation}）`, severity: w.severity, basis: w.basis })) };
    },

    /** An approved postponement or early election (延期/提前换届), checked against the cited limit. */
    async adjust(actor: Actor, auditAs: AuditActor, orgId: number, input: { newDueOn: string; approvedOn: string; approvalDoc: string; reason: string }) {
      await electedOrg(actor, orgId);
      const term = await currentTerm(orgId);
      if (!term) throw new AppError('E_VALIDATION', '该组织尚无换届记录，请先录入最近一次选举', [{ field: 'orgId', message: '尚无换届记录' }]);
      if (input.newDueOn === term.dueOn) throw new AppError('E_VALIDATION', '新的届满日期与现有日期相同', [{ field: 'newDueOn', message: '与现有日期相同' }]);
      const problems = rules.adjustment({ dueOn: term.election.dueOn, newDueOn: input.newDueOn, approved: true }, input.approvedOn);
      const blocking = problems.filter((p) => p.severity === 'violation');
      if (blocking.length > 0) throw new AppError('E_ELECTION_ADJUSTMENT_LIMIT', `${blocking.map((p) => `${p.message}（依据：${p.citation}）`).join('；')}`, [{ field: 'newDueOn', message: blocking[0]!.message }]);
      const kind = input.newDueOn > term.dueOn ? 'postpone' : 'advance';
      const now = clock();
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(termAdjustments)
          .values({ orgId, electionId: term.election.id, kind, previousDueOn: term.dueOn, newDueOn: input.newDueOn, approvedOn: input.approvedOn, approvalDoc: input.approvalDoc, reason: input.reason, createdBy: actor.userId, createdAt: now })
          .returning({ id: termAdjustments.id });
        await tx.update(orgTerms).set({ dueOn: input.newDueOn }).where(eq(orgTerms.orgId, orgId));
        await appendAudit(tx, auditAs, { action: 'election.adjust', targetType: 'term_adjustment', targetId: row!.id, orgId, before: { dueOn: term.dueOn }, after: { kind, ...input } }, now);
      });
      return { kind, dueOn: input.newDueOn, warnings: problems.filter((p) => p.severity !== 'violation').map((p) => ({ message: `${p.message}（依据：${p.citation}）`, severity: p.severity, basis: p.basis })) };
    },

    adminLevelOf,
    adminLevelsOf,
  };
}

export type ElectionsService = ReturnType<typeof createElectionsService>;

