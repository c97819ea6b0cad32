import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { subtreeRange } from '../../platform/scope.js';
import { ORG_TYPE_LABELS, ORG_TYPES, orgTypeLabel } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';

const AGE_BANDS = ['30岁及以下', '31—40岁', '41—50岁', '51—60岁', '61岁及以上', '未填写'] as const;

/** Roll-ups of one org's subtree, each computed by one grouped query over the path range. */
export function createDashboardService({ db, clock, orgService }: { db: Db; clock: Clock; orgService: OrgService }) {
  return {
    async summary(actor: Actor, orgId?: number) {
      if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
      const org = await orgService.visibleOrg(actor, orgId ?? actor.scope.orgId);
      const { lo, hi } = subtreeRange(org.path);
      const asOf = shanghaiDate(clock());

      const byType = await queryRows<{ type: string; n: number }>(
        db,
        sql`SELECT type, count(*)::integer AS n FROM orgs WHERE path >= ${lo} AND path < ${hi} GROUP BY type`,
      );
      const memberRows = await queryRows<{ category: string; gender: string; band: number; n: number }>(
        db,
        sql`SELECT m.category, m.gender,
                   CASE WHEN m.birth_date IS NULL THEN 5
                        ELSE LEAST(4, GREATEST(0, (date_part('year', age(${asOf}::date, m.birth_date))::integer - 21) / 10)) END AS band,
                   count(*)::integer AS n
            FROM members m JOIN orgs o ON o.id = m.org_id
            WHERE o.path >= ${lo} AND o.path < ${hi}
            GROUP BY 1, 2, 3`,
      );
      // Direct children with the sizes of their subtrees: the child's id is path segment depth+3 ('/1/5/…').
      const segment = org.depth + 3;
      const children = await queryRows<{ id: number; name: string; type: string; org_count: number; member_count: number }>(
        db,
        sql`WITH c AS (SELECT id, name, type, sort_order FROM orgs WHERE parent_id = ${org.id}),
                 oc AS (SELECT split_part(path, '/', ${segment})::integer AS child_id, count(*)::integer AS n
                        FROM orgs WHERE path > ${org.path} AND path < ${hi} GROUP BY 1),
                 mc AS (SELECT split_part(o.path, '/', ${segment})::integer AS child_id, count(*)::integer AS n
                        FROM members m JOIN orgs o ON o.id = m.org_id
                        WHERE o.path > ${org.path} AND o.path < ${hi} GROUP BY 1)
            SELECT c.id, c.name, c.type, COALESCE(oc.n, 0) AS org_count, COALESCE(mc.n, 0) AS member_count
            FROM c LEFT JOIN oc ON oc.child_id = c.id LEFT JOIN mc ON mc.child_id = c.id
            ORDER BY c.sort_order, c.id`,
      );

      const sum = (f: (r: (typeof memberRows)[number]) => boolean) => memberRows.filter(f).reduce((a, r) => a + r.n, 0);
      return {
        org: { id: org.id, name: org.name, type: org.type, typeLabel: orgTypeLabel(org.type) },
        orgCountsByType: ORG_TYPES.map((type) => ({ type, label: ORG_TYPE_LABELS[type], count: byType.find((r) => r.type === type)?.n ?? 0 })).filter((r) => r.count > 0),
        memberTotals: { total: sum(() => true), full: sum((r) => r.category === 'full'), probationary: sum((r) => r.category === 'probationary') },
        membersByGender: [
          { label: '男', count: sum((r) => r.gender === 'male') },
          { label: '女', count: sum((r) => r.gender === 'female') },
        ],
        membersByAgeBand: AGE_BANDS.map((label, band) => ({ label, count: sum((r) => r.band === band) })).filter((b) => b.label !== '未填写' || b.count > 0),
        children: children.map((c) => ({ id: c.id, name: c.name, typeLabel: orgTypeLabel(c.type), orgCount: c.org_count, memberCount: c.member_count })),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
