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
};

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
  const loadDemo = env.FAZHI_DEMO ?? 'auto';
  if (loadDemo !== 'auto' && loadDemo !== 'never') problems.push(`FAZHI_DEMO=${loadDemo}: expected auto or never`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: unknown level`);

  const config: Config = {
    host: env.HOST ?? '0.0.0.0',
    port: int('PORT', 3000, 1, 65535),
    databaseUrl,
    databaseAppUrl: url('DATABASE_APP_URL'),
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
  };
  if (problems.length > 0) {
    throw new StartupError(`Configuration is not valid:\n  - ${problems.join('\n  - ')}\nSee docs/operations.md for every setting.`);
  }
  return config;
};
