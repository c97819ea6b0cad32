import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import { queryRows, type Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { subtreeRange } from '../../platform/scope.js';
import { postLabel } from '../committees/committee-posts.js';
import { ELECTION_METHODS, type ElectionMethod } from '../elections/elections.service.js';
import { isOrgType, ORG_STATUS_LABELS, ORG_TYPE_NATIONAL_CODES, orgTypeLabel, STATISTICS_CATEGORY_LABELS, type OrgStatus, type StatisticsCategory } from '../org/org-types.js';
import type { OrgService } from '../org/org.service.js';

/** The ledgers (台账) of a subtree, generated from the records: never typed. */
export const LEDGERS = {
  'org-info': { title: '组织信息台账', sheet: '组织信息' },
  elections: { title: '换届选举台账', sheet: '换届选举' },
  'appointment-talks': { title: '任职谈话台账', sheet: '任职谈话' },
} as const;
export type LedgerKind = keyof typeof LEDGERS;

interface Column {
  header: string;
  key: string;
  width: number;
}

/** Keyset pages of a query ordered by (path, k): bounded memory for any subtree size. */
async function* pages<T extends { path: string; k: number }>(db: Db, query: (after: { path: string; k: number }) => ReturnType<typeof sql>, size = 1000) {
  let after = { path: '', k: 0 };
  for (;;) {
    const rows = await queryRows<T>(db, sql`${query(after)} LIMIT ${size}`);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { path: last.path, k: Number(last.k) };
    if (rows.length < size) return;
  }
}

export function createLedgersService({ db, clock, orgService }: { db: Db; clock: Clock; orgService: OrgService }) {
  const d = (v: string | null | undefined) => v ?? '';

  function definition(kind: LedgerKind, lo: string, hi: string): { columns: Column[]; rows: () => AsyncGenerator<Record<string, unknown>[]> } {
    const range = sql`o.path >= ${lo} AND o.path < ${hi}`;
    if (kind === 'org-info') {
      return {
        columns: [
          { header: '序号', key: 'index', width: 6 },
          { header: '组织名称', key: 'name', width: 36 },
          { header: '简称', key: 'shortName', width: 18 },
          { header: '组织类别', key: 'type', width: 12 },
          { header: '组织类别代码', key: 'nationalCode', width: 12 },
          { header: '所在单位类别', key: 'category', width: 12 },
          { header: '隶属上级', key: 'parentName', width: 36 },
          { header: '所在单位', key: 'units', width: 24 },
          { header: '组织编码', key: 'code', width: 16 },
          { header: '成立日期', key: 'foundedOn', width: 12 },
          { header: '批准文号', key: 'approvalDoc', width: 18 },
          { header: '状态', key: 'status', width: 8 },
          { header: '书记', key: 'secretary', width: 10 },
          { header: '本届选举日期', key: 'electedOn', width: 13 },
          { header: '届满日期', key: 'dueOn', width: 12 },
          { header: '党员数（含下级）', key: 'memberCount', width: 14 },
        ],
        rows: async function* () {
          for await (const batch of pages<{ path: string; k: number; name: string; short_name: string | null; type: string; statistics_category: string | null; parent_name: string | null; units: string | null; code: string | null; founded_on: string | null; approval_doc: string | null; status: string; secretary: string | null; elected_on: string | null; due_on: string | null; member_count: number }>(
            db,
            (after) => sql`SELECT o.path, o.id AS k, o.name, o.short_name, o.type, o.statistics_category, p.name AS parent_name, o.code, o.founded_on::text AS founded_on, o.approval_doc, o.status,
                 (SELECT string_agg(u.name, '、' ORDER BY u.name) FROM org_units ou JOIN units u ON u.id = ou.unit_id WHERE ou.org_id = o.id) AS units,
                 (SELECT m.name FROM committee_posts cp JOIN members m ON m.id = cp.member_id WHERE cp.org_id = o.id AND cp.post = 'secretary' AND cp.ended_on IS NULL LIMIT 1) AS secretary,
                 e.elected_on::text AS elected_on, t.due_on::text AS due_on,
                 (SELECT count(*)::integer FROM members m JOIN orgs s ON s.id = m.org_id WHERE s.path >= o.path AND s.path < substr(o.path, 1, length(o.path) - 1) || '0') AS member_count
               FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id LEFT JOIN org_terms t ON t.org_id = o.id LEFT JOIN elections e ON e.id = t.election_id
               WHERE ${range} AND (o.path, o.id) > (${after.path}, ${after.k}) ORDER BY o.path, o.id`,
          )) {
            yield batch.map((r) => ({
              name: r.name, shortName: d(r.short_name), type: orgTypeLabel(r.type), nationalCode: isOrgType(r.type) ? (ORG_TYPE_NATIONAL_CODES[r.type] ?? '') : '',
              category: r.statistics_category ? (STATISTICS_CATEGORY_LABELS[r.statistics_category as StatisticsCategory] ?? r.statistics_category) : '', parentName: d(r.parent_name), units: d(r.units), code: d(r.code), foundedOn: d(r.founded_on),
              approvalDoc: d(r.approval_doc), status: ORG_STATUS_LABELS[r.status as OrgStatus] ?? r.status, secretary: d(r.secretary), electedOn: d(r.elected_on), dueOn: d(r.due_on), memberCount: r.member_count,
            }));
          }
        },
      };
    }
    if (kind === 'elections') {
      return {
        columns: [
          { header: '序号', key: 'index', width: 6 },
          { header: '党组织', key: 'orgName', width: 36 },
          { header: '届次', key: 'term', width: 8 },
          { header: '选举日期', key: 'electedOn', width: 12 },
          { header: '选举方式', key: 'method', width: 12 },
          { header: '任期（年）', key: 'termYears', width: 10 },
          { header: '届满日期', key: 'dueOn', width: 12 },
          { header: '应到有选举权人数', key: 'expected', width: 14 },
          { header: '实到有选举权人数', key: 'actual', width: 14 },
          { header: '当选名单及分工', key: 'elected', width: 48 },
          { header: '上级批复日期', key: 'approvedOn', width: 13 },
          { header: '批复文号', key: 'approvalDoc', width: 18 },
          { header: '延期/提前', key: 'adjustments', width: 30 },
          { header: '任期依据', key: 'basis', width: 40 },
        ],
        rows: async function* () {
          for await (const batch of pages<{ path: string; k: number; org_name: string; term_number: number; elected_on: string; method: string; term_years: number; due_on: string; expected_voters: number | null; actual_voters: number | null; approved_on: string | null; approval_doc: string | null; elected: string | null; adjustments: string | null; basis: { sourceTitle: string; article: string }[] }>(
            db,
            (after) => sql`SELECT o.path, e.id AS k, o.name AS org_name, e.term_number, e.elected_on::text AS elected_on, e.method, e.term_years, e.due_on::text AS due_on, e.expected_voters, e.actual_voters,
                 e.approved_on::text AS approved_on, e.approval_doc, e.basis,
                 (SELECT string_agg(cp.post || ':' || m.name, '、' ORDER BY cp.id) FROM committee_posts cp JOIN members m ON m.id = cp.member_id WHERE cp.election_id = e.id) AS elected,
                 (SELECT string_agg(a.previous_due_on::text || '→' || a.new_due_on::text || '（' || a.approval_doc || '）', '；' ORDER BY a.id) FROM term_adjustments a WHERE a.election_id = e.id) AS adjustments
               FROM elections e JOIN orgs o ON o.id = e.org_id
               WHERE ${range} AND (o.path, e.id) > (${after.path}, ${after.k}) ORDER BY o.path, e.id`,
          )) {
            yield batch.map((r) => ({
              orgName: r.org_name, term: `第${r.term_number}届`, electedOn: r.elected_on, method: ELECTION_METHODS[r.method as ElectionMethod] ?? r.method, termYears: r.term_years, dueOn: r.due_on,
              expected: r.expected_voters ?? '', actual: r.actual_voters ?? '', elected: (r.elected ?? '').split('、').filter(Boolean).map((x) => { const [post, name] = x.split(':'); return `${postLabel(post ?? '')}${name ?? ''}`; }).join('、'),
              approvedOn: d(r.approved_on), approvalDoc: d(r.approval_doc), adjustments: d(r.adjustments), basis: (r.basis ?? []).map((b) => `${b.sourceTitle} ${b.article}`).join('；'),
            }));
          }
        },
      };
    }
    return {
      columns: [
        { header: '序号', key: 'index', width: 6 },
        { header: '党组织', key: 'orgName', width: 36 },
        { header: '职务', key: 'post', width: 10 },
        { header: '姓名', key: 'name', width: 10 },
        { header: '任职日期', key: 'startedOn', width: 12 },
        { header: '产生方式', key: 'source', width: 10 },
        { header: '任职文号', key: 'doc', width: 18 },
        { header: '谈话日期', key: 'talkOn', width: 12 },
        { header: '谈话人', key: 'talkBy', width: 10 },
        { header: '谈话要点', key: 'talkNote', width: 40 },
        { header: '离任日期', key: 'endedOn', width: 12 },
      ],
      rows: async function* () {
        for await (const batch of pages<{ path: string; k: number; org_name: string; post: string; name: string; started_on: string; source: string; appointment_doc: string | null; talk_on: string | null; talk_by: string | null; talk_note: string | null; ended_on: string | null }>(
          db,
          (after) => sql`SELECT o.path, cp.id AS k, o.name AS org_name, cp.post, m.name, cp.started_on::text AS started_on, cp.source, cp.appointment_doc, cp.talk_on::text AS talk_on, cp.talk_by, cp.talk_note, cp.ended_on::text AS ended_on
             FROM committee_posts cp JOIN orgs o ON o.id = cp.org_id JOIN members m ON m.id = cp.member_id
             WHERE ${range} AND (o.path, cp.id) > (${after.path}, ${after.k}) ORDER BY o.path, cp.id`,
        )) {
          yield batch.map((r) => ({
            orgName: r.org_name, post: postLabel(r.post), name: r.name, startedOn: r.started_on, source: r.source === 'elected' ? '选举' : '任命', doc: d(r.appointment_doc),
            talkOn: r.talk_on ?? '未谈话', talkBy: d(r.talk_by), talkNote: d(r.talk_note), endedOn: d(r.ended_on),
          }));
        }
      },
    };
  }

  return {
    /** Streams one ledger of the org's subtree as .xlsx; the export is audited before the first byte. */
    async export(actor: Actor, auditAs: AuditActor, orgId: number, kind: LedgerKind) {
      const root = await orgService.visibleOrg(actor, orgId);
      if (actor.scope.kind !== 'subtree') throw new AppError('E_AUTH_FORBIDDEN');
      const { lo, hi } = subtreeRange(root.path);
      const ledger = LEDGERS[kind];
      await recordAudit(db, auditAs, { action: 'org.ledger_export', targetType: 'org', targetId: root.id, orgId: root.id, after: { ledger: kind } }, clock());
      const { columns, rows } = definition(kind, lo, hi);
      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
      const sheet = workbook.addWorksheet(ledger.sheet);
      sheet.columns = columns;
      sheet.getRow(1).font = { bold: true };
      const write = async () => {
        let index = 0;
        for await (const batch of rows()) {
          for (const row of batch) sheet.addRow({ index: ++index, ...row }).commit();
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((error: unknown) => stream.destroy(error as Error));
      const stamp = shanghaiDate(clock()).replaceAll('-', '');
      return { stream, filename: `${ledger.title}-${root.shortName ?? root.name}-${stamp}.xlsx` };
    },
  };
}

export type LedgersService = ReturnType<typeof createLedgersService>;
