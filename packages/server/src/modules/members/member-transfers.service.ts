/**
 * 组织关系转接. Internal: the sending organization starts it, the receiving one accepts (the member and
 * the history move with it) or returns it with a reason, within the limit of the rule
 * members.transfer_response. While pending the member stays with the sender: the receiver sees the
 * transfer (name only), not the member's record; after acceptance the sender no longer sees the record.
 * Outbound (to an organization outside the system): the member leaves the roster and the sender prints
 * the 介绍信 (.docx).
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { and, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { BRANCH_LIKE, ETHNICITY_CODES, labelOf, maskIdNumber } from '@dangjian/regulations';
import { appendAudit, recordAudit, type AuditActor } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth.js';
import { shanghaiDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { FieldCrypto } from '../../platform/field-crypto.js';
import { containsPattern, pageWindow } from '../../platform/http-schemas.js';
import { memberOrgHistory, members, memberTransfers, orgs } from '../../platform/schema.js';
import { scopeCondition, scopeIncludes } from '../../platform/scope.js';
import { findOrg } from '../org/org.repo.js';
import { recordMemberEvent } from './member-events.js';
import type { MemberRules } from './member-rules.js';
import { GENDER_LABELS, ON_ROSTER_STATUSES } from './members.schemas.js';

export interface MemberTransfersDeps {
  db: Db;
  clock: Clock;
  fieldCrypto: FieldCrypto;
  rules: MemberRules;
}

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

const CHINESE_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/** 大写 numbers as the 介绍信 writes them (有效期 叁拾 天). */
export function chineseUpper(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n]!;
  if (n < 100) return `${n >= 20 ? CHINESE_DIGITS[Math.floor(n / 10)] : '壹'}拾${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  const h = Math.floor(n / 100);
  const rest = n % 100;
  return `${CHINESE_DIGITS[h]}佰${rest === 0 ? '' : rest < 10 ? `零${CHINESE_DIGITS[rest]}` : chineseUpper(rest).replace(/^拾/, '壹拾')}`;
}

export function createMemberTransfersService({ db, clock, fieldCrypto, rules }: MemberTransfersDeps) {
  const today = () => shanghaiDate(clock());

  function select() {
    return db
      .select({
        t: memberTransfers,
        memberName: members.name,
        fromOrgName: fromOrg.name,
        fromOrgPath: fromOrg.path,
        toOrgName: toOrg.name,
        toOrgPath: toOrg.path,
      })
      .from(memberTransfers)
      .innerJoin(members, eq(members.id, memberTransfers.memberId))
      .innerJoin(fromOrg, eq(fromOrg.id, memberTransfers.fromOrgId))
      .leftJoin(toOrg, eq(toOrg.id, memberTransfers.toOrgId));
  }
  type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

  function view(r: Row) {
    const t = r.t;
    const due = t.status === 'pending' && t.kind === 'internal' ? rules.transferResponse({ startedOn: t.startedOn, today: today() }) : null;
    return {
      id: t.id,
      memberId: t.memberId,
      memberName: r.memberName,
      kind: t.kind,
      fromOrgId: t.fromOrgId,
      fromOrgName: r.fromOrgName,
      toOrgId: t.toOrgId,
      toOrgName: t.kind === 'internal' ? r.toOrgName : t.destination,
      status: t.status,
      reason: t.reason,
      startedOn: t.startedOn,
      responseDueOn: t.responseDueOn,
      respondedOn: t.respondedOn,
      responseNote: t.responseNote,
      letterNumber: t.letterNumber,
      findings: due?.findings ?? [],
    };
  }

  async function load(id: number): Promise<Row | undefined> {
    const [row] = await select().where(eq(memberTransfers.id, id));
    return row;
  }

  /** The transfer, if the actor's scope covers the given side of it. */
  async function visible(actor: Actor, id: number, side: 'from' | 'to' | 'either'): Promise<Row> {
    const row = await load(id);
    const seesFrom = row ? scopeIncludes(actor.scope, row.fromOrgPath) : false;
    const seesTo = row?.toOrgPath ? scopeIncludes(actor.scope, row.toOrgPath) : false;
    const ok = side === 'from' ? seesFrom : side === 'to' ? seesTo : seesFrom || seesTo;
    if (!row || !ok) throw new AppError('E_TRANSFER_NOT_FOUND');
    return row;
  }

  return {
    /** Branch-like organizations anywhere in the system, by name: transfers cross organs. Names and parents only. */
    async targets(actor: Actor, q: string) {
      const term = q.trim();
      if (!term) return { items: [] };
      const parent = alias(orgs, 'parent');
      const rows = await db
        .select({ id: orgs.id, name: orgs.name, parentName: parent.name })
        .from(orgs)
        .leftJoin(parent, eq(parent.id, orgs.parentId))
        .where(and(ilike(orgs.name, containsPattern(term)), inArray(orgs.type, [...BRANCH_LIKE]), eq(orgs.status, 'active')))
        .orderBy(orgs.name, orgs.id)
        .limit(20);
      return { items: rows.map((r) => ({ id: r.id, name: r.name, parentName: r.parentName })) };
    },

    async start(actor: Actor, auditAs: AuditActor, body: { memberId: number; kind: 'internal' | 'outbound'; toOrgId?: number; destination?: string; reason: string; startedOn: string; duesPaidUntil?: string }) {
      const [m] = await db.select({ member: members, orgPath: orgs.path }).from(members).innerJoin(orgs, eq(orgs.id, members.orgId)).where(eq(members.id, body.memberId));
      if (!m || !scopeIncludes(actor.scope, m.orgPath)) throw new AppError('E_MEMBER_NOT_FOUND', undefined, [{ field: 'memberId', message: '党员不在管理范围内' }]);
      if (!(ON_ROSTER_STATUSES as readonly string[]).includes(m.member.status)) throw new AppError('E_MEMBER_NOT_ON_ROSTER');
      if (body.startedOn > today()) throw new AppError('E_TRANSFER_INVALID', '转出日期晚于今天', [{ field: 'startedOn', message: '转出日期晚于今天' }]);
      const [pending] = await db.select({ id: memberTransfers.id }).from(memberTransfers).where(and(eq(memberTransfers.memberId, body.memberId), eq(memberTransfers.status, 'pending')));
      if (pending) throw new AppError('E_TRANSFER_PENDING');
      const now = clock();
      const reason = body.reason.trim();
      if (body.kind === 'internal') {
        if (body.toOrgId === undefined) throw new AppError('E_TRANSFER_INVALID', '请选择转入的党组织', [{ field: 'toOrgId', message: '请选择转入的党组织' }]);
        const to = await findOrg(db, body.toOrgId);
        if (!to || !(BRANCH_LIKE as readonly string[]).includes(to.type) || to.status !== 'active') {
          throw new AppError('E_TRANSFER_INVALID', '转入的党组织须为现有的党支部', [{ field: 'toOrgId', message: '转入的党组织须为现有的党支部' }]);
        }
        if (to.id === m.member.orgId) throw new AppError('E_TRANSFER_INVALID', '转入与转出是同一个党组织', [{ field: 'toOrgId', message: '与现所在党组织相同' }]);
        const due = rules.transferResponse({ startedOn: body.startedOn, today: body.startedOn });
        const id = await db.transaction(async (tx) => {
          const [t] = await tx
            .insert(memberTransfers)
            .values({ memberId: body.memberId, kind: 'internal', fromOrgId: m.member.orgId, toOrgId: to.id, status: 'pending', reason, startedOn: body.startedOn, responseDueOn: due.dueOn, duesPaidUntil: body.duesPaidUntil ?? null, startedBy: actor.userId, createdAt: now })
            .returning({ id: memberTransfers.id });
          await recordMemberEvent(tx, { memberId: body.memberId, kind: 'transfer_started', occurredOn: body.startedOn, orgId: m.member.orgId, summary: `组织关系转往「${to.name}」，待接收（${due.dueOn} 前）`, reason, actorUserId: actor.userId }, now);
          await appendAudit(tx, auditAs, { action: 'member.transfer_start', targetType: 'member_transfer', targetId: t!.id, orgId: m.member.orgId, after: { memberId: body.memberId, toOrgId: to.id } }, now);
          return t!.id;
        });
        return view((await load(id))!);
      }
      const destination = body.destination?.trim();
      if (!destination) throw new AppError('E_TRANSFER_INVALID', '请填写转入党组织的名称', [{ field: 'destination', message: '请填写转入党组织的名称' }]);
      const id = await db.transaction(async (tx) => {
        const [t] = await tx
          .insert(memberTransfers)
          .values({
            memberId: body.memberId,
            kind: 'outbound',
            fromOrgId: m.member.orgId,
            destination,
            status: 'issued',
            reason,
            startedOn: body.startedOn,
            duesPaidUntil: body.duesPaidUntil ?? null,
            validityDays: rules.letterValidityDays(body.startedOn),
            startedBy: actor.userId,
            createdAt: now,
          })
          .returning({ id: memberTransfers.id });
        await tx.update(memberTransfers).set({ letterNumber: `${body.startedOn.slice(0, 4)}-${String(t!.id).padStart(4, '0')}` }).where(eq(memberTransfers.id, t!.id));
        await tx.update(members).set({ status: 'transferred_out', leftOn: body.startedOn, updatedAt: now }).where(eq(members.id, body.memberId));
        await recordMemberEvent(tx, { memberId: body.memberId, kind: 'transferred_out', occurredOn: body.startedOn, orgId: m.member.orgId, summary: `组织关系转出本系统，转往「${destination}」`, reason, actorUserId: actor.userId }, now);
        await appendAudit(tx, auditAs, { action: 'member.transfer_start', targetType: 'member_transfer', targetId: t!.id, orgId: m.member.orgId, after: { memberId: body.memberId, kind: 'outbound' } }, now);
        return t!.id;
      });
      return view((await load(id))!);
    },

    async list(actor: Actor, query: { direction: 'incoming' | 'outgoing'; status?: string; page?: number; pageSize?: number }) {
      const { page, pageSize, offset } = pageWindow(query);
      const side: SQL = query.direction === 'incoming' ? scopeCondition(actor.scope, toOrg) : scopeCondition(actor.scope, fromOrg);
      const where = and(side, query.status ? eq(memberTransfers.status, query.status) : undefined);
      const [total] = await db
        .select({ n: count() })
        .from(memberTransfers)
        .innerJoin(fromOrg, eq(fromOrg.id, memberTransfers.fromOrgId))
        .leftJoin(toOrg, eq(toOrg.id, memberTransfers.toOrgId))
        .where(where);
      const rows = await select()
        .where(where)
        .orderBy(sql`CASE WHEN ${memberTransfers.status} = 'pending' THEN 0 ELSE 1 END`, desc(memberTransfers.startedOn), desc(memberTransfers.id))
        .limit(pageSize)
        .offset(offset);
      return { items: rows.map(view), total: total?.n ?? 0, page, pageSize };
    },

    async accept(actor: Actor, auditAs: AuditActor, id: number) {
      const row = await visible(actor, id, 'to');
      if (row.t.status !== 'pending') throw new AppError('E_TRANSFER_STATE');
      const now = clock();
      const on = today();
      await db.transaction(async (tx) => {
        await tx.update(memberTransfers).set({ status: 'accepted', respondedOn: on, respondedBy: actor.userId }).where(and(eq(memberTransfers.id, id), eq(memberTransfers.status, 'pending')));
        await tx.update(members).set({ orgId: row.t.toOrgId!, updatedAt: now }).where(eq(members.id, row.t.memberId));
        await tx.insert(memberOrgHistory).values({ memberId: row.t.memberId, fromOrgId: row.t.fromOrgId, toOrgId: row.t.toOrgId!, movedOn: on, reason: `组织关系转接：${row.t.reason}`, createdAt: now });
        await recordMemberEvent(tx, { memberId: row.t.memberId, kind: 'transfer_accepted', occurredOn: on, orgId: row.t.toOrgId!, summary: `组织关系由「${row.fromOrgName}」转入「${row.toOrgName}」`, reason: null, actorUserId: actor.userId }, now);
        await appendAudit(tx, auditAs, { action: 'member.transfer_accept', targetType: 'member_transfer', targetId: id, orgId: row.t.toOrgId, after: { memberId: row.t.memberId } }, now);
      });
      return view((await load(id))!);
    },

    async returnTransfer(actor: Actor, auditAs: AuditActor, id: number, reason: string) {
      const row = await visible(actor, id, 'to');
      if (row.t.status !== 'pending') throw new AppError('E_TRANSFER_STATE');
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(memberTransfers).set({ status: 'returned', respondedOn: today(), respondedBy: actor.userId, responseNote: reason.trim() }).where(eq(memberTransfers.id, id));
        await recordMemberEvent(tx, { memberId: row.t.memberId, kind: 'transfer_returned', occurredOn: today(), orgId: row.t.fromOrgId, summary: `「${row.toOrgName}」退回组织关系转接`, reason: reason.trim(), actorUserId: actor.userId }, now);
        await appendAudit(tx, auditAs, { action: 'member.transfer_return', targetType: 'member_transfer', targetId: id, orgId: row.t.toOrgId, after: { reason: reason.trim() } }, now);
      });
      return view((await load(id))!);
    },

    async cancel(actor: Actor, auditAs: AuditActor, id: number) {
      const row = await visible(actor, id, 'from');
      if (row.t.status !== 'pending') throw new AppError('E_TRANSFER_STATE');
      const now = clock();
      await db.transaction(async (tx) => {
        await tx.update(memberTransfers).set({ status: 'cancelled', respondedOn: today() }).where(eq(memberTransfers.id, id));
        await recordMemberEvent(tx, { memberId: row.t.memberId, kind: 'transfer_cancelled', occurredOn: today(), orgId: row.t.fromOrgId, summary: '撤回组织关系转接', reason: null, actorUserId: actor.userId }, now);
        await appendAudit(tx, auditAs, { action: 'member.transfer_cancel', targetType: 'member_transfer', targetId: id, orgId: row.t.fromOrgId }, now);
      });
      return view((await load(id))!);
    },

    /**
     * The 介绍信 (组通字〔2006〕45号 format: 存根, 介绍信, 回执) for an outbound transfer. The ID number is
     * masked unless the actor holds member:unmask and asks for it; that view is audited as an unmask.
     */
    async letter(actor: Actor, auditAs: AuditActor, id: number, unmasked: boolean) {
      const row = await visible(actor, id, 'from');
      if (row.t.kind !== 'outbound') throw new AppError('E_TRANSFER_INVALID', '只有转出本系统的转接需要开具介绍信');
      if (unmasked && !actor.permissions.has('member:unmask')) throw new AppError('E_AUTH_FORBIDDEN', '没有查看完整身份证号的权限');
      const [m] = await db.select().from(members).where(eq(members.id, row.t.memberId));
      const id18 = m!.idNumberCipher ? fieldCrypto.decrypt(m!.idNumberCipher) : null;
      const idText = id18 ? (unmasked ? id18 : maskIdNumber(id18)) : '';
      const age = m!.birthDate ? Number(row.t.startedOn.slice(0, 4)) - Number(m!.birthDate.slice(0, 4)) - (row.t.startedOn.slice(5) < m!.birthDate.slice(5) ? 1 : 0) : null;
      const validity = row.t.validityDays ?? rules.letterValidityDays(row.t.startedOn);
      const number = row.t.letterNumber ?? String(row.t.id);
      const [y, mo, d] = row.t.startedOn.split('-');
      const dateText = `${y}年${Number(mo)}月${Number(d)}日`;
      const dues = row.t.duesPaidUntil ? `${row.t.duesPaidUntil.slice(0, 4)}年${Number(row.t.duesPaidUntil.slice(5))}月` : '    年  月';
      const category = m!.category === 'full' ? '正式' : '预备';
      const gender = GENDER_LABELS[m!.gender as 'male' | 'female'] ?? m!.gender;
      const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) =>
        new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 120 }, children: [new TextRun({ text, bold: opts.bold ?? false, size: opts.size ?? 24, font: 'FangSong' })] });
      const doc = new Document({
        sections: [
          {
            children: [
              p('中国共产党党员组织关系介绍信', { bold: true, center: true, size: 36 }),
              p('（存根）', { center: true }),
              p(`第 ${number} 号`),
              p(`${m!.name}同志系中共${category}党员，组织关系由${row.fromOrgName}转到${row.t.destination}。`),
              p(`党费交到${dues}。有效期${chineseUpper(validity)}天。`),
              p(dateText),
              p('------------------------------------------------------------', { center: true }),
              p('中国共产党党员组织关系介绍信', { bold: true, center: true, size: 36 }),
              p(`第 ${number} 号`),
              p(`${row.t.destination}：`),
              p(`    兹介绍${m!.name}同志（${gender}，${age ?? '  '}岁，${m!.ethnicity ? (labelOf(ETHNICITY_CODES, m!.ethnicity) ?? m!.ethnicity) : ''}，中共${category}党员，身份证号码${idText}）的党员组织关系由${row.fromOrgName}转去${row.t.destination}，请接洽。`),
              p(`    该同志党费已交到${dues}。`),
              p(`    （有效期${chineseUpper(validity)}天）`),
              p(`（盖章）${row.fromOrgName}`, {}),
              p(dateText),
              p('------------------------------------------------------------', { center: true }),
              p('中国共产党党员组织关系介绍信回执', { bold: true, center: true, size: 32 }),
              p(`第 ${number} 号`),
              p(`${row.fromOrgName}：`),
              p(`    ${m!.name}同志的党员组织关系已转达我处，特此回复。`),
              p('（盖章）            年    月    日'),
            ],
          },
        ],
      });
      const buffer = await Packer.toBuffer(doc);
      if (unmasked) await recordAudit(db, auditAs, { action: 'member.unmask', targetType: 'member', targetId: row.t.memberId, orgId: row.t.fromOrgId, after: { field: 'idNumber', via: 'transfer_letter' } }, clock());
      await recordAudit(db, auditAs, { action: 'member.transfer_letter', targetType: 'member_transfer', targetId: id, orgId: row.t.fromOrgId, after: { unmasked } }, clock());
      return { buffer, filename: `组织关系介绍信-${m!.name}-${number}.docx` };
    },
  };
}

export type MemberTransfersService = ReturnType<typeof createMemberTransfersService>;
