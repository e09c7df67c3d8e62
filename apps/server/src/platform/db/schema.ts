/**
 * Drizzle table definitions for typed queries. The SQL migrations in db/migrations are the
 * source of truth for the database; these mirror them (a test checks the columns match).
 */
import { bigint, bigserial, boolean, customType, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  parentId: uuid('parent_id'),
  kind: text('kind').$type<'county' | 'township' | 'village' | 'grid' | 'office'>().notNull(),
  name: text('name').notNull(),
  code: text('code').notNull(),
  townshipId: uuid('township_id'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const orgClosure = pgTable('org_closure', {
  ancestorId: uuid('ancestor_id').notNull(),
  descendantId: uuid('descendant_id').notNull(),
  depth: integer('depth').notNull(),
});

export const roles = pgTable('roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  permissions: text('permissions').array().notNull(),
  builtIn: boolean('built_in').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  townshipId: uuid('township_id'),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: ts('locked_until'),
  phoneEnc: bytea('phone_enc'),
  phoneBidx: bytea('phone_bidx'),
  passwordChangedAt: ts('password_changed_at'),
  lastSignInAt: ts('last_sign_in_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const userGrants = pgTable('user_grants', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  roleId: uuid('role_id').notNull(),
  orgId: uuid('org_id').notNull(),
  townshipId: uuid('township_id'),
  scope: text('scope').$type<'self' | 'org' | 'subtree' | 'all'>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  idHash: bytea('id_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  name: text('name').notNull(),
  tokenHash: bytea('token_hash').notNull(),
  permissions: text('permissions').array().notNull(),
  expiresAt: ts('expires_at').notNull(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const signInEvents = pgTable('sign_in_events', {
  id: bigserial('id', { mode: 'bigint' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  username: text('username').notNull(),
  userId: uuid('user_id'),
  orgId: uuid('org_id'),
  townshipId: uuid('township_id'),
  outcome: text('outcome').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'bigint' }).primaryKey(),
  chain: text('chain').notNull(),
  seq: bigint('seq', { mode: 'bigint' }).notNull(),
  at: ts('at').notNull(),
  actorId: uuid('actor_id'),
  orgId: uuid('org_id'),
  townshipId: uuid('township_id'),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  requestId: text('request_id'),
  prevHash: bytea('prev_hash').notNull(),
  hash: bytea('hash').notNull(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
