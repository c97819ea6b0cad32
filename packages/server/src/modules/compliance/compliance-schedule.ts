// The in-process compliance schedule, started by main.ts (never in tests; COMPLIANCE_SCHEDULE=off disables it).
// Lights depend on today: a yellow month turns red when its period ends, without any new record. So every day after
// 00:10 Asia/Shanghai the current and previous month are re-evaluated for all orgs, and at start only when that has
// not yet been done today (a restart does not re-run the whole tree); at start, after that run and every day at 09:00
// the month's digests (月提示) are generated if due (see isDigestDue).
import { sql } from 'drizzle-orm';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { appMeta } from '../../platform/schema.js';
import type { Digests } from './digests.js';
import type { ComplianceEvaluator } from './evaluator.js';
import { lastMonths, monthOf } from './lights.js';

/** The daily slots, minutes after midnight Asia/Shanghai: the evaluation (00:10) and the digest check (09:00). */
export const SCHEDULE_SLOTS = { evaluate: 10, digest: 9 * 60 } as const;
/** app_meta key holding the Shanghai day of the last whole-tree evaluation. */
export const EVALUATED_ON_KEY = 'compliance_evaluated_on';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The next slot strictly after `now`, and which it is. */
export function nextRun(now: Date): { at: Date; task: 'evaluate' | 'digest' } {
  const midnight = Date.parse(`${shanghaiDate(now)}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS; // today 00:00 in Shanghai
  const candidates = [0, 1].flatMap((day) =>
    (Object.entries(SCHEDULE_SLOTS) as ['evaluate' | 'digest', number][]).map(([task, minutes]) => ({ at: new Date(midnight + day * 86_400_000 + minutes * 60_000), task })),
  );
  return candidates.filter((c) => c.at.getTime() > now.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0]!;
}

/** When the schedule next wakes up (00:10 or 09:00 Asia/Shanghai, strictly after `now`). */
export function nextRunAt(now: Date): Date {
  return nextRun(now).at;
}

export function scheduleEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return (env.COMPLIANCE_SCHEDULE ?? '').trim().toLowerCase() !== 'off';
}

export interface ScheduleLog {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

/** Starts the schedule: runs once now, then at each slot. Returns a stop function (call it before closing the database). */
export function startComplianceSchedule({ db, clock, evaluator, digests, log }: { db: Db; clock: Clock; evaluator: ComplianceEvaluator; digests: Digests; log: ScheduleLog }): { stop(): void; idle(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function evaluate(onlyIfStale = false) {
    const today = shanghaiDate(clock());
    if (onlyIfStale) {
      const [done] = await queryRows<{ value: string }>(db, sql`SELECT value FROM app_meta WHERE key = ${EVALUATED_ON_KEY}`);
      if (done?.value === today) return;
    }
    const started = Date.now();
    const months = lastMonths(monthOf(today), 2);
    const s = await evaluator.evaluateAll(db, { months });
    await db.insert(appMeta).values({ key: EVALUATED_ON_KEY, value: today }).onConflictDoUpdate({ target: appMeta.key, set: { value: today } });
    log.info(`合规评价：已重新评价 ${s.orgs} 个组织（${months.join('、')}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  }

  async function digest() {
    const generated = await digests.generateIfDue(db);
    if (generated) log.info(`月提示：已生成 ${generated.month} 的 ${generated.digests} 份月提示`);
  }

  async function run(tasks: ('evaluate' | 'digest')[], atStart = false) {
    for (const task of tasks) {
      try {
        await (task === 'evaluate' ? evaluate(atStart) : digest());
      } catch (error) {
        log.error(task === 'evaluate' ? '合规评价失败' : '月提示生成失败', error);
      }
    }
  }

  function arm() {
    if (stopped) return;
    const next = nextRun(clock());
    timer = setTimeout(() => {
      running = run(next.task === 'evaluate' ? ['evaluate', 'digest'] : ['digest']).then(arm);
    }, Math.max(1000, next.at.getTime() - clock().getTime()));
  }

  running = run(['evaluate', 'digest'], true).then(arm);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    idle: () => running,
  };
}
