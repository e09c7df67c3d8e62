import pg from 'pg';
import { hmacSm3 } from '../crypto/sm.ts';

/** The ordinary role the server uses for request work; row-level security applies to it. */
export const APP_ROLE = 'fazhi_app';

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Creates the database if it does not exist, always with a UTF-8 ctype (Chinese trigram
 * and full-text search depend on it). Connects to the `postgres` maintenance database.
 * The first connection of a start or a command, so it is the one that gives up on a server that
 * does not answer.
 */
export const ensureDatabase = async (ownerUrl: string, connectTimeoutMs = 10_000): Promise<void> => {
  const u = new URL(ownerUrl);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  // A server that does not answer is a failed start within seconds, not a wait for TCP's timeout.
  const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
    }
  } finally {
    await client.end();
  }
};

/** The app role's password, derived from the master key so nothing more has to be stored. */
export const appRolePassword = (masterKey: Buffer): string => hmacSm3(masterKey, 'fazhi/db/app-role').toString('hex');

/**
 * Makes sure the ordinary login role exists with the derived password, and returns the URL
 * the request pool connects with. With DATABASE_APP_URL set, the operator manages the role.
 */
export const ensureAppRole = async (ownerUrl: string, masterKey: Buffer): Promise<string> => {
  const password = appRolePassword(masterKey);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Serialise role creation across databases of one cluster (parallel test databases).
    await client.query('SELECT pg_advisory_lock(7340001)');
    const exists = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`);
    } else {
      await client.query(`ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`);
    }
    await client.query('SELECT pg_advisory_unlock(7340001)');
  } finally {
    await client.end();
  }
  return appRoleUrl(ownerUrl, masterKey);
};

/** The request pool's URL: the owner's server and database, the app role's credentials. */
export const appRoleUrl = (ownerUrl: string, masterKey: Buffer): string => {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = appRolePassword(masterKey);
  return u.toString();
};

/**
 * The replica pool's URL (DATABASE_READ_URL): the replica's server, database and options, the
 * request role's user and password. Roles are replicated with everything else, so the role
 * the primary's request pool signs in as exists on the replica with the same password, and
 * row-level security applies there exactly as on the primary.
 */
export const replicaUrl = (readUrl: string, appUrl: string): string => {
  const u = new URL(readUrl);
  const app = new URL(appUrl);
  u.username = app.username;
  u.password = app.password;
  return u.toString();
};
