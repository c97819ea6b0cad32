import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db.js';
import { members, orgs } from '../../platform/schema.js';
import { pathIds, subtreeRange } from '../../platform/scope.js';
import { ON_ROSTER_STATUSES } from '../members/members.schemas.js';

export type OrgRow = typeof orgs.$inferSelect;

// Correlated subqueries name the outer table explicitly: Drizzle renders `${orgs.id}` as a bare "id",
// which inside `FROM orgs c` would silently mean c.id.
/** `EXISTS` child, as a selectable column. */
export const hasChildrenColumn = sql<boolean>`EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = "orgs"."id")`;

export async function findOrg(db: Db, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

export interface NewOrg {
  type: string;
  name: string;
  shortName?: string | null;
  code?: string | null;
  sortOrder?: number;
}

/**
 * Inserts an org under `parent` (null: a root). The id is drawn first so the materialized path
 * ('/…/parentId/id/') is written in the same statement.
 */
export async function insertOrg(db: Db, parent: Pick<OrgRow, 'id' | 'path' | 'depth'> | null, org: NewOrg, at: Date): Promise<OrgRow> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`WITH n AS (SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::integer AS id)
        INSERT INTO orgs (id, parent_id, path, depth, type, name, short_name, code, status, sort_order, created_at, updated_at)
        SELECT n.id, ${parent?.id ?? null}::integer, ${parent?.path ?? '/'} || n.id || '/', ${parent ? parent.depth + 1 : 0},
               ${org.type}, ${org.name}, ${org.shortName ?? null}, ${org.code ?? null}, 'active', ${org.sortOrder ?? 0}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
        FROM n RETURNING id`,
  );
  if (!row) throw new Error('org insert returned no row');
  const created = await findOrg(db, row.id);
  if (!created) throw new Error('org vanished after insert');
  return created;
}

/** Names of the orgs on a path, in path order, limited to depth ≥ fromDepth. */
export async function ancestorsOf(db: Db, path: string, fromDepth: number): Promise<{ id: number; name: string }[]> {
  const ids = pathIds(path).slice(fromDepth, -1);
  if (ids.length === 0) return [];
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => ({ id, name: byId.get(id) ?? '' }));
}

/** The orgs of a subtree and its members on the roster (在册). */
export async function countSubtree(db: Db, path: string): Promise<{ orgCount: number; memberCount: number }> {
  const { lo, hi } = subtreeRange(path);
  const [orgCount] = await db.select({ n: sql<number>`count(*)::integer` }).from(orgs).where(and(gte(orgs.path, lo), lt(orgs.path, hi)));
  const [memberCount] = await db
    .select({ n: sql<number>`count(*)::integer` })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(gte(orgs.path, lo), lt(orgs.path, hi), inArray(members.status, [...ON_ROSTER_STATUSES])));
  return { orgCount: orgCount?.n ?? 0, memberCount: memberCount?.n ?? 0 };
}

/**
 * Re-hangs `node` and its whole subtree under `newParent`: one UPDATE rewrites the paths and depths of the
 * subtree, then the node's parent_id. Records reference org ids, so nothing else changes.
 */
export async function rehangSubtree(db: Db, node: Pick<OrgRow, 'id' | 'path' | 'depth'>, newParent: Pick<OrgRow, 'id' | 'path' | 'depth'>, at: Date): Promise<string> {
  const { lo, hi } = subtreeRange(node.path);
  const newPath = `${newParent.path}${node.id}/`;
  await db.execute(sql`UPDATE orgs SET path = ${newPath} || substr(path, ${node.path.length + 1}), depth = depth + ${newParent.depth + 1 - node.depth}, updated_at = ${at.toISOString()}::timestamptz
                       WHERE path >= ${lo} AND path < ${hi}`);
  await db.update(orgs).set({ parentId: newParent.id }).where(eq(orgs.id, node.id));
  return newPath;
}
