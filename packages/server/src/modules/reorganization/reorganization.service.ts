import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { committeePosts, memberEvents, memberOrgHistory, members, orgHistory, orgs, orgTerms } from '../../platform/schema.js';
import { pathContains, pathIds } from '../../platform/scope.js';
import { countSubtree, findOrg, insertOrg, rehangSubtree, type OrgRow } from '../org/org.repo.js';
import { ALLOWED_CHILD_TYPES, isOrgType, orgTypeLabel } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';
import type { FindingsService } from '../warnings/findings.service.js';

export interface ReorganizationDeps {
  db: Db;
  clock: Clock;
  orgService: OrgService;
  findings: FindingsService;
}

/** Every org on the paths of the given orgs (their counts of members and orgs change with a reorganization). */
const affected = (...paths: string[]) => [...new Set(paths.flatMap(pathIds))];

/**
 * Reorganizations (机构改革): move a subtree, merge one organization into another, dissolve one. Each is
 * checked first (scope, cycles, types), can be previewed, keeps history (org_history and, for members who
 * change organization, member_org_history), is audited, and runs in one transaction.
 */
export function createReorganizationService({ db, clock, orgService, findings }: ReorganizationDeps) {
  async function directMembers(orgId: number) {
    return db.select({ id: members.id }).from(members).where(eq(members.orgId, orgId));
  }

  async function checkMerge(actor: Actor, id: number, targetId: number) {
    const source = await orgService.visibleOrg(actor, id);
    const target = await orgService.visibleOrg(actor, targetId).catch(() => {
      throw new AppError('E_ORG_NOT_FOUND', '合并目标组织不存在或不在您的管理范围内', [{ field: 'targetId', message: '合并目标不在管理范围内' }]);
    });
    const invalid = (message: string, field = 'targetId') => new AppError('E_ORG_MOVE_INVALID', message, [{ field, message }]);
    if (source.id === target.id) throw invalid('不能与自身合并');
    if (source.parentId === null) throw invalid('根组织不能并入其他组织', 'id');
    if (actor.scope.kind === 'subtree' && source.id === actor.scope.orgId) throw invalid('不能合并自己管理范围的根组织', 'id');
    if (pathContains(source.path, target.path) || pathContains(target.path, source.path)) throw invalid('合并的两个组织不能是上下级关系');
    if (source.status !== 'active' || target.status !== 'active') throw invalid('只能合并状态正常的组织');
    if (source.type !== target.type && !(isOrgType(source.type) && isOrgType(target.type) && ['branch', 'joint_branch', 'temporary_branch'].includes(source.type) && ['branch', 'joint_branch'].includes(target.type))) {
      throw invalid(`${orgTypeLabel(source.type)}不能并入${orgTypeLabel(target.type)}`);
    }
    const children = await db.select().from(orgs).where(and(eq(orgs.parentId, source.id), eq(orgs.status, 'active')));
    const targetType = isOrgType(target.type) ? target.type : null;
    for (const child of children) {
      if (!targetType || !isOrgType(child.type) || !ALLOWED_CHILD_TYPES[targetType].includes(child.type)) throw invalid(`下级组织「${child.name}」不能设在${orgTypeLabel(target.type)}之下`);
    }
    return { source, target, children };
  }

  async function refreshAfter(tx: Db, paths: string[]) {
    await findings.refresh(tx, affected(...paths));
  }

  return {
    async previewMove(actor: Actor, id: number, newParentId: number) {
      const { org, from, to } = await orgService.checkMove(actor, id, newParentId);
      const { orgCount, memberCount } = await countSubtree(db, org.path);
      return { orgId: org.id, orgName: org.name, fromParent: { id: from.id, name: from.name }, toParent: { id: to.id, name: to.name }, orgCount, memberCount };
    },

    /** Moves an org with its whole subtree under another parent (调整隶属关系). */
    async move(actor: Actor, auditAs: AuditActor, id: number, input: { newParentId: number; effectiveOn: string; reason: string }) {
      const { org, from, to } = await orgService.checkMove(actor, id, input.newParentId);
      const { orgCount, memberCount } = await countSubtree(db, org.path);
      const now = clock();
      await db.transaction(async (tx) => {
        const newPath = await rehangSubtree(tx, org, to, now);
        await tx.insert(orgHistory).values({ orgId: org.id, event: 'moved', occurredOn: input.effectiveOn, fromParentId: from.id, toParentId: to.id, detail: { reason: input.reason, orgCount, memberCount }, actorUserId: actor.userId, createdAt: now });
        await appendAudit(tx, auditAs, { action: 'org.move', targetType: 'org', targetId: org.id, orgId: org.id, before: { parentId: from.id, path: org.path }, after: { parentId: to.id, path: newPath, orgCount, memberCount, effectiveOn: input.effectiveOn, reason: input.reason } }, now);
        await refreshAfter(tx, [from.path, to.path]);
      });
      return orgService.detail(actor, (await findOrg(db, org.id))!);
    },

    async previewMerge(actor: Actor, id: number, targetId: number) {
      const { source, target, children } = await checkMerge(actor, id, targetId);
      const moving = await directMembers(source.id);
      return { source: { id: source.id, name: source.name }, target: { id: target.id, name: target.name }, memberCount: moving.length, childCount: children.length };
    },

    /**
     * Merges `id` into `targetId` (组织合并): its members and active children move to the target, its
     * committee ends, it is marked 合并 and kept (with its history) for the record.
     */
    async merge(actor: Actor, auditAs: AuditActor, id: number, input: { targetId: number; effectiveOn: string; reason: string }) {
      const { source, target, children } = await checkMerge(actor, id, input.targetId);
      for (const child of children) await orgService.assertUniqueName(target.id, child.name);
      const moving = await directMembers(source.id);
      const now = clock();
      await db.transaction(async (tx) => {
        if (moving.length > 0) {
          await tx.update(members).set({ orgId: target.id, updatedAt: now }).where(eq(members.orgId, source.id));
          await tx.insert(memberOrgHistory).values(moving.map((m) => ({ memberId: m.id, fromOrgId: source.id, toOrgId: target.id, movedOn: input.effectiveOn, reason: `组织合并：${input.reason}`, createdAt: now })));
          await tx.insert(memberEvents).values(moving.map((m) => ({ memberId: m.id, kind: 'moved', occurredOn: input.effectiveOn, orgId: target.id, detail: { summary: `「${source.name}」并入「${target.name}」，随组织转入` }, reason: input.reason, actorUserId: actor.userId, createdAt: now })));
        }
        for (const child of children) {
          await rehangSubtree(tx, child, target, now);
          await tx.insert(orgHistory).values({ orgId: child.id, event: 'moved', occurredOn: input.effectiveOn, fromParentId: source.id, toParentId: target.id, detail: { reason: `上级组织合并：${input.reason}` }, actorUserId: actor.userId, createdAt: now });
        }
        await tx.update(committeePosts).set({ endedOn: input.effectiveOn, endReason: '组织合并' }).where(and(eq(committeePosts.orgId, source.id), isNull(committeePosts.endedOn)));
        await tx.delete(orgTerms).where(eq(orgTerms.orgId, source.id));
        await tx.update(orgs).set({ status: 'merged', updatedAt: now }).where(eq(orgs.id, source.id));
        await tx.insert(orgHistory).values([
          { orgId: source.id, event: 'merged_into', occurredOn: input.effectiveOn, relatedOrgId: target.id, detail: { reason: input.reason, members: moving.length, children: children.length }, actorUserId: actor.userId, createdAt: now },
          { orgId: target.id, event: 'absorbed', occurredOn: input.effectiveOn, relatedOrgId: source.id, detail: { reason: input.reason, members: moving.length, children: children.length }, actorUserId: actor.userId, createdAt: now },
        ]);
        await appendAudit(tx, auditAs, { action: 'org.merge', targetType: 'org', targetId: source.id, orgId: source.id, before: { status: source.status }, after: { mergedInto: target.id, members: moving.length, children: children.length, effectiveOn: input.effectiveOn, reason: input.reason } }, now);
        await refreshAfter(tx, [source.path, target.path]);
      });
      return orgService.detail(actor, (await findOrg(db, target.id))!);
    },

    /**
     * Splits a branch (拆分): new sibling branches are set up under the same parent and the listed members
     * move into them with their history; the source keeps the rest. `dryRun` checks and reports only.
     */
    async split(actor: Actor, auditAs: AuditActor, id: number, input: { parts: { name: string; shortName?: string | null; memberIds: number[] }[]; effectiveOn: string; reason: string; dryRun?: boolean }) {
      const source = await orgService.visibleOrg(actor, id);
      const invalid = (message: string, field: string) => new AppError('E_ORG_MOVE_INVALID', message, [{ field, message }]);
      if (!['branch', 'joint_branch'].includes(source.type)) throw invalid(`${orgTypeLabel(source.type)}不能拆分（只拆分党支部）`, 'id');
      if (source.status !== 'active' || source.parentId === null) throw invalid('只能拆分状态正常的党支部', 'id');
      const parent = (await findOrg(db, source.parentId))!;
      const own = new Set((await directMembers(source.id)).map((m) => m.id));
      const seen = new Set<number>();
      for (const [i, part] of input.parts.entries()) {
        await orgService.assertUniqueName(parent.id, part.name.trim());
        if (input.parts.some((other, j) => j !== i && other.name.trim() === part.name.trim())) throw invalid(`新组织名称「${part.name}」重复`, `parts.${i}.name`);
        for (const memberId of part.memberIds) {
          if (!own.has(memberId)) throw invalid(`党员 ${memberId} 不是「${source.name}」的党员`, `parts.${i}.memberIds`);
          if (seen.has(memberId)) throw invalid(`党员 ${memberId} 被分到了两个新组织`, `parts.${i}.memberIds`);
          seen.add(memberId);
        }
      }
      const plan = { source: { id: source.id, name: source.name }, parts: input.parts.map((p) => ({ name: p.name.trim(), memberCount: p.memberIds.length })), remaining: own.size - seen.size };
      if (input.dryRun) return { ...plan, created: [] as { id: number; name: string }[] };
      const now = clock();
      const created = await db.transaction(async (tx) => {
        const out: { id: number; name: string }[] = [];
        for (const part of input.parts) {
          const org = await insertOrg(tx, parent, { type: 'branch', name: part.name.trim(), shortName: part.shortName?.trim() || null }, now);
          if (part.memberIds.length > 0) {
            await tx.update(members).set({ orgId: org.id, updatedAt: now }).where(inArray(members.id, part.memberIds));
            await tx.insert(memberOrgHistory).values(part.memberIds.map((memberId) => ({ memberId, fromOrgId: source.id, toOrgId: org.id, movedOn: input.effectiveOn, reason: `组织拆分：${input.reason}`, createdAt: now })));
            await tx.insert(memberEvents).values(part.memberIds.map((memberId) => ({ memberId, kind: 'moved', occurredOn: input.effectiveOn, orgId: org.id, detail: { summary: `「${source.name}」拆分，编入「${org.name}」` }, reason: input.reason, actorUserId: actor.userId, createdAt: now })));
          }
          await tx.insert(orgHistory).values([
            { orgId: org.id, event: 'split_from', occurredOn: input.effectiveOn, toParentId: parent.id, relatedOrgId: source.id, detail: { reason: input.reason, members: part.memberIds.length }, actorUserId: actor.userId, createdAt: now },
            { orgId: source.id, event: 'split_into', occurredOn: input.effectiveOn, relatedOrgId: org.id, detail: { reason: input.reason, members: part.memberIds.length }, actorUserId: actor.userId, createdAt: now },
          ]);
          out.push({ id: org.id, name: org.name });
        }
        await appendAudit(tx, auditAs, { action: 'org.split', targetType: 'org', targetId: source.id, orgId: source.id, after: { parts: out.map((o, i) => ({ ...o, members: input.parts[i]!.memberIds.length })), effectiveOn: input.effectiveOn, reason: input.reason } }, now);
        await refreshAfter(tx, [source.path, ...out.map((o) => `${parent.path}${o.id}/`)]);
        return out;
      });
      return { ...plan, created };
    },

    /** Dissolves an org (撤销): only once it has no members and no active lower organizations left. */
    async dissolve(actor: Actor, auditAs: AuditActor, id: number, input: { effectiveOn: string; reason: string }) {
      const org: OrgRow = await orgService.visibleOrg(actor, id);
      if (org.parentId === null || (actor.scope.kind === 'subtree' && org.id === actor.scope.orgId)) throw new AppError('E_ORG_MOVE_INVALID', '不能撤销根组织或自己管理范围的根组织', [{ field: 'id', message: '不能撤销' }]);
      if (org.status !== 'active') throw new AppError('E_ORG_MOVE_INVALID', '该组织已撤销或合并', [{ field: 'id', message: '状态不是正常' }]);
      const [{ n: memberCount } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path >= ${org.path} AND o.path < ${`${org.path.slice(0, -1)}0`}`);
      const activeChildren = await db.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.parentId, org.id), eq(orgs.status, 'active'), ne(orgs.id, org.id)));
      if (memberCount > 0 || activeChildren.length > 0) {
        throw new AppError('E_ORG_NOT_EMPTY', `「${org.name}」还有 ${memberCount} 名党员、${activeChildren.length} 个下级组织，请先转出或合并后再撤销`, [{ field: 'id', message: '组织不为空' }]);
      }
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(committeePosts).set({ endedOn: input.effectiveOn, endReason: '组织撤销' }).where(and(eq(committeePosts.orgId, org.id), isNull(committeePosts.endedOn)));
        await tx.delete(orgTerms).where(eq(orgTerms.orgId, org.id));
        await tx.update(orgs).set({ status: 'dissolved', updatedAt: now }).where(eq(orgs.id, org.id));
        await tx.insert(orgHistory).values({ orgId: org.id, event: 'dissolved', occurredOn: input.effectiveOn, detail: { reason: input.reason }, actorUserId: actor.userId, createdAt: now });
        await appendAudit(tx, auditAs, { action: 'org.dissolve', targetType: 'org', targetId: org.id, orgId: org.id, before: { status: 'active' }, after: { status: 'dissolved', effectiveOn: input.effectiveOn, reason: input.reason } }, now);
        await refreshAfter(tx, [org.path]);
      });
      return orgService.detail(actor, (await findOrg(db, org.id))!);
    },
  };
}

export type ReorganizationService = ReturnType<typeof createReorganizationService>;
