// `npm run audit:verify`: re-computes the audit hash chain; exits 1 when any row was changed or removed.
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';
import { verifyAuditChain } from '../platform/audit.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  const result = await verifyAuditChain(database.db);
  console.log(result.message);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
