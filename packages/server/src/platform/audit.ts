import { createHash } from 'node:crypto';
import { asc, eq, gt } from 'drizzle-orm';
import { canonicalJson, normalize } from './canonical-json.js';
import type { Db } from './db.js';
import { auditChainHead, auditEvents } from './schema.js';

/** Who did it: taken from the request (see auth.ts `auditActor`). */
export interface AuditActor {
  userId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
}

export interface AuditEntry {
  /** Stable action code from AUDIT_ACTIONS, e.g. 'org.create'. */
  action: AuditAction;
  targetType?: string;
  targetId?: string | number | null;
  orgId?: number | null;
  result?: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
}

/** Every audited action, with the label the auditor sees. */
export const AUDIT_ACTIONS = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_change': '修改密码',
  'auth.switch_grant': '切换角色',
  'account.create': '创建账号',
  'account.update': '修改账号',
  'account.reset_password': '重置密码',
  'account.unlock': '解锁账号',
  'account.lock': '账号锁定',
  'grant.create': '授予角色',
  'grant.revoke': '撤销角色',
  'org.create': '新增组织',
  'org.update': '修改组织',
  'org.move': '调整隶属关系',
  'org.merge': '组织合并',
  'org.split': '组织拆分',
  'org.dissolve': '撤销组织',
  'committee.appoint': '任命班子成员',
  'committee.end': '班子成员免职',
  'committee.talk': '记录任职谈话',
  'election.record': '录入换届选举',
  'election.adjust': '延期或提前换届',
  'org.ledger_export': '导出台账',
  'member.read': '查看党员信息',
  'member.update': '修改党员信息',
  'member.create': '新增党员',
  'member.unmask': '查看完整身份证号或手机号',
  'member.lifecycle': '党员状态变更（转正、延长预备期、停止党籍等）',
  'member.import_start': '上传党员名册进行校验或导入',
  'member.import': '导入党员名册',
  'member.export': '导出党员名册或统计',
  'member.transfer_start': '发起组织关系转接',
  'member.transfer_accept': '接收组织关系',
  'member.transfer_return': '退回组织关系转接',
  'member.transfer_cancel': '撤回组织关系转接',
  'member.transfer_letter': '开具组织关系介绍信',
  'member.hardship': '登记困难党员',
  'member.care_visit': '记录走访慰问',
  'member.correction_request': '党员提出信息更正',
  'member.correction_resolve': '处理信息更正申请',
  'activity.create': '记录或计划组织生活',
  'activity.update': '修改组织生活记录',
  'activity.complete': '完成计划的组织生活并登记出勤',
  'activity.cancel': '取消计划的组织生活',
  'activity.export': '导出三会一课台账或会议记录',
  'digest.read': '阅读月提示',
  'rectification.batch_create': '下发整改批次',
  'rectification.category': '维护问题类别',
  'rectification.issue': '下发问题',
  'rectification.import': '导入问题清单',
  'rectification.claim': '认领问题',
  'rectification.measures': '制定整改措施',
  'rectification.progress': '报告整改进展',
  'rectification.evidence': '上传或关联整改佐证',
  'rectification.request_closure': '申请销号',
  'rectification.close': '审核通过销号',
  'rectification.return': '退回销号申请',
  'rectification.review': '回头看',
  'rectification.export': '导出问题清单或整改台账',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'audit.verify': '校验审计日志',
  'system.demo_data_loaded': '载入演示数据',
  'system.bootstrap_admins': '初始化三员账号',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const GENESIS_HASH = '0'.repeat(64);

interface HashedFields {
  id: number;
  occurredAt: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgId: number | null;
  result: string;
  before: unknown;
  after: unknown;
}

export function auditHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change, so the
 * change and its audit record commit or fail together. The head row's lock serializes writers.
 */
export async function appendAudit(tx: Db, actor: AuditActor, entry: AuditEntry, at: Date): Promise<number> {
  const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
  if (!head) throw new Error('audit_chain_head is missing');
  const fields: HashedFields = {
    id: head.lastId + 1,
    occurredAt: at.toISOString(),
    actorUserId: actor.userId,
    actorUsername: actor.username,
    actorRole: actor.role,
    ip: actor.ip,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
    orgId: entry.orgId ?? null,
    result: entry.result ?? 'success',
    before: normalize(entry.before),
    after: normalize(entry.after),
  };
  const hash = auditHash(head.lastHash, fields);
  await tx.insert(auditEvents).values({ ...fields, occurredAt: at, prevHash: head.lastHash, hash });
  await tx.update(auditChainHead).set({ lastId: fields.id, lastHash: hash }).where(eq(auditChainHead.id, 1));
  return fields.id;
}

/** Appends an event in a transaction of its own (failed logins, reads: nothing else is written). */
export function recordAudit(db: Db, actor: AuditActor, entry: AuditEntry, at: Date): Promise<number> {
  return db.transaction((tx) => appendAudit(tx, actor, entry, at));
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  brokenAtId: number | null;
  message: string;
}

/**
 * Re-computes the chain in id order, a batch at a time (memory stays flat at any size).
 * Detects an altered row (hash differs), a deleted or inserted row (gap in ids or broken prev_hash)
 * and a removed tail (the head no longer matches the last row).
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, expectedId - 1))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    for (const row of rows) {
      if (row.id !== expectedId) {
        return broken(checked, expectedId, `第 ${expectedId} 条审计记录缺失（下一条为第 ${row.id} 条），日志被删除或篡改`);
      }
      if (row.prevHash !== prevHash) {
        return broken(checked, row.id, `第 ${row.id} 条审计记录的前序哈希不匹配，日志链被篡改`);
      }
      const fields: HashedFields = {
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorUserId: row.actorUserId,
        actorUsername: row.actorUsername,
        actorRole: row.actorRole,
        ip: row.ip,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        orgId: row.orgId,
        result: row.result,
        before: row.before,
        after: row.after,
      };
      if (auditHash(prevHash, fields) !== row.hash) {
        return broken(checked, row.id, `第 ${row.id} 条审计记录内容与哈希不符，记录被修改`);
      }
      prevHash = row.hash;
      expectedId += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const [head] = await db.select().from(auditChainHead).where(eq(auditChainHead.id, 1));
  if (!head || head.lastId !== checked || head.lastHash !== prevHash) {
    return broken(checked, checked + 1, `审计日志末尾的记录缺失（应有 ${head?.lastId ?? '?'} 条，实有 ${checked} 条）`);
  }
  return { ok: true, checked, brokenAtId: null, message: `审计日志完整：已校验 ${checked} 条记录，哈希链未被篡改` };
}

function broken(checked: number, id: number, message: string): ChainVerification {
  return { ok: false, checked, brokenAtId: id, message };
}
