// The suite's output: the same markdown tables on the console and in BENCHMARKS.md (repo root), whose hand-written
// tail — everything from the ANALYSIS_MARKER line on — is kept verbatim when the file is rewritten.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatasetInfo } from '../../scale/dataset.js';
import type { EvaluationResult } from './evaluation.js';
import { NATION_ORGS, NATION_TARGET_SECONDS } from './evaluation.js';
import type { ExplainResult } from './explain.js';
import type { Machine } from './machine.js';
import { IMPORT_TARGET_PEAK_MB, IMPORT_TARGET_ROWS_PER_SECOND, type ImportResult } from './member-import.js';
import { PGLITE_TARGET_RATIO, type PgliteResult } from './pglite.js';
import type { ProbeResult } from './probe.js';
import type { SearchTerms } from './lists.js';
import { THROUGHPUT_TARGET_RATIO, type ThroughputResult } from './throughput.js';
import { WARMUP } from './timing.js';

export const ANALYSIS_MARKER = '<!-- analysis: kept across runs -->';
export const BENCHMARKS_FILE = fileURLToPath(new URL('../../../../BENCHMARKS.md', import.meta.url));

/** Interactive reads (items 1 and 2): p95 within this, and within this multiple of the hand-written SQL's p95. */
export const READ_TARGET_P95_MS = 300;
export const READ_TARGET_SQL_RATIO = 1.5;

export interface SuiteReport {
  date: string;
  command: string;
  machine: Machine;
  info: DatasetInfo;
  source: string;
  rows: Record<string, number>;
  requests: number;
  terms: SearchTerms;
  probes: ProbeResult[];
  evaluation: EvaluationResult;
  memberImport: ImportResult;
  throughput: ThroughputResult;
  pglite: PgliteResult;
  explain: ExplainResult | null;
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const times = (x: number) => `${x.toFixed(2)}×`;
const int = (x: number) => Math.round(x).toLocaleString('en');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const probeRatio = (p: ProbeResult) => ({ p50: p.endpointLatency.p50 / p.sqlLatency.p50, p95: p.endpointLatency.p95 / p.sqlLatency.p95 });
export const probeMeetsTarget = (p: ProbeResult) => p.endpointLatency.p95 <= READ_TARGET_P95_MS && probeRatio(p).p95 <= READ_TARGET_SQL_RATIO;
export const pgliteMismatches = (r: PgliteResult) => r.rows.filter((x) => x.diffs.length > 0);

/** True when every answer matched (the suite's exit status; missed targets are reported, never failed). */
export function answersMatch(report: Pick<SuiteReport, 'probes' | 'pglite'>): boolean {
  return report.probes.every((p) => p.diffs.length === 0) && pgliteMismatches(report.pglite).length === 0;
}

function probeTable(probes: ProbeResult[]): string {
  return table(
    ['Level', 'Endpoint', 'p50 ms', 'p95 ms', 'SQL p50', 'SQL p95', 'ratio p50', 'ratio p95', 'answer = SQL', `target (p95 ≤ ${READ_TARGET_P95_MS} ms, ≤ ${READ_TARGET_SQL_RATIO}× SQL)`],
    probes.map((p) => {
      const r = probeRatio(p);
      const tie = p.ties > 0 ? ` (${p.ties} tied run${p.ties > 1 ? 's' : ''})` : '';
      return [p.level, `\`${p.endpoint}\``, ms(p.endpointLatency.p50), ms(p.endpointLatency.p95), ms(p.sqlLatency.p50), ms(p.sqlLatency.p95), times(r.p50), times(r.p95), mark(p.diffs.length === 0) + tie, mark(probeMeetsTarget(p))];
    }),
  );
}

/** The tables, without the query plans (console) or with them (file). */
export function renderReport(r: SuiteReport, withPlans: boolean): string {
  const e = r.evaluation;
  const imp = r.memberImport;
  const t = r.throughput;
  const importOk = imp.validateRowsPerS >= IMPORT_TARGET_ROWS_PER_SECOND && imp.commitRowsPerS >= IMPORT_TARGET_ROWS_PER_SECOND && Math.max(imp.validatePeakRssMb, imp.commitPeakRssMb) < IMPORT_TARGET_PEAK_MB;
  const out: string[] = [
    `Scale **${r.info.scale}** (seed ${r.info.seed}, data as of ${r.info.asOf}, month ${r.info.month}), ${r.source}. Run ${r.date}: \`${r.command}\`.`,
    '',
    '## Machine',
    '',
    table(['CPU', 'cores', 'RAM', 'OS', 'Node', 'PostgreSQL'], [[r.machine.cpu, r.machine.cores, `${r.machine.ramGb} GB`, r.machine.os, r.machine.node, r.machine.postgres]]),
    '',
    '## Dataset (rows after the evaluation)',
    '',
    table(Object.keys(r.rows), [Object.values(r.rows).map(int)]),
    '',
    `Latencies: ${r.requests} sequential requests per item after ${WARMUP} warm-up requests, over HTTP to the app on 127.0.0.1 (fetch/undici, keep-alive),`,
    'p50/p95 nearest-rank. "SQL" is one hand-written statement computing the same answer, timed the same way through a `pg` client on the same database;',
    'ratio = endpoint ÷ SQL. "answer = SQL" compares every id, label and number the endpoint returns with the SQL\'s answer (a "tied run" is a run of rows',
    'with equal sort keys on the page, whose order the endpoint\'s ORDER BY leaves undefined; they are compared as sets).',
    '',
    '## 1. Dashboards and roll-ups',
    '',
    probeTable(r.probes.filter((p) => p.item === 'rollup')),
    '',
    '## 2. Tree, search, warnings',
    '',
    `Search terms (taken from the data): orgs \`${r.terms.org}\`, members \`${r.terms.member}\`. Lists: first page (20) and total.`,
    '',
    probeTable(r.probes.filter((p) => p.item === 'list')),
    '',
    '## 3. Compliance evaluation (every organization)',
    '',
    table(
      ['month', 'orgs', 'results', 'lights', 'absences', 'seconds', 'orgs/s', `${int(NATION_ORGS)} orgs`, `target (nation ≤ ${NATION_TARGET_SECONDS} s)`],
      [[e.month, int(e.orgs), int(e.results), int(e.lights), int(e.absences), e.seconds.toFixed(2), int(e.orgsPerSecond), `${e.nationSeconds.toFixed(0)} s${e.extrapolated ? ' (extrapolated)' : ''}`, mark(e.nationSeconds <= NATION_TARGET_SECONDS)]],
    ),
    '',
    `Only ${e.month} was timed.${e.extraMonths.length > 0 ? ` The ${e.extraMonths.length} months before it were evaluated afterwards (${e.extraSeconds!.toFixed(1)} s) so that the 12-month trends have data.` : r.info.scale === 'demo' ? ' The demo data comes with its last 14 months evaluated.' : ' Earlier months were not evaluated: the 12-month trends show only this month.'}`,
    '',
    '## 4. Excel import of the roster (own throw-away database, own process)',
    '',
    table(
      ['rows', 'validate rows/s', 'commit rows/s', 'peak RSS validate', 'peak RSS commit', 'export rows/s', `target (≥ ${int(IMPORT_TARGET_ROWS_PER_SECOND)} rows/s, < ${IMPORT_TARGET_PEAK_MB} MB)`, 'imported = rows'],
      [[int(imp.rows), int(imp.validateRowsPerS), int(imp.commitRowsPerS), `${imp.validatePeakRssMb} MB`, `${imp.commitPeakRssMb} MB`, int(imp.exportRowsPerS), mark(importOk), mark(imp.ok)]],
    ),
    '',
    `## 5. Throughput (autocannon, ${t.connections} connections, ${t.durationSeconds} s after 1 s warm-up)`,
    '',
    table(
      ['server', 'requests/s', 'latency p50 ms', 'latency p99 ms', 'requests', 'errors'],
      [
        ['app: `GET /api/me/activities` as dangyuan1', int(t.app.requestsPerSecond), t.app.latencyP50, t.app.latencyP99, int(t.app.requests), t.app.errors],
        ['bare Fastify + pg.Pool: `SELECT id, name FROM members WHERE id = $1`', int(t.baseline.requestsPerSecond), t.baseline.latencyP50, t.baseline.latencyP99, int(t.baseline.requests), t.baseline.errors],
      ],
    ),
    '',
    `App ÷ baseline: **${(t.ratio * 100).toFixed(0)} %** — target ≥ ${THROUGHPUT_TARGET_RATIO * 100} %: ${mark(t.ratio >= THROUGHPUT_TARGET_RATIO)}`,
    '',
    '## 6. Demo data: PGlite (in memory) vs PostgreSQL, item-1 endpoints',
    '',
    `PGlite load (migrate + demo data + 14 months evaluated): ${r.pglite.loadSeconds.toFixed(1)} s.`,
    '',
    table(
      ['Level', 'Endpoint', 'PostgreSQL p50 ms', 'PGlite p50 ms', 'PGlite ÷ PostgreSQL', `target (≤ ${PGLITE_TARGET_RATIO}×)`, 'same answer'],
      r.pglite.rows.map((x) => [x.level, `\`${x.endpoint}\``, ms(x.postgresP50), ms(x.pgliteP50), times(x.ratio), mark(x.ratio <= PGLITE_TARGET_RATIO), mark(x.diffs.length === 0)]),
    ),
  ];
  const mismatches = [
    ...r.probes.filter((p) => p.diffs.length > 0).map((p) => ({ title: `${p.level} \`${p.path}\` vs its SQL`, diffs: p.diffs })),
    ...pgliteMismatches(r.pglite).map((x) => ({ title: `${x.level} \`${x.endpoint}\`: PGlite vs PostgreSQL`, diffs: x.diffs })),
  ];
  if (mismatches.length > 0) {
    out.push('', '## ✗ Answers that differ', '');
    for (const m of mismatches) out.push(`- ${m.title}`, ...m.diffs.map((d) => `  - \`${d}\``));
  }
  if (r.explain) {
    const x = r.explain;
    out.push('', `## Slowest item by p95: ${x.level} \`${x.endpoint}\``, '');
    if (withPlans) {
      out.push('EXPLAIN (ANALYZE, BUFFERS) of the hand-written SQL:', '', '```', x.sqlPlan, '```', '');
      if (x.endpointQuery) {
        out.push(`The endpoint's slowest statement during one request (${ms(x.endpointQuery.ms)} ms), captured from the app's pool, and its plan:`, '', '```sql', x.endpointQuery.text.trim(), '```', '', '```', x.endpointQuery.plan, '```');
      }
    } else {
      out.push('Query plans (the SQL\'s and the endpoint\'s slowest statement): see BENCHMARKS.md.');
    }
  }
  return out.join('\n');
}

/** Rewrites BENCHMARKS.md with this run's tables, keeping the hand-written analysis section. */
export function writeBenchmarksFile(r: SuiteReport): void {
  const previous = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : '';
  const at = previous.indexOf(ANALYSIS_MARKER);
  const analysis = at >= 0 ? previous.slice(at) : `${ANALYSIS_MARKER}\n\n## Analysis\n\n_Hand-written; everything from the marker above on is kept when \`npm run bench -- --scale …\` rewrites this file._\n`;
  const head = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench -- --scale demo|unit|province|nation\` (packages/server/bench/suite); everything above the analysis marker is rewritten by each run.`,
    '',
    '',
  ].join('\n');
  writeFileSync(BENCHMARKS_FILE, `${head}${renderReport(r, true)}\n\n${analysis}`);
}
