import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './platform/errors.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type Config = {
  host: string;
  port: number;
  /** Owner connection: migrations and platform internals. Unset = embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Ordinary-role connection for request work (row-level security applies). Unset = derived. */
  databaseAppUrl: string | null;
  /**
   * A streaming replica's address (host, port, database) for the heavy read-only work: figures,
   * the cockpit, reports and exports. Its requests run as the request role, with the request
   * role's credentials; null = they run on the primary's request pool.
   */
  databaseReadUrl: string | null;
  dataDir: string;
  embeddedPort: number;
  masterKeyHex: string | null;
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  loadDemo: 'auto' | 'never';
  logLevel: string;
  webDist: string;
  signInRateLimitPerMinute: number;
  publicRateLimitPerMinute: number;
  /** A step dated more than this many days before the day it is entered is a late entry (补录). */
  lateEntryDays: number;
  /** Where attachments' bytes are kept: `<dataDir>/files` or an S3-compatible bucket. */
  files: FilesConfig;
  maxUploadBytes: number;
  /** SMS and e-mail delivery (platform/outbox): an unset channel is disabled. */
  outbox: OutboxConfig;
  /** Connection pools and the database's time limits (docs/operations.md, docs/reliability.md). */
  db: DbConfig;
  /** The command map's optional tile layer beneath the boundaries (docs/map.md); none: the map works offline without it. */
  mapTiles: { url: string | null; attribution: string; maxZoom: number };
  /** The video platform cameras are watched through (wvp-GB28181-pro); null = 未接入. */
  video: VideoConfig | null;
};

/** wvp-GB28181-pro's REST API: base URL, account and the time a call may take (modules/safety). */
export type VideoConfig = { wvpUrl: string; user: string; password: string; timeoutMs: number };

export type DbConfig = {
  /** Connections of the ordinary role's pool (request work). */
  appPoolMax: number;
  /** Connections of the owner's pool (sign-in, sessions, public applications, jobs). */
  systemPoolMax: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  acquireTimeoutMs: number;
  /** Longest statement; a longer one is cancelled (SQLSTATE 57014) and answered 503. */
  statementTimeoutMs: number;
  /** A transaction idle this long is ended by the server, releasing its locks. */
  idleInTransactionTimeoutMs: number;
  /** How long /readyz waits for a connection of the ordinary role's pool. */
  readyTimeoutMs: number;
  /** Connections of the replica's pool (DATABASE_READ_URL), when there is one. */
  readPoolMax: number;
};

export type OutboxConfig = {
  smtpUrl: string | null;
  smtpFrom: string | null;
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  maxAttempts: number;
};

export type FilesConfig =
  | { kind: 'local' }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; pathStyle: boolean };

type Env = Record<string, string | undefined>;

/**
 * Reads configuration from the environment and validates all of it at once, so a bad
 * deployment stops at start with every problem named rather than failing later.
 */
export const loadConfig = (env: Env = process.env): Config => {
  const problems: string[] = [];
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return dflt;
    }
    return n;
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${raw}: expected true or false`);
    return dflt;
  };
  const url = (name: string): string | null => {
    const raw = env[name];
    if (!raw) return null;
    try {
      const u = new URL(raw);
      if (!['postgres:', 'postgresql:'].includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      problems.push(`${name}: expected a postgres:// URL`);
      return null;
    }
  };
  const masterKeyHex = env.FAZHI_MASTER_KEY ?? null;
  if (masterKeyHex !== null && !/^[0-9a-fA-F]{64}$/.test(masterKeyHex)) {
    problems.push('FAZHI_MASTER_KEY: expected 64 hexadecimal characters (32 bytes); generate one with `fazhi keygen`');
  }
  const databaseUrl = url('DATABASE_URL');
  if (databaseUrl && !masterKeyHex) {
    problems.push('FAZHI_MASTER_KEY is required with DATABASE_URL: personal data is encrypted with it and must not depend on a file on one server');
  }
  const databaseReadUrl = url('DATABASE_READ_URL');
  // The replica is read as the request role, row-level security on: the user and password are
  // always the request role's (derived, or DATABASE_APP_URL's), never another role's.
  const readHasUser = databaseReadUrl !== null && (new URL(databaseReadUrl).username !== '' || new URL(databaseReadUrl).password !== '');
  if (readHasUser) {
    problems.push('DATABASE_READ_URL: expected the replica\'s address without a user or password, e.g. postgres://replica.example:5432/fazhi (requests read it as the request role, with its credentials)');
  }
  const loadDemo = env.FAZHI_DEMO ?? 'auto';
  if (loadDemo !== 'auto' && loadDemo !== 'never') problems.push(`FAZHI_DEMO=${loadDemo}: expected auto or never`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: unknown level`);
  const filesKind = env.FAZHI_FILES || 'local';
  let files: FilesConfig = { kind: 'local' };
  if (filesKind === 's3') {
    const need = (name: string): string => {
      const v = env[name] ?? '';
      if (!v) problems.push(`${name} is required with FAZHI_FILES=s3`);
      return v;
    };
    const endpoint = need('S3_ENDPOINT').replace(/\/$/, '');
    if (endpoint && !/^https?:\/\/[^/?#@\s]+$/.test(endpoint)) problems.push(`S3_ENDPOINT=${endpoint}: expected http(s)://host[:port], without a path`);
    const bucket = need('S3_BUCKET');
    if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push(`S3_BUCKET=${bucket}: expected 3 to 63 lower-case letters, digits, dots or hyphens`);
    const region = env.S3_REGION || 'us-east-1';
    if (!/^[a-z0-9-]{1,64}$/.test(region)) problems.push(`S3_REGION=${region}: expected lower-case letters, digits and hyphens`);
    files = { kind: 's3', endpoint, bucket, region, accessKeyId: need('S3_ACCESS_KEY_ID'), secretAccessKey: need('S3_SECRET_ACCESS_KEY'), pathStyle: bool('S3_PATH_STYLE', true) };
  } else if (filesKind !== 'local') problems.push(`FAZHI_FILES=${filesKind}: expected local or s3`);

  const tileUrl = env.FAZHI_MAP_TILE_URL || null;
  if (tileUrl !== null && (!/^https?:\/\/[^/?#@\s]+\/\S*$/.test(tileUrl) || !['{z}', '{x}', '{y}'].every((p) => tileUrl.includes(p)))) {
    problems.push('FAZHI_MAP_TILE_URL: expected an http(s):// URL template with {z}, {x} and {y} (and optionally {s} for t0–t7), e.g. a Tianditu WMTS URL with your key');
  }

  const config: Config = {
    host: env.HOST ?? '0.0.0.0',
    port: int('PORT', 3000, 1, 65535),
    databaseUrl,
    databaseAppUrl: url('DATABASE_APP_URL'),
    databaseReadUrl,
    dataDir: path.resolve(env.FAZHI_DATA_DIR ?? path.join(repoRoot, 'data')),
    embeddedPort: int('FAZHI_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    masterKeyHex,
    sessionIdleSeconds: int('FAZHI_SESSION_IDLE_MINUTES', 30, 1, 24 * 60) * 60,
    sessionMaxSeconds: int('FAZHI_SESSION_MAX_HOURS', 12, 1, 24 * 30) * 3600,
    cookieSecure: bool('FAZHI_COOKIE_SECURE', false),
    trustProxy: bool('FAZHI_TRUST_PROXY', false),
    loadDemo: loadDemo === 'never' ? 'never' : 'auto',
    logLevel,
    webDist: path.resolve(env.FAZHI_WEB_DIST ?? path.join(repoRoot, 'apps/web/dist')),
    signInRateLimitPerMinute: int('FAZHI_SIGNIN_RATE_PER_MINUTE', 20, 1, 100000),
    publicRateLimitPerMinute: int('FAZHI_PUBLIC_RATE_PER_MINUTE', 120, 1, 100000),
    lateEntryDays: int('FAZHI_LATE_ENTRY_DAYS', 7, 0, 3650),
    files,
    maxUploadBytes: int('FAZHI_MAX_UPLOAD_MB', 20, 1, 2048) * 1024 * 1024,
    outbox: outboxConfig(env, problems, int('FAZHI_OUTBOX_MAX_ATTEMPTS', 5, 1, 20)),
    video: videoConfig(env, problems, int('FAZHI_VIDEO_TIMEOUT_MS', 5_000, 100, 60_000)),
    db: {
      appPoolMax: int('FAZHI_DB_APP_POOL', 20, 2, 500),
      systemPoolMax: int('FAZHI_DB_SYSTEM_POOL', 5, 2, 100),
      acquireTimeoutMs: int('FAZHI_DB_ACQUIRE_TIMEOUT_MS', 10_000, 100, 600_000),
      statementTimeoutMs: int('FAZHI_DB_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
      idleInTransactionTimeoutMs: int('FAZHI_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 1000, 3_600_000),
      readyTimeoutMs: int('FAZHI_READY_TIMEOUT_MS', 2_000, 100, 60_000),
      readPoolMax: int('FAZHI_DB_READ_POOL', 10, 2, 500),
    },
    mapTiles: { url: tileUrl, attribution: (env.FAZHI_MAP_TILE_ATTRIBUTION ?? '').slice(0, 200), maxZoom: int('FAZHI_MAP_TILE_MAX_ZOOM', 18, 1, 22) },
  };
  if (problems.length > 0) {
    throw new StartupError(`配置无效 / Configuration is not valid:\n  - ${problems.join('\n  - ')}\nSee docs/operations.md for every setting.`);
  }
  return config;
};

/**
 * FAZHI_VIDEO_WVP_URL (http(s)://, wvp-GB28181-pro's base) with FAZHI_VIDEO_WVP_USER and
 * FAZHI_VIDEO_WVP_PASSWORD; none of them is a platform not connected (未接入).
 */
const videoConfig = (env: Env, problems: string[], timeoutMs: number): VideoConfig | null => {
  const raw = env.FAZHI_VIDEO_WVP_URL;
  if (!raw) return null;
  let ok = false;
  try { ok = ['http:', 'https:'].includes(new URL(raw).protocol); } catch { /* reported below */ }
  if (!ok) problems.push('FAZHI_VIDEO_WVP_URL: expected an http:// or https:// URL');
  const user = env.FAZHI_VIDEO_WVP_USER ?? '';
  const password = env.FAZHI_VIDEO_WVP_PASSWORD ?? '';
  if (!user || !password) problems.push('FAZHI_VIDEO_WVP_USER and FAZHI_VIDEO_WVP_PASSWORD are required with FAZHI_VIDEO_WVP_URL');
  return ok ? { wvpUrl: raw.replace(/\/$/, ''), user, password, timeoutMs } : null;
};

/**
 * SMTP_URL (smtp:// or smtps://) with SMTP_FROM; SMS_GATEWAY_URL (http(s)://) with
 * SMS_GATEWAY_TOKEN. Half a channel is a mistake worth stopping for; none is a disabled channel.
 */
const outboxConfig = (env: Env, problems: string[], maxAttempts: number): OutboxConfig => {
  const urlOf = (name: string, protocols: string[]): string | null => {
    const raw = env[name];
    if (!raw) return null;
    try {
      if (protocols.includes(new URL(raw).protocol)) return raw;
    } catch { /* reported below */ }
    problems.push(`${name}: expected a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
    return null;
  };
  const smtpUrl = urlOf('SMTP_URL', ['smtp:', 'smtps:']);
  const smsGatewayUrl = urlOf('SMS_GATEWAY_URL', ['http:', 'https:']);
  const smtpFrom = env.SMTP_FROM || null;
  const smsGatewayToken = env.SMS_GATEWAY_TOKEN || null;
  if (smtpUrl && !smtpFrom) problems.push('SMTP_FROM is required with SMTP_URL (the sender address, e.g. "张八桥镇人民政府 <noreply@example.gov.cn>")');
  if (smsGatewayUrl && !smsGatewayToken) problems.push('SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL');
  return { smtpUrl, smtpFrom, smsGatewayUrl, smsGatewayToken, maxAttempts };
};
