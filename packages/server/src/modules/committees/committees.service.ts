import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { committeePosts, members, orgs } from '../../platform/schema.js';
import { pathContains } from '../../platform/scope.js';
import type { OrgRules, RuleProblem } from '../elections/org-rules.js';
import type { OrgService } from '../org/org.service.js';
import type { FindingsService } from '../warnings/findings.service.js';
import { ELECTED_ORG_TYPES, postLabel, SINGLE_HOLDER_POSTS, type CommitteePost } from './committee-posts.js';

export interface CommitteesDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
  rules: OrgRules;
  findings: FindingsService;
}

const postColumns = {
  id: committeePosts.id,
  orgId: committeePosts.orgId,
  post: committeePosts.post,
  memberId: committeePosts.memberId,
  memberName: members.name,
  startedOn: committeePosts.startedOn,
  endedOn: committeePosts.endedOn,
  source: committeePosts.source,
  electionId: committeePosts.electionId,
  appointmentDoc: committeePosts.appointmentDoc,
  endReason: committeePosts.endReason,
  talkOn: committeePosts.talkOn,
  talkBy: committeePosts.talkBy,
  talkNote: committeePosts.talkNote,
};

type PostRow = { post: string } & Record<string, unknown>;
const withLabel = <T extends PostRow>(row: T) => ({ ...row, postLabel: postLabel(row.post) });

export function createCommitteesService({ db, clock, orgService, rules, findings }: CommitteesDeps) {
  /** A member who may hold a post of `org`: a member of that organization or of an org below it. */
  async function eligibleMember(org: { id: number; path: string }, memberId: number, field: string) {
    const [row] = await db
      .select({ id: members.id, name: members.name, category: members.category, fullMemberOn: members.fullMemberOn, status: members.status, orgPath: orgs.path })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(eq(members.id, memberId));
    if (!row || !pathContains(org.path, row.orgPath)) {
      throw new AppError('E_COMMITTEE_MEMBER_NOT_IN_ORG', undefined, [{ field, message: '须为本组织（或其下级组织）的党员' }]);
    }
    if (row.status !== 'normal' && row.status !== 'mobile') {
      throw new AppError('E_COMMITTEE_MEMBER_NOT_IN_ORG', `${row.name}的党籍状态不允许担任职务`, [{ field, message: '党籍状态不正常' }]);
    }
    return row;
  }

  /** Checks the secretary's qualification (rule committee.secretary_qualification): a violation refuses, a warning is returned. */
  function checkSecretary(member: { name: string; category: string; fullMemberOn: string | null }, on: string, field: string): RuleProblem[] {
    const problems = rules.secretaryQualification({ category: member.category === 'probationary' ? 'probationary' : 'full', fullMemberOn: member.fullMemberOn }, on);
    const blocking = problems.filter((p) => p.severity === 'violation');
    if (blocking.length > 0) {
      throw new AppError('E_COMMITTEE_SECRETARY_NOT_QUALIFIED', `${member.name}不能担任书记：${blocking.map((p) => `${p.message}（依据：${p.citation}）`).join('；')}`, [{ field, message: blocking[0]!.message }]);
    }
    return problems;
  }

  async function visibleElectedOrg(actor: Actor, orgId: number) {
    const org = await orgService.visibleOrg(actor, orgId);
    if (!(ELECTED_ORG_TYPES as readonly string[]).includes(org.type)) {
      throw new AppError('E_COMMITTEE_NOT_APPLICABLE', undefined, [{ field: 'orgId', message: '该类型的组织不设委员会' }]);
    }
    return org;
  }

  return {
    checkSecretary,
    eligibleMember,

    async list(actor: Actor, orgId: number) {
      await orgService.visibleOrg(actor, orgId);
      const rows = await db
        .select(postColumns)
        .from(committeePosts)
        .innerJoin(members, eq(members.id, committeePosts.memberId))
        .where(eq(committeePosts.orgId, orgId))
        .orderBy(sql`${committeePosts.endedOn} DESC NULLS FIRST`, desc(committeePosts.startedOn), asc(committeePosts.id))
        .limit(500);
      const current = rows.filter((r) => r.endedOn === null).map(withLabel);
      const past = rows.filter((r) => r.endedOn !== null).map(withLabel);
      return { current, past };
    },

    async appoint(
      actor: Actor,
      auditAs: AuditActor,
      orgId: number,
      input: { post: CommitteePost; memberId: number; startedOn: string; appointmentDoc?: string | null; talkOn?: string | null; talkBy?: string | null; talkNote?: string | null },
    ) {
      const org = await visibleElectedOrg(actor, orgId);
      const today = shanghaiDate(clock());
      if (input.startedOn > today) throw new AppError('E_VALIDATION', '任职日期不能晚于今天', [{ field: 'startedOn', message: '任职日期不能晚于今天' }]);
      const member = await eligibleMember(org, input.memberId, 'memberId');
      const warnings = input.post === 'secretary' ? checkSecretary(member, input.startedOn, 'memberId') : [];
      if (SINGLE_HOLDER_POSTS.includes(input.post)) {
        const [holder] = await db
          .select({ id: committeePosts.id, name: members.name })
          .from(committeePosts)
          .innerJoin(members, eq(members.id, committeePosts.memberId))
          .where(and(eq(committeePosts.orgId, orgId), eq(committeePosts.post, input.post), isNull(committeePosts.endedOn)));
        if (holder) throw new AppError('E_COMMITTEE_POST_TAKEN', `${postLabel(input.post)}现由${holder.name}担任，请先办理免职`, [{ field: 'post', message: '该职务已有人担任' }]);
      }
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(committeePosts)
          .values({ orgId, post: input.post, memberId: member.id, startedOn: input.startedOn, source: 'appointed', appointmentDoc: input.appointmentDoc ?? null, talkOn: input.talkOn ?? null, talkBy: input.talkBy ?? null, talkNote: input.talkNote ?? null, createdAt: now })
          .returning({ id: committeePosts.id });
        await appendAudit(tx, auditAs, { action: 'committee.appoint', targetType: 'committee_post', targetId: row!.id, orgId, after: { post: input.post, memberId: member.id, startedOn: input.startedOn, appointmentDoc: input.appointmentDoc ?? null } }, now);
        await findings.refresh(tx, [orgId]);
        return row!.id;
      });
      return { id, warnings: warnings.map((w) => ({ message: `${w.message}（依据：${w.citation}）`, severity: w.severity, basis: w.basis })) };
    },

    async end(actor: Actor, auditAs: AuditActor, postId: number, input: { endedOn: string; endReason: string }) {
      const [post] = await db.select().from(committeePosts).where(eq(committeePosts.id, postId));
      if (!post) throw new AppError('E_NOT_FOUND', '任职记录不存在');
      await orgService.visibleOrg(actor, post.orgId).catch(() => {
        throw new AppError('E_NOT_FOUND', '任职记录不存在');
      });
      if (post.endedOn !== null) throw new AppError('E_VALIDATION', '该任职已经结束', [{ field: 'endedOn', message: '该任职已经结束' }]);
      if (input.endedOn < post.startedOn) throw new AppError('E_VALIDATION', '免职日期不能早于任职日期', [{ field: 'endedOn', message: '免职日期不能早于任职日期' }]);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(committeePosts).set({ endedOn: input.endedOn, endReason: input.endReason }).where(eq(committeePosts.id, postId));
        await appendAudit(tx, auditAs, { action: 'committee.end', targetType: 'committee_post', targetId: postId, orgId: post.orgId, before: { endedOn: null }, after: { endedOn: input.endedOn, endReason: input.endReason } }, now);
        await findings.refresh(tx, [post.orgId]);
      });
    },

    async recordTalk(actor: Actor, auditAs: AuditActor, postId: number, input: { talkOn: string; talkBy: string; talkNote?: string | null }) {
      const [post] = await db.select().from(committeePosts).where(eq(committeePosts.id, postId));
      if (!post) throw new AppError('E_NOT_FOUND', '任职记录不存在');
      await orgService.visibleOrg(actor, post.orgId).catch(() => {
        throw new AppError('E_NOT_FOUND', '任职记录不存在');
      });
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(committeePosts).set({ talkOn: input.talkOn, talkBy: input.talkBy, talkNote: input.talkNote ?? null }).where(eq(committeePosts.id, postId));
        await appendAudit(tx, auditAs, { action: 'committee.talk', targetType: 'committee_post', targetId: postId, orgId: post.orgId, before: { talkOn: post.talkOn, talkBy: post.talkBy }, after: input }, now);
      });
    },
  };
}

export type CommitteesService = ReturnType<typeof createCommitteesService>;
