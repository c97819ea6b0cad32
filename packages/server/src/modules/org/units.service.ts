/**
 * Units (单位): the organs Party organizations sit in, with their leadership (党组 / 党委) and whether they
 * have a 机关纪委. Each unit is managed from one organization (normally the organ's 机关党委); admins whose
 * scope contains that organization may edit it. Names are structural data: any business role may pick a
 * unit by name, but a unit's page (its organizations) is shown only to those who manage it or hold one of
 * its organizations in scope.
 */
import { and, asc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { containsPattern } from '../../platform/http-schemas.js';
import { orgs, orgUnits, units } from '../../platform/schema.js';
import { scopeCondition, scopeIncludes } from '../../platform/scope.js';
import { findOrg } from './org.repo.js';

export const UNIT_ADMIN_LEVELS = ['provincial', 'prefecture', 'county'] as const;
export const UNIT_ADMIN_LEVEL_LABELS: Record<(typeof UNIT_ADMIN_LEVELS)[number], string> = { provincial: '省级', prefecture: '市（地）级', county: '县级' };
export const UNIT_LEADING_BODIES = ['leading_party_group', 'party_committee', 'none'] as const;
export const UNIT_LEADING_BODY_LABELS: Record<(typeof UNIT_LEADING_BODIES)[number], string> = { leading_party_group: '党组', party_committee: '党委', none: '未设党组（党委）' };

export interface UnitInput {
  name: string;
  shortName: string | null;
  adminLevel: (typeof UNIT_ADMIN_LEVELS)[number];
  leadingBody: (typeof UNIT_LEADING_BODIES)[number];
  hasDisciplineCommission: boolean;
  creditCode: string | null;
  managingOrgId: number;
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function createUnitsService({ db, clock }: { db: Db; clock: Clock }) {
  const columns = {
    id: units.id,
    name: units.name,
    shortName: units.shortName,
    adminLevel: units.adminLevel,
    leadingBody: units.leadingBody,
    hasDisciplineCommission: units.hasDisciplineCommission,
    creditCode: units.creditCode,
    managingOrgId: units.managingOrgId,
    managingOrgName: orgs.name,
    managingOrgPath: orgs.path,
    orgCount: sql<number>`(SELECT count(*) FROM org_units ou WHERE ou.unit_id = ${units.id})`,
  };

  function view(actor: Actor, r: { id: number; name: string; shortName: string | null; adminLevel: string; leadingBody: string; hasDisciplineCommission: boolean; creditCode: string | null; managingOrgId: number | null; managingOrgName: string | null; managingOrgPath: string | null; orgCount: number }) {
    return {
      id: r.id,
      name: r.name,
      shortName: r.shortName,
      adminLevel: r.adminLevel,
      leadingBody: r.leadingBody,
      hasDisciplineCommission: r.hasDisciplineCommission,
      creditCode: r.creditCode,
      managingOrg: r.managingOrgId !== null && r.managingOrgName !== null ? { id: r.managingOrgId, name: r.managingOrgName } : null,
      orgCount: Number(r.orgCount),
      editable: actor.permissions.has('org:write') && r.managingOrgPath !== null && scopeIncludes(actor.scope, r.managingOrgPath),
    };
  }

  async function load(id: number) {
    const [row] = await db.select(columns).from(units).leftJoin(orgs, eq(orgs.id, units.managingOrgId)).where(eq(units.id, id));
    return row;
  }

  /** The orgs of a unit the actor can see. */
  async function orgsOf(actor: Actor, unitId: number) {
    return db
      .select({ id: orgs.id, name: orgs.name, type: orgs.type, status: orgs.status })
      .from(orgUnits)
      .innerJoin(orgs, eq(orgs.id, orgUnits.orgId))
      .where(and(eq(orgUnits.unitId, unitId), scopeCondition(actor.scope, orgs)))
      .orderBy(asc(orgs.path))
      .limit(200);
  }

  async function normalize(actor: Actor, input: UnitInput, exceptId: number | null) {
    const name = input.name.trim();
    const shortName = input.shortName?.trim() || null;
    const creditCode = input.creditCode?.trim().toUpperCase() || null;
    if (!name) throw new AppError('E_VALIDATION', '单位名称不能为空', [{ field: 'name', message: '单位名称不能为空' }]);
    if (creditCode && !CREDIT_CODE.test(creditCode)) {
      throw new AppError('E_VALIDATION', '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）', [{ field: 'creditCode', message: '统一社会信用代码格式不正确' }]);
    }
    const org = await findOrg(db, input.managingOrgId);
    if (!org || !scopeIncludes(actor.scope, org.path)) {
      throw new AppError('E_ORG_NOT_FOUND', '负责维护该单位的党组织不在您的管理范围内', [{ field: 'managingOrgId', message: '须为您管理范围内的党组织' }]);
    }
    const clash = await db
      .select({ id: units.id })
      .from(units)
      .where(and(or(eq(units.name, name), creditCode ? eq(units.creditCode, creditCode) : sql`false`), exceptId === null ? undefined : ne(units.id, exceptId)));
    if (clash.length > 0) throw new AppError('E_UNIT_DUPLICATE', undefined, [{ field: 'name', message: '已有同名单位或相同的统一社会信用代码' }]);
    return { name, shortName, creditCode, adminLevel: input.adminLevel, leadingBody: input.leadingBody, hasDisciplineCommission: input.hasDisciplineCommission, managingOrgId: org.id };
  }

  return {
    /** Units by name, for pickers and the units page. `mine` keeps those the actor manages. */
    async list(actor: Actor, query: { q?: string; mine?: boolean }) {
      const conditions: SQL[] = [];
      const q = query.q?.trim();
      if (q) conditions.push(or(ilike(units.name, containsPattern(q)), ilike(units.shortName, containsPattern(q)))!);
      if (query.mine) conditions.push(scopeCondition(actor.scope, orgs));
      const rows = await db
        .select(columns)
        .from(units)
        .leftJoin(orgs, eq(orgs.id, units.managingOrgId))
        .where(and(...conditions))
        .orderBy(asc(units.name))
        .limit(200);
      return { items: rows.map((r) => view(actor, r)) };
    },

    async get(actor: Actor, id: number) {
      const row = await load(id);
      if (!row) throw new AppError('E_UNIT_NOT_FOUND');
      const visibleOrgs = await orgsOf(actor, id);
      const manages = row.managingOrgPath !== null && scopeIncludes(actor.scope, row.managingOrgPath);
      if (!manages && visibleOrgs.length === 0) throw new AppError('E_UNIT_NOT_FOUND');
      return { ...view(actor, row), orgs: visibleOrgs };
    },

    async create(actor: Actor, auditAs: AuditActor, input: UnitInput) {
      const values = await normalize(actor, input, null);
      const now = clock();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.insert(units).values({ ...values, createdAt: now }).returning({ id: units.id });
        await appendAudit(tx, auditAs, { action: 'unit.create', targetType: 'unit', targetId: row!.id, orgId: values.managingOrgId, after: values }, now);
        return row!.id;
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, auditAs: AuditActor, id: number, patch: Partial<UnitInput>) {
      const row = await load(id);
      if (!row || row.managingOrgPath === null || !scopeIncludes(actor.scope, row.managingOrgPath)) throw new AppError('E_UNIT_NOT_FOUND');
      const before = { name: row.name, shortName: row.shortName, adminLevel: row.adminLevel, leadingBody: row.leadingBody, hasDisciplineCommission: row.hasDisciplineCommission, creditCode: row.creditCode, managingOrgId: row.managingOrgId };
      const values = await normalize(actor, { ...(before as UnitInput), ...patch }, id);
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(units).set(values).where(eq(units.id, id));
        await appendAudit(tx, auditAs, { action: 'unit.update', targetType: 'unit', targetId: id, orgId: values.managingOrgId, before, after: values }, now);
      });
      return this.get(actor, id);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
