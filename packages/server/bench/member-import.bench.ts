// Benchmark: the Excel import of a 100,000-row 党员花名册 through the real import service (streaming read,
// every row checked, duplicates looked up, then one all-or-nothing transaction). Generates a valid file with
// exceljs's streaming writer (unique ID numbers with their check characters, 20 branches named by the rows),
// runs validate then commit, and prints rows/s for each phase and the peak RSS (sampled every 100 ms); then exports
// the roster of the imported members.
// Run: `npm run bench -- member-import` on PostgreSQL (`--database-url=…`, TEST_DATABASE_URL or DATABASE_URL;
// a database of its own is created and dropped), or with none of them on an in-memory PGlite. The benchmark suite
// (`npm run bench -- --scale …`, bench/suite) runs the same function with fewer rows for its smoke test.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { addDays, idCheckChar } from '@dangjian/regulations';
import { loadRegulations } from '@dangjian/regulations/load';
import type { Actor } from '../src/platform/auth.js';
import { systemClock } from '../src/platform/clock.js';
import { queryRows } from '../src/platform/db.js';
import { openBenchDatabase } from './bench-database.js';
import { createFieldCrypto } from '../src/platform/field-crypto.js';
import { migrate } from '../src/platform/migrate.js';
import { ROLE_PERMISSIONS } from '../src/platform/permissions.js';
import { createMemberImportService, type ImportJob } from '../src/modules/members/member-import.service.js';
import { createMemberRules } from '../src/modules/members/member-rules.js';
import { ROSTER_COLUMNS } from '../src/modules/members/roster-columns.js';
import { createOrgService } from '../src/modules/org/org.service.js';

export const IMPORT_ROWS = 100_000;
const BRANCHES = 20;
const ETHNICITIES = ['汉族', '汉族', '汉族', '满族', '朝鲜族', '回族', '蒙古族'];
const EDUCATIONS = ['大学', '硕士研究生', '大专', '博士研究生', '中等专科'];

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Peak RSS (MB) while `f` runs, sampled every 100 ms. */
async function withPeakRss<T>(f: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const result = await f();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** Row i: a unique, valid 公民身份号码 (birth date from i, sequence from the thousands), plausible dates and codes. */
function rowValues(i: number, branchNames: string[]): Record<string, unknown> {
  const birth = addDays('1960-01-01', i % 12_000);
  const sequence = Math.floor(i / 12_000) * 2 + (i % 2); // odd = male
  const body = `110105${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const probationary = i % 25 === 0;
  const joinedOn = probationary ? addDays('2025-01-01', i % 300) : addDays(birth, 365 * 25 + (i % 200));
  return {
    序号: i + 1,
    姓名: `党员${i + 1}`,
    性别: i % 2 === 1 ? '男' : '女',
    民族: ETHNICITIES[i % ETHNICITIES.length],
    出生日期: birth,
    公民身份号码: body + idCheckChar(body),
    籍贯: '吉林长春',
    学历: EDUCATIONS[i % EDUCATIONS.length],
    人员类别: probationary ? '预备党员' : '正式党员',
    入党日期: joinedOn,
    转正日期: probationary ? null : addDays(joinedOn, 365),
    工作岗位: '公务员',
    职务: '科员',
    职级: '一级主任科员',
    所在党组织: branchNames[i % branchNames.length],
    联系电话: `139${String(10_000_000 + i).slice(-8)}`,
    党籍状态: '正常',
  };
}

async function writeFile(file: string, branchNames: string[], rows: number) {
  const stream = createWriteStream(file);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('党员花名册');
  const headers = ROSTER_COLUMNS.map((c) => c.header);
  sheet.addRow(headers).commit();
  for (let i = 0; i < rows; i++) {
    const values = rowValues(i, branchNames);
    sheet.addRow(headers.map((h) => values[h] ?? null)).commit();
  }
  sheet.commit();
  await workbook.commit();
}

export async function benchMemberImport(adminUrl: string | null, rows = IMPORT_ROWS) {
  const { database, drop } = await openBenchDatabase(adminUrl);
  const dir = await mkdtemp(path.join(tmpdir(), 'dangjian-bench-'));
  try {
    await migrate(database);
    const db = database.db;
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name) VALUES (1, NULL, '/1/', 0, 'work_committee', '工委'), (2, 1, '/1/2/', 1, 'organ_party_committee', '基准测试机关党委')`);
    await db.execute(sql`INSERT INTO orgs (id, parent_id, path, depth, type, name, short_name)
      SELECT 10 + b, 2, '/1/2/' || (10 + b) || '/', 2, 'branch', '基准测试机关第' || b || '党支部', '第' || b || '支部' FROM generate_series(1, ${BRANCHES}) b`);
    await db.execute(sql`SELECT setval(pg_get_serial_sequence('orgs', 'id'), (SELECT max(id) FROM orgs))`);
    const [bench] = await queryRows<{ id: number }>(db, sql`INSERT INTO users (username, display_name, password_hash) VALUES ('bench', '基准测试', 'x') RETURNING id`);
    const branchNames = Array.from({ length: BRANCHES }, (_, b) => (b % 2 === 0 ? `基准测试机关第${b + 1}党支部` : `第${b + 1}支部`));

    const file = path.join(dir, 'roster.xlsx');
    let t = process.hrtime.bigint();
    const generated = await withPeakRss(() => writeFile(file, branchNames, rows));
    const generateS = seconds(t);
    const size = (await stat(file)).size;

    const actor: Actor = {
      userId: bench!.id, username: 'bench', displayName: 'bench', mustChangePassword: false, memberId: null,
      grant: { id: 0, role: 'organ_admin', roleLabel: '机关党委管理员', orgId: 2, orgName: '基准测试机关党委' },
      permissions: new Set(ROLE_PERMISSIONS.organ_admin), scope: { kind: 'subtree', orgId: 2, path: '/1/2/' }, csrfToken: '', sessionTokenHash: '',
    };
    const auditAs = { userId: bench!.id, username: 'bench', role: 'organ_admin', ip: null };
    const service = createMemberImportService({
      db,
      clock: systemClock,
      orgService: createOrgService({ db, clock: systemClock }),
      fieldCrypto: createFieldCrypto(randomBytes(32)),
      memberRules: createMemberRules(loadRegulations()),
      tempDir: dir,
    });

    const runJob = async (mode: 'validate' | 'commit'): Promise<ImportJob> => {
      const started = await service.start(actor, auditAs, { orgId: 2, mode, fileName: 'roster.xlsx' }, createReadStream(file), size);
      await service.drain();
      return service.get(actor, started.id);
    };
    t = process.hrtime.bigint();
    const validated = await withPeakRss(() => runJob('validate'));
    const validateS = seconds(t);
    t = process.hrtime.bigint();
    const committed = await withPeakRss(() => runJob('commit'));
    const commitS = seconds(t);

    // The roster export of the same members (decrypt, mask, stream), for comparison.
    t = process.hrtime.bigint();
    const exported = await withPeakRss(async () => {
      const { stream } = await service.exportRoster(actor, auditAs, { orgId: 2 });
      let bytes = 0;
      await pipeline(stream, new Writable({ write(chunk: Buffer, _encoding, callback) { bytes += chunk.length; callback(); } }));
      return bytes;
    });
    const exportS = seconds(t);

    const [check] = await queryRows<{ members: number; events: number }>(db, sql`SELECT (SELECT count(*)::integer FROM members) AS members, (SELECT count(*)::integer FROM member_events WHERE kind = 'imported') AS events`);
    const ok = validated.result.status === 'valid' && committed.result.status === 'committed' && check?.members === rows && check?.events === rows;
    if (!ok) console.error(validated.result.message, committed.result.message, JSON.stringify(committed.result.errors.slice(0, 3)));
    return {
      database: database.kind,
      rows,
      fileMb: Math.round(size / 1024 / 1024 * 10) / 10,
      generateS: Math.round(generateS * 10) / 10,
      generatePeakRssMb: generated.peakMb,
      validateS: Math.round(validateS * 10) / 10,
      validateRowsPerS: Math.round(rows / validateS),
      validatePeakRssMb: validated.peakMb,
      commitS: Math.round(commitS * 10) / 10,
      commitRowsPerS: Math.round(rows / commitS),
      commitPeakRssMb: committed.peakMb,
      totalImportS: Math.round((validateS + commitS) * 10) / 10,
      exportS: Math.round(exportS * 10) / 10,
      exportRowsPerS: Math.round(rows / exportS),
      exportPeakRssMb: exported.peakMb,
      exportFileMb: Math.round(exported.result / 1024 / 1024 * 10) / 10,
      ok,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await drop();
  }
}
