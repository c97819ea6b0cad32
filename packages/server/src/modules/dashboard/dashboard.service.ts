import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { subtreeRange } from '../../platform/scope.js';
import { ON_ROSTER_SQL } from '../members/members.schemas.js';
import { ORG_TYPE_LABELS, ORG_TYPES, orgTypeLabel } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';

const AGE_BANDS = ['30岁及以下', '31—40岁', '41—50岁', '51—60岁', '61岁及以上', '未填写'] as const;

/** Roll-ups of one org's subtree (members on the roster), from one grouped scan of its orgs and one of its members. */
export function createDashboardService({ db, clock, orgService }: { db: Db; clock: Clock; orgService: OrgService }) {
  return {
    async summary(actor: Actor, orgId?: number) {
      if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
      const org = await orgService.visibleOrg(actor, orgId ?? actor.scope.orgId);
      const { lo, hi } = subtreeRange(org.path);
      const asOf = shanghaiDate(clock());

      // The child's id is path segment depth+3 ('/1/5/…'); NULL for the org itself. Orgs and members are each
      // scanned once, grouped by child, and every figure below is summed from those groups.
      const segment = org.depth + 3;
      const orgGroups = await queryRows<{ child: number | null; type: string; n: number }>(
        db,
        sql`SELECT NULLIF(split_part(path, '/', ${segment}), '')::integer AS child, type, count(*)::integer AS n
            FROM orgs WHERE path >= ${lo} AND path < ${hi} GROUP BY 1, 2`,
      );
      // Members on the roster (在册), as in every statistic.
      const memberRows = await queryRows<{ child: number | null; category: string; gender: string; band: number; n: number }>(
        db,
        sql`SELECT NULLIF(split_part(o.path, '/', ${segment}), '')::integer AS child, m.category, m.gender,
                   CASE WHEN m.birth_date IS NULL THEN 5
                        ELSE LEAST(4, GREATEST(0, (date_part('year', age(${asOf}::date, m.birth_date))::integer - 21) / 10)) END AS band,
                   count(*)::integer AS n
            FROM members m JOIN orgs o ON o.id = m.org_id
            WHERE o.path >= ${lo} AND o.path < ${hi} AND m.status IN ${ON_ROSTER_SQL}
            GROUP BY 1, 2, 3, 4`,
      );
      const children = await queryRows<{ id: number; name: string; type: string }>(db, sql`SELECT id, name, type FROM orgs WHERE parent_id = ${org.id} ORDER BY sort_order, id`);

      const sum = (f: (r: (typeof memberRows)[number]) => boolean) => memberRows.filter(f).reduce((a, r) => a + r.n, 0);
      const byType = (type: string) => orgGroups.filter((r) => r.type === type).reduce((a, r) => a + r.n, 0);
      const perChild = <R extends { child: number | null; n: number }>(rows: R[]) => {
        const totals = new Map<number, number>();
        for (const r of rows) if (r.child !== null) totals.set(r.child, (totals.get(r.child) ?? 0) + r.n);
        return totals;
      };
      const orgsPerChild = perChild(orgGroups);
      const membersPerChild = perChild(memberRows);
      return {
        org: { id: org.id, name: org.name, type: org.type, typeLabel: orgTypeLabel(org.type) },
        orgCountsByType: ORG_TYPES.map((type) => ({ type, label: ORG_TYPE_LABELS[type], count: byType(type) })).filter((r) => r.count > 0),
        memberTotals: { total: sum(() => true), full: sum((r) => r.category === 'full'), probationary: sum((r) => r.category === 'probationary') },
        membersByGender: [
          { label: '男', count: sum((r) => r.gender === 'male') },
          { label: '女', count: sum((r) => r.gender === 'female') },
        ],
        membersByAgeBand: AGE_BANDS.map((label, band) => ({ label, count: sum((r) => r.band === band) })).filter((b) => b.label !== '未填写' || b.count > 0),
        children: children.map((c) => ({ id: c.id, name: c.name, typeLabel: orgTypeLabel(c.type), orgCount: orgsPerChild.get(c.id) ?? 0, memberCount: membersPerChild.get(c.id) ?? 0 })),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
