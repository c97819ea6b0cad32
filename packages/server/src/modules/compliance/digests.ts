// 月提示 (monthly digests): once a month, on the first working day at or after 09:00 (Asia/Shanghai), one private
// digest per organization with obligations of what falls due that month: meetings whose period ends this month and
// are not yet green, 预备党员 whose probation ends this month, terms due this month or overdue, transfers waiting for
// this org's answer, members absent for six months. Delivery channels are pluggable; the in-app channel is the
// stored row itself.
import { isWorkingDay, MEETING_ACTIVITY_IDS, type ParameterTree } from '@dangjian/regulations';
import { sql } from 'drizzle-orm';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { appMeta } from '../../platform/schema.js';
import type { RuleBasis } from '../elections/org-rules.js';
import { createMemberRules } from '../members/member-rules.js';
import { ON_ROSTER_SQL } from '../members/members.schemas.js';
import type { StoredBasis } from './evaluator.js';
import { firstDay, JUDGED_ORG_TYPES, lastDay, monthOf, obligationLabel } from './lights.js';
import { bulkUpsert, intArray } from './sql-helpers.js';

export interface DigestItemRecord {
  kind: 'meeting' | 'election' | 'probation' | 'transfer' | 'absence' | 'problem';
  code: string;
  title: string;
  dueOn: string | null;
  message: string;
  basis: (StoredBasis | RuleBasis)[];
}

export interface GeneratedDigest {
  orgId: number;
  orgName: string;
  /** 'YYYY-MM'. */
  month: string;
  items: DigestItemRecord[];
}

/** A way of delivering a digest; the row in monthly_digests is the in-app delivery. */
export interface DigestChannel {
  name: string;
  deliver(digest: GeneratedDigest): Promise<void>;
}

/** In-app: the stored digest is shown on the home page and in the digest view; nothing more to send. */
export const inAppChannel: DigestChannel = { name: 'in_app', deliver: async () => {} };

/** Working hours in Asia/Shanghai, [from, to) in minutes after midnight: digests are generated only then. */
export const DIGEST_HOURS = { from: 9 * 60, to: 18 * 60 } as const;
const DIGEST_MONTH_KEY = 'compliance.digest_month';

function shanghaiMinutes(at: Date): number {
  const t = new Date(at.getTime() + 8 * 3600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/**
 * Whether this month's digests should be generated now: not yet generated for the month, today (Asia/Shanghai) a
 * working day (Monday–Friday, not a fixed-date statutory holiday: calendar.fixed_public_holidays) on or after the
 * month's first working day, and now within working hours (09:00–18:00). A server that was down on the first
 * working day generates at the next working-hour start.
 */
export function isDigestDue(now: Date, lastGeneratedMonth: string | null, tree: ParameterTree): boolean {
  const today = shanghaiDate(now);
  const month = monthOf(today);
  if (lastGeneratedMonth !== null && lastGeneratedMonth >= month) return false;
  if (!isWorkingDay(tree, today)) return false; // any working day of the month is on or after its first one
  const minutes = shanghaiMinutes(now);
  return minutes >= DIGEST_HOURS.from && minutes < DIGEST_HOURS.to;
}

const CATALOGUE_ORDER = sql.raw(`ARRAY[${MEETING_ACTIVITY_IDS.map((a) => `'${a}'`).join(', ')}]`);
const JUDGED = sql.raw(JUDGED_ORG_TYPES.map((t) => `'${t}'`).join(', '));

export function createDigests({ clock, regulations, channels = [inAppChannel] }: { clock: Clock; regulations: ParameterTree; channels?: DigestChannel[] }) {
  const memberRules = createMemberRules(regulations);

  async function lastGeneratedMonth(db: Db): Promise<string | null> {
    const [row] = await queryRows<{ value: string }>(db, sql`SELECT value FROM app_meta WHERE key = ${DIGEST_MONTH_KEY}`);
    return row?.value ?? null;
  }

  /** Builds the digests of one chunk of orgs for `month`. */
  async function build(db: Db, orgs: { id: number; name: string }[], month: string, today: string): Promise<GeneratedDigest[]> {
    const ids = intArray(orgs.map((o) => o.id));
    const from = firstDay(month);
    const to = lastDay(month);
    const items = new Map<number, DigestItemRecord[]>(orgs.map((o) => [o.id, []]));
    const push = (orgId: number, item: DigestItemRecord) => items.get(orgId)?.push(item);

    const meetings = await queryRows<{ org_id: number; obligation: string; period_end: string; light: string; code: string | null; message: string | null; basis: StoredBasis[] }>(
      db,
      sql`SELECT org_id, obligation, period_end::text AS period_end, light, code, message, basis FROM compliance_results
          WHERE org_id = ANY(${ids}) AND period_end >= ${from}::date AND period_end <= ${to}::date AND light <> 'green'
          ORDER BY org_id, period_end, array_position(${CATALOGUE_ORDER}::text[], obligation)`,
    );
    for (const r of meetings) {
      const label = obligationLabel(r.obligation);
      push(r.org_id, { kind: 'meeting', code: r.code ?? `${r.obligation}_due`, title: label, dueOn: r.period_end, message: r.message ?? `${label}应于 ${r.period_end} 前开展`, basis: r.basis });
    }

    const probations = await queryRows<{ id: number; name: string; branch_id: number; joined_on: string; extension: number; ends_on: string }>(
      db,
      sql`SELECT m.id, m.name, CASE WHEN o.type = 'party_small_group' THEN o.parent_id ELSE o.id END AS branch_id, m.joined_on::text AS joined_on,
                 m.probation_extension_months AS extension, m.probation_ends_on::text AS ends_on
          FROM members m JOIN orgs o ON o.id = m.org_id
          WHERE m.category = 'probationary' AND m.status IN ${ON_ROSTER_SQL} AND m.joined_on IS NOT NULL
            AND m.probation_ends_on >= ${from}::date AND m.probation_ends_on <= ${to}::date
            AND (o.id = ANY(${ids}) OR (o.type = 'party_small_group' AND o.parent_id = ANY(${ids})))
          ORDER BY m.probation_ends_on, m.id`,
    );
    for (const r of probations) {
      const p = memberRules.probation({ joinedOn: r.joined_on, extensionMonths: r.extension, today });
      push(r.branch_id, { kind: 'probation', code: 'probation_due', title: '预备党员转正', dueOn: r.ends_on, message: `${r.name}的预备期将于 ${r.ends_on} 届满，支部应及时讨论其能否转为正式党员`, basis: p.basis });
    }

    const terms = await queryRows<{ org_id: number; due_on: string; basis: RuleBasis[] }>(
      db,
      sql`SELECT t.org_id, t.due_on::text AS due_on, e.basis FROM org_terms t JOIN elections e ON e.id = t.election_id
          WHERE t.org_id = ANY(${ids}) AND t.due_on <= ${to}::date`,
    );
    for (const r of terms) {
      const overdue = r.due_on < from;
      push(r.org_id, {
        kind: 'election',
        code: overdue ? 'election_overdue' : 'election_due',
        title: '换届',
        dueOn: r.due_on,
        message: overdue ? `任期已于 ${r.due_on} 届满，应尽快换届（或报上级党组织批准延期）` : `任期将于 ${r.due_on} 届满，应按期换届`,
        basis: r.basis,
      });
    }

    const transfers = await queryRows<{ to_org_id: number; name: string; started_on: string; response_due_on: string | null }>(
      db,
      sql`SELECT t.to_org_id, m.name, t.started_on::text AS started_on, t.response_due_on::text AS response_due_on
          FROM member_transfers t JOIN members m ON m.id = t.member_id
          WHERE t.status = 'pending' AND t.to_org_id = ANY(${ids}) ORDER BY t.started_on, t.id`,
    );
    for (const r of transfers) {
      const tr = memberRules.transferResponse({ startedOn: r.started_on, today });
      const due = r.response_due_on ?? tr.dueOn;
      push(r.to_org_id, { kind: 'transfer', code: 'transfer_pending', title: '组织关系转接', dueOn: due, message: `${r.name}的组织关系转入待接收，应于 ${due} 前接收或退回`, basis: tr.basis });
    }

    const absences = await queryRows<{ org_id: number; code: string; message: string; basis: StoredBasis[] }>(
      db,
      sql`SELECT org_id, code, message, basis FROM member_absence_findings WHERE org_id = ANY(${ids}) ORDER BY consecutive_months DESC, member_id`,
    );
    for (const r of absences) push(r.org_id, { kind: 'absence', code: r.code, title: '连续缺席组织生活', dueOn: null, message: r.message, basis: r.basis });

    // 问题整改: open problems of the organization due this month or already overdue (deadline set by the issuing level).
    const problemRows = await queryRows<{ org_id: number; id: number; description: string; deadline: string; batch_name: string; issued_on: string; issuer: string }>(
      db,
      sql`SELECT p.responsible_org_id AS org_id, p.id, p.description, p.deadline::text AS deadline, b.name AS batch_name, b.issued_on::text AS issued_on, io.name AS issuer
          FROM problems p JOIN rectification_batches b ON b.id = p.batch_id JOIN orgs io ON io.id = p.issuing_org_id
          WHERE p.responsible_org_id = ANY(${ids}) AND p.status <> 'closed' AND p.deadline <= ${to}::date
          ORDER BY p.deadline, p.id`,
    );
    for (const r of problemRows) {
      const text = [...r.description].length > 40 ? `${[...r.description].slice(0, 40).join('')}…` : r.description;
      push(r.org_id, {
        kind: 'problem',
        code: r.deadline < from ? 'problem_overdue' : 'problem_due',
        title: '问题整改',
        dueOn: r.deadline,
        message: r.deadline < from ? `已逾期（整改时限 ${r.deadline}）：${text}` : `应于 ${r.deadline} 前完成整改并申请销号：${text}`,
        // Not a parameter of the regulations tree: the force is stated here (the issuing level's deadline binds).
        basis: [{ parameterId: 'rectification.deadline', value: r.deadline, effectiveFrom: r.issued_on, force: 'shall', sourceTitle: `${r.issuer}「${r.batch_name}」`, article: '整改时限', quote: null }],
      });
    }

    return orgs.map((o) => ({ orgId: o.id, orgName: o.name, month, items: items.get(o.id) ?? [] }));
  }

  /**
   * Generates (or regenerates) the digests of `month` for every active org with obligations, in id-ordered chunks:
   * one row per org and month, upserted without touching read_at. Then hands each to the delivery channels.
   */
  async function generateDigests(db: Db, month: string, options: { chunkSize?: number } = {}) {
    const now = clock();
    const today = shanghaiDate(now);
    const chunkSize = options.chunkSize ?? 500;
    let after = 0;
    let count = 0;
    for (;;) {
      const orgs = await queryRows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE id > ${after} AND status = 'active' AND type IN (${JUDGED}) ORDER BY id LIMIT ${chunkSize}`);
      if (orgs.length === 0) break;
      const digests = await build(db, orgs, month, today);
      await bulkUpsert(
        db,
        'monthly_digests',
        { org_id: 'integer', month: 'date', items: 'jsonb', generated_at: 'timestamptz', channels: 'jsonb' },
        digests.map((d) => ({ org_id: d.orgId, month: firstDay(month), items: d.items, generated_at: now.toISOString(), channels: channels.map((c) => c.name) })),
        ['org_id', 'month'],
        ['items', 'generated_at', 'channels'],
      );
      for (const d of digests) for (const c of channels) await c.deliver(d);
      count += digests.length;
      after = orgs[orgs.length - 1]!.id;
    }
    await db.insert(appMeta).values({ key: DIGEST_MONTH_KEY, value: month }).onConflictDoUpdate({ target: appMeta.key, set: { value: month } });
    return { month, digests: count };
  }

  return {
    lastGeneratedMonth,
    generateDigests,

    /** Generates this month's digests when due (see isDigestDue); null when not due. */
    async generateIfDue(db: Db) {
      const now = clock();
      if (!isDigestDue(now, await lastGeneratedMonth(db), regulations)) return null;
      return generateDigests(db, monthOf(shanghaiDate(now)));
    },
  };
}

export type Digests = ReturnType<typeof createDigests>;
