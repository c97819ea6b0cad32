import { and, count, countDistinct, eq, gte, inArray, isNull, lt, max, sql } from 'drizzle-orm';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { committeePosts, elections, members, orgFindings, orgs, orgTerms } from '../../platform/schema.js';
import { subtreeRange } from '../../platform/scope.js';
import { ELECTED_ORG_TYPES, REQUIRED_COMMITTEE_POSTS, postLabel } from '../committees/committee-posts.js';
import type { OrgRules } from '../elections/org-rules.js';

/**
 * Stored findings of one org: the setup rule (org.setup) and vacant committee posts (committee.vacancy).
 * They depend only on the org's members and committee, so they are recomputed when those change
 * (in the same transaction), not on every read. Election due dates are not stored here: they move
 * with the calendar and are read live from org_terms (see warnings.service.ts).
 */
export function createFindingsService({ clock, rules }: { clock: Clock; rules: OrgRules }) {
  async function factsOf(db: Db, org: { id: number; path: string; type: string }) {
    const { lo, hi } = subtreeRange(org.path);
    const [counts] = await db
      .select({ memberCount: count(), fullMemberCount: sql<number>`count(*) FILTER (WHERE ${members.category} = 'full')::integer` })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(gte(orgs.path, lo), lt(orgs.path, hi), inArray(members.status, ['normal', 'mobile', 'lost_contact'])));
    const posts = await db
      .select({ post: committeePosts.post, holders: countDistinct(committeePosts.memberId), lastEnded: max(committeePosts.endedOn) })
      .from(committeePosts)
      .where(eq(committeePosts.orgId, org.id))
      .groupBy(committeePosts.post);
    const current = await db
      .select({ post: committeePosts.post, memberId: committeePosts.memberId })
      .from(committeePosts)
      .where(and(eq(committeePosts.orgId, org.id), isNull(committeePosts.endedOn)));
    const groups = await db
      .select({
        name: orgs.name,
        memberCount: sql<number>`(SELECT count(*)::integer FROM members m WHERE m.org_id = "orgs"."id")`,
        fullMemberCount: sql<number>`(SELECT count(*)::integer FROM members m WHERE m.org_id = "orgs"."id" AND m.category = 'full')`,
      })
      .from(orgs)
      .where(and(eq(orgs.parentId, org.id), eq(orgs.type, 'party_small_group'), eq(orgs.status, 'active')));
    const [term] = await db.select({ electedOn: elections.electedOn }).from(orgTerms).innerJoin(elections, eq(elections.id, orgTerms.electionId)).where(eq(orgTerms.orgId, org.id));
    return {
      memberCount: counts?.memberCount ?? 0,
      fullMemberCount: counts?.fullMemberCount ?? 0,
      committeeSize: new Set(current.map((c) => c.memberId)).size,
      currentPosts: new Set(current.map((c) => c.post)),
      lastEndedByPost: new Map(posts.map((p) => [p.post, p.lastEnded])),
      electedOn: term?.electedOn ?? null,
      smallGroups: groups,
    };
  }

  return {
    /** Recomputes the stored findings of the given orgs (call inside the transaction that changed them). */
    async refresh(db: Db, orgIds: number[]) {
      if (orgIds.length === 0) return;
      const now = clock();
      const today = shanghaiDate(now);
      const targets = await db
        .select({ id: orgs.id, path: orgs.path, type: orgs.type, status: orgs.status, foundedOn: orgs.foundedOn })
        .from(orgs)
        .where(inArray(orgs.id, orgIds));
      await db.delete(orgFindings).where(inArray(orgFindings.orgId, orgIds));
      for (const org of targets) {
        if (org.status !== 'active' || !(ELECTED_ORG_TYPES as readonly string[]).includes(org.type)) continue;
        const f = await factsOf(db, org);
        const rows: (typeof orgFindings.$inferInsert)[] = [];

        // Vacant posts: a post the org must have filled, held before (or required since the current term began), now empty.
        const needsCommittee = f.committeeSize > 1 || (org.type !== 'branch' && org.type !== 'joint_branch' && org.type !== 'temporary_branch') || f.fullMemberCount >= 7;
        const required = needsCommittee ? REQUIRED_COMMITTEE_POSTS : (['secretary'] as const);
        let secretaryVacancy = false;
        for (const post of required) {
          if (f.currentPosts.has(post)) continue;
          const since = f.lastEndedByPost.get(post) ?? f.electedOn ?? null;
          if (since === null) continue;
          const v = rules.vacancy({ post, vacantSince: since, today });
          if (post === 'secretary') secretaryVacancy = true;
          rows.push({
            orgId: org.id,
            ruleId: v.ruleId,
            code: 'post_vacant',
            severity: v.unmet ? v.severity : null,
            message: `${postLabel(post)}职务自 ${since} 起空缺（${v.vacantDays} 天）${v.unmet ? `，超过 ${v.maxDays} 天未补选` : `，应在 ${v.dueOn} 前补选`}`,
            detail: { post, vacantSince: since, vacantDays: v.vacantDays },
            dueOn: v.dueOn,
            basis: v.basis,
            computedAt: now,
          });
        }

        const setup = rules.setup({ orgType: org.type, memberCount: f.memberCount, fullMemberCount: f.fullMemberCount, committeeSize: f.committeeSize, hasSecretary: f.currentPosts.has('secretary'), smallGroups: f.smallGroups }, today);
        for (const p of setup) {
          if (p.code === 'secretary_missing' && secretaryVacancy) continue; // reported as a vacancy, with its age
          rows.push({ orgId: org.id, ruleId: p.ruleId, code: p.code, severity: p.severity, message: p.message, detail: { memberCount: f.memberCount, fullMemberCount: f.fullMemberCount, committeeSize: f.committeeSize }, dueOn: null, basis: p.basis, computedAt: now });
        }
        if (rows.length > 0) await db.insert(orgFindings).values(rows);
      }
    },

    /** Recomputes every org's findings, a batch at a time (demo load, maintenance). */
    async refreshAll(db: Db, batchSize = 500) {
      let after = 0;
      for (;;) {
        const batch = await db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.id} > ${after}`).orderBy(orgs.id).limit(batchSize);
        if (batch.length === 0) return;
        await db.transaction((tx) => this.refresh(tx, batch.map((b) => b.id)));
        after = batch[batch.length - 1]!.id;
      }
    },
  };
}

export type FindingsService = ReturnType<typeof createFindingsService>;
