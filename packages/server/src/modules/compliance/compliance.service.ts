// Compliance (合规): evaluates rule meetings.frequency per organization and period from activity records,
// stores the results with their basis, derives monthly branch lights (支部亮灯), green rates, calendars and the
// monthly digests (月提示). The evaluation itself is in evaluator.ts, the digests in digests.ts, the pure parts
// in lights.ts; this file reads them back for the routes, inside the actor's scope.
import { MEETING_ACTIVITY_IDS, resolveParameter, type ParameterTree } from '@dangjian/regulations';
import { sql } from 'drizzle-orm';
import { appendAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { isoTimestamp, queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { subtreeRange } from '../../platform/scope.js';
import type { RuleBasis } from '../elections/org-rules.js';
import type { Light } from '../meetings/activity-types.js';
import { orgTypeLabel } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';
import { createDigests, type DigestChannel, type DigestItemRecord } from './digests.js';
import { createComplianceEvaluator, type ResultRow, type StoredBasis } from './evaluator.js';
import { firstDay, greenRate, hasLight, lastDay, lastMonths, monthOf, obligationLabel } from './lights.js';

/** Evaluates every org for the last `months` months (demo data load, first start): see evaluator.evaluateAll. */
export async function evaluateRecentMonths(db: Db, { clock, regulations, months = 14, orgId, onProgress }: { clock: Clock; regulations: ParameterTree; months?: number; orgId?: number; onProgress?: (done: number) => void }) {
  const evaluator = createComplianceEvaluator({ clock, regulations });
  return evaluator.evaluateAll(db, { months: lastMonths(monthOf(shanghaiDate(clock())), months), ...(orgId === undefined ? {} : { orgId }), ...(onProgress ? { onProgress } : {}) });
}

type BasisView = { parameter: string; value: unknown; effectiveFrom: string; force: string; title: string; article: string; quote: string | null };

const OBLIGATION_ORDER = sql.raw(`array_position(ARRAY[${MEETING_ACTIVITY_IDS.map((a) => `'${a}'`).join(', ')}]::text[], r.obligation)`);

export function createComplianceService({ db, clock, orgService, regulations, channels }: { db: Db; clock: Clock; orgService: OrgService; regulations: ParameterTree; channels?: DigestChannel[] }) {
  const evaluator = createComplianceEvaluator({ clock, regulations });
  const digests = createDigests({ clock, regulations, ...(channels ? { channels } : {}) });
  const today = () => shanghaiDate(clock());

  /** The stored basis as the API shows it; the force of a basis stored without one is looked up in the tree. */
  function basisView(b: StoredBasis | RuleBasis): BasisView {
    const force = 'force' in b ? b.force : (resolveParameter(regulations, b.parameterId, b.effectiveFrom)?.force ?? '');
    return { parameter: b.parameterId, value: b.value, effectiveFrom: b.effectiveFrom, force, title: b.sourceTitle, article: b.article, quote: b.quote };
  }

  async function orgOf(actor: Actor, orgId: number | undefined) {
    const id = orgId ?? (actor.scope.kind === 'subtree' || actor.scope.kind === 'single' ? actor.scope.orgId : undefined);
    if (id === undefined) throw new AppError('E_VALIDATION', '请指定组织', [{ field: 'orgId', message: '请指定组织' }]);
    return orgService.visibleOrg(actor, id);
  }

  const orgView = (o: { id: number; name: string; type: string }) => ({ id: o.id, name: o.name, type: o.type, typeLabel: orgTypeLabel(o.type) });

  type DigestRow = { org_id: number; org_name: string; month: string; items: DigestItemRecord[]; generated_at: string; read_at: string | null };
  const digestView = (r: DigestRow) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    month: r.month,
    generatedAt: r.generated_at,
    readAt: r.read_at,
    items: r.items.map((i) => ({ kind: i.kind, code: i.code, title: i.title, dueOn: i.dueOn, message: i.message, basis: i.basis.map(basisView) })),
  });
  async function findDigest(orgId: number, month: string) {
    const [row] = await queryRows<DigestRow>(
      db,
      sql`SELECT d.org_id, o.name AS org_name, to_char(d.month, 'YYYY-MM') AS month, d.items, ${isoTimestamp(sql`d.generated_at`)} AS generated_at,
                 CASE WHEN d.read_at IS NULL THEN NULL ELSE ${isoTimestamp(sql`d.read_at`)} END AS read_at
          FROM monthly_digests d JOIN orgs o ON o.id = d.org_id WHERE d.org_id = ${orgId} AND d.month = ${firstDay(month)}::date`,
    );
    return row ? digestView(row) : null;
  }

  return {
    /** Re-evaluates the obligations of `orgId` for the periods containing `dates` (call inside the writing transaction). */
    reevaluate: evaluator.reevaluate,
    evaluateAll: evaluator.evaluateAll,
    generateDigests: digests.generateDigests,
    generateDigestsIfDue: digests.generateIfDue,

    /** A branch's last 12 lights ending at `month` and its obligations of the periods containing `month`. */
    async branch(actor: Actor, query: { orgId?: number; month?: string }) {
      const org = await orgOf(actor, query.orgId);
      const month = query.month ?? monthOf(today());
      const months = lastMonths(month, 12);
      const lights = hasLight(org.type)
        ? await queryRows<{ month: string; light: Light; reasons: { obligation: string; obligationLabel: string; periodStart: string; light: Light; message: string | null }[] }>(
            db,
            sql`SELECT to_char(month, 'YYYY-MM') AS month, light, reasons FROM branch_lights
                WHERE org_id = ${org.id} AND month >= ${firstDay(months[0]!)}::date AND month <= ${firstDay(month)}::date ORDER BY month`,
          )
        : [];
      const results = await queryRows<Omit<ResultRow, 'org_id' | 'obligation' | 'period_kind'> & { obligation: string; period_kind: 'month' | 'quarter' | 'year' }>(
        db,
        sql`SELECT r.obligation, r.period_kind, r.period_start::text AS period_start, r.period_end::text AS period_end, r.light, r.held, r.min_count,
                   r.rule_id, r.code, r.severity, r.message, r.basis, r.evaluated_on::text AS evaluated_on
            FROM compliance_results r
            WHERE r.org_id = ${org.id} AND r.period_start <= ${lastDay(month)}::date AND r.period_end >= ${firstDay(month)}::date
            ORDER BY ${OBLIGATION_ORDER}, r.period_start`,
      );
      return {
        org: orgView(org),
        month,
        light: lights.find((l) => l.month === month)?.light ?? null,
        lights: lights.map((l) => ({ month: l.month, light: l.light, reasons: l.reasons })),
        obligations: results.map((r) => ({
          orgId: org.id,
          obligation: r.obligation,
          obligationLabel: obligationLabel(r.obligation),
          periodKind: r.period_kind,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          light: r.light,
          held: r.held,
          minCount: r.min_count,
          ruleId: r.rule_id,
          code: r.code,
          severity: r.severity,
          message: r.message,
          basis: r.basis.map(basisView),
          evaluatedOn: r.evaluated_on,
        })),
      };
    },

    /**
     * The green rate of the branches in an org's subtree for `month`, its 12-month trend, the direct children with
     * branches below them ranked by green rate, and the red branches (first 50). One grouped query per block.
     */
    async overview(actor: Actor, query: { orgId?: number; month?: string }) {
      const org = await orgOf(actor, query.orgId);
      const month = query.month ?? monthOf(today());
      const months = lastMonths(month, 12);
      const { lo, hi } = subtreeRange(org.path);
      const inTree = sql`o.path >= ${lo} AND o.path < ${hi}`;
      const tally = sql`count(*)::integer AS branches, count(*) FILTER (WHERE bl.light = 'green')::integer AS green,
                        count(*) FILTER (WHERE bl.light = 'yellow')::integer AS yellow, count(*) FILTER (WHERE bl.light = 'red')::integer AS red`;
      type Tally = { branches: number; green: number; yellow: number; red: number };
      const rate = (t: Tally | undefined) => {
        const c = t ?? { branches: 0, green: 0, yellow: 0, red: 0 };
        return { branches: c.branches, green: c.green, yellow: c.yellow, red: c.red, greenRate: greenRate(c) };
      };
      const [total] = await queryRows<Tally>(db, sql`SELECT ${tally} FROM branch_lights bl JOIN orgs o ON o.id = bl.org_id WHERE bl.month = ${firstDay(month)}::date AND ${inTree}`);
      const trend = await queryRows<Tally & { month: string }>(
        db,
        sql`SELECT to_char(bl.month, 'YYYY-MM') AS month, ${tally} FROM branch_lights bl JOIN orgs o ON o.id = bl.org_id
            WHERE bl.month >= ${firstDay(months[0]!)}::date AND bl.month <= ${firstDay(month)}::date AND ${inTree} GROUP BY bl.month`,
      );
      // Direct children only (the child's id is path segment depth+3: '/1/5/…'), so a user ranks the level below them.
      const children = await queryRows<Tally & { id: number; name: string; type: string }>(
        db,
        sql`WITH t AS (SELECT split_part(o.path, '/', ${org.depth + 3})::integer AS child_id, ${tally}
                       FROM branch_lights bl JOIN orgs o ON o.id = bl.org_id
                       WHERE bl.month = ${firstDay(month)}::date AND o.path > ${org.path} AND o.path < ${hi} GROUP BY 1)
            SELECT c.id, c.name, c.type, t.branches, t.green, t.yellow, t.red FROM t JOIN orgs c ON c.id = t.child_id AND c.parent_id = ${org.id}`,
      );
      const red = await queryRows<{ id: number; name: string; parent_name: string | null; reasons: { obligationLabel: string; message: string | null; light: Light }[] }>(
        db,
        sql`SELECT o.id, o.name, p.name AS parent_name, bl.reasons FROM branch_lights bl JOIN orgs o ON o.id = bl.org_id LEFT JOIN orgs p ON p.id = o.parent_id
            WHERE bl.month = ${firstDay(month)}::date AND bl.light = 'red' AND ${inTree} ORDER BY o.path LIMIT 50`,
      );
      const byMonth = new Map(trend.map((t) => [t.month, t]));
      return {
        org: orgView(org),
        month,
        total: rate(total),
        trend: months.map((m) => ({ month: m, ...rate(byMonth.get(m)) })),
        children: children
          .map((c) => ({ id: c.id, name: c.name, typeLabel: orgTypeLabel(c.type), ...rate(c) }))
          .sort((a, b) => (b.greenRate ?? -1) - (a.greenRate ?? -1) || b.branches - a.branches || a.name.localeCompare(b.name, 'zh-CN')),
        redBranches: red.map((r) => ({ id: r.id, name: r.name, parentName: r.parent_name, reasons: r.reasons.filter((x) => x.light === 'red').map((x) => x.message ?? x.obligationLabel) })),
        redBranchesTotal: total?.red ?? 0,
      };
    },

    /** A branch's completed activities per day of `year` (with the small groups' meetings) and its monthly lights. */
    async calendar(actor: Actor, query: { orgId: number; year?: number }) {
      const org = await orgService.visibleOrg(actor, query.orgId);
      const year = query.year ?? Number(today().slice(0, 4));
      const from = `${String(year).padStart(4, '0')}-01-01`;
      const to = `${String(year).padStart(4, '0')}-12-31`;
      const days = await queryRows<{ date: string; count: number; types: string[] }>(
        db,
        sql`SELECT a.held_on::text AS date, count(DISTINCT a.id)::integer AS count,
                   coalesce(array_agg(DISTINCT t.type) FILTER (WHERE t.type IS NOT NULL), '{}') AS types
            FROM activities a JOIN orgs o ON o.id = a.org_id LEFT JOIN activity_types t ON t.activity_id = a.id
            WHERE (a.org_id = ${org.id} OR (o.parent_id = ${org.id} AND o.type = 'party_small_group'))
              AND a.status = 'completed' AND a.held_on >= ${from}::date AND a.held_on <= ${to}::date
            GROUP BY a.held_on ORDER BY a.held_on`,
      );
      const lights = await queryRows<{ month: string; light: Light }>(
        db,
        sql`SELECT to_char(month, 'YYYY-MM') AS month, light FROM branch_lights WHERE org_id = ${org.id} AND month >= ${from}::date AND month <= ${to}::date ORDER BY month`,
      );
      return { orgId: org.id, year, days: days.map((d) => ({ date: d.date, count: d.count, types: [...d.types].sort() })), lights };
    },

    /** The org's digest of `month` (this month by default), or null when it has not been generated. */
    async digest(actor: Actor, query: { orgId?: number; month?: string }) {
      const org = await orgOf(actor, query.orgId);
      return findDigest(org.id, query.month ?? monthOf(today()));
    },

    /** Marks a digest read (the first reading is kept) and audits it. */
    async markDigestRead(actor: Actor, auditAs: AuditActor, body: { orgId: number; month: string }) {
      const org = await orgService.visibleOrg(actor, body.orgId);
      const now = clock();
      const found = await findDigest(org.id, body.month);
      if (!found) throw new AppError('E_NOT_FOUND', '本月提示尚未生成');
      if (found.readAt === null) {
        await db.transaction(async (tx) => {
          await tx.execute(sql`UPDATE monthly_digests SET read_at = ${now.toISOString()}::timestamptz, read_by = ${actor.userId} WHERE org_id = ${org.id} AND month = ${firstDay(body.month)}::date AND read_at IS NULL`);
          await appendAudit(tx, auditAs, { action: 'digest.read', targetType: 'monthly_digest', targetId: `${org.id}:${body.month}`, orgId: org.id, after: { month: body.month, items: found.items.length } }, now);
        });
      }
      return (await findDigest(org.id, body.month))!;
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
