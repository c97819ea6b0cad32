// `npm run findings:refresh`: re-evaluates the stored setup findings (org_findings: 组织设置、职务空缺) of every
// organization with the rules in force today. Run it after changing a rule parameter (e.g. a jurisdiction's
// stricter value) or daily from cron, so the warning center reflects the rules without waiting for an edit.
import { loadRegulations } from '@dangjian/regulations/load';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrate } from '../platform/migrate.js';
import { createOrgRules } from '../modules/elections/org-rules.js';
import { createFindingsService } from '../modules/warnings/findings.service.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  const started = Date.now();
  const findings = createFindingsService({ clock: systemClock, rules: createOrgRules(loadRegulations()) });
  await findings.refreshAll(database.db);
  console.log(`已按今天施行的规则重新评价全部组织的设置与职务空缺预警（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
} finally {
  await database.close();
}
