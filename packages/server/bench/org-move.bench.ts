// Benchmark: move a 10,001-node subtree inside a 770,078-node org tree on PostgreSQL, through the real
// org service (checks, path rewrite, history, audit). Run: `npm run bench -- org-move` (TEST_DATABASE_URL
// or the local PostgreSQL); it creates and drops its own database.
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/platform/auth.js';
import { systemClock } from '../src/platform/clock.js';
import { queryRows } from '../src/platform/db.js';
import { openBenchDatabase } from './bench-database.js';
import { migrate } from '../src/platform/migrate.js';
import { ROLE_PERMISSIONS } from '../src/platform/permissions.js';
import { loadRegulations } from '@dangjian/regulations/load';
import { createOrgRules } from '../src/modules/elections/org-rules.js';
import { createOrgService } from '../src/modules/org/org.service.js';
import { createReorganizationService } from '../src/modules/reorganization/reorganization.service.js';
import { createFindingsService } from '../src/modules/warnings/findings.service.js';

const ORGANS = 77;
const GENERAL_PER_ORGAN = 100;
const BRANCHES_PER_GENERAL = 99;
const MEMBERS_PER_MOVED_BRANCH = 10;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export async function benchOrgMove(adminUrl: string) {
  const { database, drop } = await openBenchDatabase(adminUrl);
  try {
    await migrate(database);
    const db = database.db;
    let t = process.hrtime.bigint();
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name) VALUES (1, NULL, '/1/', 0, 'work_committee', '工委')`);
    // organ o: id 1+o; general branch g of organ o: id 1000 + (o-1)*GENERAL + g; branch b: id 100000 + ((o-1)*GENERAL + g-1)*BRANCHES + b
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
      SELECT 1 + o, 1, '/1/' || (1 + o) || '/', 1, 'organ_party_committee', '单位' || o || '机关党委' FROM generate_series(1, ${ORGANS}) o`);
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
      SELECT 1000 + (o - 1) * ${GENERAL_PER_ORGAN} + g, 1 + o, '/1/' || (1 + o) || '/' || (1000 + (o - 1) * ${GENERAL_PER_ORGAN} + g) || '/', 2, 'general_branch', '总支' || o || '-' || g
      FROM generate_series(1, ${ORGANS}) o, generate_series(1, ${GENERAL_PER_ORGAN}) g`);
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name)
      SELECT 100000 + (p.id - 1001) * ${BRANCHES_PER_GENERAL} + b, p.id, p.path || (100000 + (p.id - 1001) * ${BRANCHES_PER_GENERAL} + b) || '/', 3, 'branch', '支部' || p.id || '-' || b
      FROM (SELECT id, path FROM orgs WHERE depth = 2) p, generate_series(1, ${BRANCHES_PER_GENERAL}) b`);
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    const moved = 1 + 5; // organ 5
    await db.execute(sql`INSERT INTO members (org_id, name, gender, category)
      SELECT o.id, '党员' || o.id || '-' || n, 'male', 'full' FROM orgs o, generate_series(1, ${MEMBERS_PER_MOVED_BRANCH}) n
      WHERE o.path >= ${`/1/${moved}/`} AND o.path < ${`/1/${moved}0`} AND o.type = 'branch'`);
    await db.execute(sql`ANALYZE`);
    const [{ n: total } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM orgs`);
    const [{ n: memberTotal } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::integer AS n FROM members`);
    const buildMs = ms(t);

    const orgService = createOrgService({ db, clock: systemClock });
    const findings = createFindingsService({ clock: systemClock, rules: createOrgRules(loadRegulations()) });
    const reorganization = createReorganizationService({ db, clock: systemClock, orgService, findings });
    const [bench] = await queryRows<{ id: number }>(db, sql`INSERT INTO users (username, display_name, password_hash) VALUES ('bench', '基准测试', 'x') RETURNING id`);
    const actor: Actor = {
      userId: bench!.id, username: 'bench', displayName: 'bench', mustChangePassword: false, memberId: null,
      grant: { id: 0, role: 'committee_admin', roleLabel: '工委管理员', orgId: 1, orgName: '工委' },
      permissions: new Set(ROLE_PERMISSIONS.committee_admin), scope: { kind: 'subtree', orgId: 1, path: '/1/' }, csrfToken: '', sessionTokenHash: '',
    };
    const auditAs = { userId: bench!.id, username: 'bench', role: 'committee_admin', ip: null };
    const target = await orgService.create(actor, auditAs, { parentId: 1, name: '新组建的党委', type: 'party_committee' });

    t = process.hrtime.bigint();
    const preview = await reorganization.previewMove(actor, moved, target.id);
    const previewMs = ms(t);
    t = process.hrtime.bigint();
    const after = await reorganization.move(actor, auditAs, moved, { newParentId: target.id, effectiveOn: '2026-11-23', reason: '基准测试' });
    const moveMs = ms(t);

    const [check] = await queryRows<{ n: number; members: number }>(db, sql`SELECT count(*)::integer AS n,
        (SELECT count(*)::integer FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.path >= ${`/1/${target.id}/`} AND o.path < ${`/1/${target.id}0`}) AS members
      FROM orgs WHERE path >= ${`/1/${target.id}/${moved}/`} AND path < ${`/1/${target.id}/${moved}0`}`);
    const ok = check?.n === preview.orgCount && check?.members === preview.memberCount && after.ancestors.map((a) => a.id).join(',') === `1,${target.id}`;
    return { total, memberTotal, buildMs, movedOrgs: preview.orgCount, movedMembers: preview.memberCount, previewMs, moveMs, ok };
  } finally {
    await drop();
  }
}
