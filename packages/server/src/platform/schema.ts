// Drizzle table definitions mirroring migrations/*.sql (the SQL files are the source of truth;
// schema.test.ts checks that every column declared here exists in the migrated database).
import { bigint, boolean, date, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const orgs = pgTable('orgs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  parentId: integer('parent_id'),
  path: text('path').notNull(),
  depth: smallint('depth').notNull(),
  type: text('type').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  code: text('code'),
  status: text('status').notNull(),
  sortOrder: integer('sort_order').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const members = pgTable('members', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  name: text('name').notNull(),
  gender: text('gender').notNull(),
  ethnicity: text('ethnicity'),
  education: text('education'),
  birthDate: date('birth_date', { mode: 'string' }),
  joinedOn: date('joined_on', { mode: 'string' }),
  fullMemberOn: date('full_member_on', { mode: 'string' }),
  category: text('category').notNull(),
  status: text('status').notNull(),
  position: text('position'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull(),
  passwordChangedAt: ts('password_changed_at'),
  failedLoginCount: integer('failed_login_count').notNull(),
  lockedUntil: ts('locked_until'),
  status: text('status').notNull(),
  memberId: integer('member_id'),
  isDemo: boolean('is_demo').notNull(),
  lastLoginAt: ts('last_login_at'),
  createdAt: ts('created_at').notNull(),
});

export const roleGrants = pgTable('role_grants', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull(),
  role: text('role').notNull(),
  orgId: integer('org_id'),
  grantedBy: integer('granted_by'),
  grantedAt: ts('granted_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedBy: integer('revoked_by'),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  activeGrantId: integer('active_grant_id'),
  csrfToken: text('csrf_token').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: ts('created_at').notNull(),
  lastSeenAt: ts('last_seen_at').notNull(),
});

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  occurredAt: ts('occurred_at').notNull(),
  actorUserId: integer('actor_user_id'),
  actorUsername: text('actor_username'),
  actorRole: text('actor_role'),
  ip: text('ip'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  orgId: integer('org_id'),
  result: text('result').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

export const auditChainHead = pgTable('audit_chain_head', {
  id: smallint('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
