// The three levels of the suite (and the member of item 5): the dataset accounts, their orgs, logged-in sessions.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/platform/db.js';
import { DATASET_ACCOUNTS, DATASET_PASSWORD } from '../../scale/dataset.js';
import { login, type HttpSession } from './http-client.js';
import type { Level, LevelOrg } from './probe.js';

export interface Levels {
  committee: Level;
  organ: Level;
  branch: Level;
  member: { session: HttpSession; memberId: number };
}

export async function loadLevels(db: Db, baseUrl: string): Promise<Levels> {
  const usernames = Object.values(DATASET_ACCOUNTS);
  const rows = await queryRows<LevelOrg & { username: string; member_id: number | null }>(
    db,
    sql`SELECT u.username, u.member_id, o.id, o.name, o.path, o.depth, o.type
        FROM users u JOIN role_grants g ON g.user_id = u.id AND g.revoked_at IS NULL JOIN orgs o ON o.id = g.org_id
        WHERE u.username IN ${usernames}`,
  );
  const at = async (label: string, username: string): Promise<Level> => {
    const row = rows.find((r) => r.username === username);
    if (!row) throw new Error(`the dataset has no account ${username} with an org grant`);
    const { id, name, path, depth, type } = row;
    return { label, username, org: { id, name, path, depth, type }, session: await login(baseUrl, username, DATASET_PASSWORD) };
  };
  const memberRow = rows.find((r) => r.username === DATASET_ACCOUNTS.member);
  if (!memberRow?.member_id) throw new Error(`the dataset account ${DATASET_ACCOUNTS.member} is not linked to a member`);
  return {
    committee: await at('工委', DATASET_ACCOUNTS.committee),
    organ: await at('机关', DATASET_ACCOUNTS.organ),
    branch: await at('支部', DATASET_ACCOUNTS.branch),
    member: { session: await login(baseUrl, DATASET_ACCOUNTS.member, DATASET_PASSWORD), memberId: memberRow.member_id },
  };
}
