import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { replicaUrl } from './platform/db/bootstrap.ts';

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: null, sessionIdleSeconds: 1800, loadDemo: 'auto' });
  });

  it('names every bad setting at once and refuses to start', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', FAZHI_SESSION_IDLE_MINUTES: '0', FAZHI_MASTER_KEY: 'short' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['PORT=eighty', 'DATABASE_URL', 'FAZHI_MASTER_KEY', 'FAZHI_SESSION_IDLE_MINUTES=0']) expect(message).toContain(name);
  });

  it('requires a master key with an external database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db.example/fazhi' })).toThrow(/FAZHI_MASTER_KEY is required/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db.example/fazhi', FAZHI_MASTER_KEY: 'a'.repeat(64) }).databaseUrl).toContain('db.example');
  });

  it('takes a read replica\'s address, without credentials (it is read as the request role)', () => {
    expect(loadConfig({}).databaseReadUrl).toBeNull();
    expect(loadConfig({ DATABASE_READ_URL: 'postgres://replica.example:5433/fazhi' }).databaseReadUrl).toBe('postgres://replica.example:5433/fazhi');
    expect(() => loadConfig({ DATABASE_READ_URL: 'http://replica.example/fazhi' })).toThrow(/DATABASE_READ_URL: expected a postgres:\/\/ URL/);
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://fazhi_owner:secret@replica.example/fazhi' })).toThrow(/DATABASE_READ_URL: expected the replica's address without a user or password/);
    // The replica's server, database and options; the request role's user and password.
    expect(replicaUrl('postgres://replica.example:5433/fazhi?sslmode=require', 'postgres://fazhi_app:p%40ss@primary.example:5432/fazhi'))
      .toBe('postgres://fazhi_app:p%40ss@replica.example:5433/fazhi?sslmode=require');
  });
});
