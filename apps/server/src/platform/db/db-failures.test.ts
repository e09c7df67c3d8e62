import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { registerErrorHandler } from '../http/errors.ts';
import { classifyDatabaseError } from './db-errors.ts';

/**
 * A busy or unreachable database is answered 503 with a stable code and a message a clerk
 * understands, never 500 and never a request left hanging (docs/reliability.md).
 */
const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('database failures are classified', () => {
  it('as busy: the pool had no connection in time, a statement or lock wait ran past its limit', () => {
    expect(classifyDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe('SERVICE_BUSY');
    expect(classifyDatabaseError(pgError('57014', 'canceling statement due to statement timeout'))).toBe('SERVICE_BUSY');
    expect(classifyDatabaseError(pgError('55P03'))).toBe('SERVICE_BUSY');
  });
  it('as unavailable: refused, shut down, lost, the session ended', () => {
    expect(classifyDatabaseError(pgError('ECONNREFUSED'))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(pgError('57P01', 'terminating connection due to administrator command'))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(pgError('08006'))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(pgError('25P03'))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }))).toBe('DATABASE_UNAVAILABLE');
    expect(classifyDatabaseError(new Error('wrapped', { cause: pgError('57P01') }))).toBe('DATABASE_UNAVAILABLE');
  });
  it('and anything else is not a database outage', () => {
    expect(classifyDatabaseError(pgError('23505'))).toBeNull();
    expect(classifyDatabaseError(new Error('boom'))).toBeNull();
    expect(classifyDatabaseError(undefined)).toBeNull();
  });
  it('the error handler answers them 503 with the code and the Chinese or English message', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/refused', async () => { throw pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'); });
    app.get('/shutdown', async () => { throw pgError('57P01', 'terminating connection due to administrator command'); });
    const refused = await app.inject({ url: '/refused' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('数据库暂时无法连接') });
    const shutdown = await app.inject({ url: '/shutdown', headers: { 'accept-language': 'en' } });
    expect(shutdown.statusCode).toBe(503);
    expect(shutdown.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining('cannot be reached') });
    await app.close();
  });
});

describe('on the real database', () => {
  let h: Harness;
  let clerk: Agent;
  beforeAll(async () => {
    // Two request connections, half a second to get one, two seconds a statement.
    const db = { ...loadConfig({ FAZHI_DATA_DIR: '/nonexistent' }).db, appPoolMax: 2, acquireTimeoutMs: 500, statementTimeoutMs: 2_000 };
    h = await createHarness({ db });
    clerk = await h.signIn('tiaojie1');
  });
  afterAll(async () => { await h.close(); });

  it('answers 503 SERVICE_BUSY when no request connection is free in time, and /readyz says unavailable', async () => {
    const held = await Promise.all([h.platform.app.connect(), h.platform.app.connect()]);
    try {
      const busy = await clerk.get('/api/cases');
      expect(busy.status).toBe(503);
      expect(busy.body.error).toMatchObject({ code: 'SERVICE_BUSY', message: '系统繁忙，本次操作未能完成，请稍后重试' });
      const ready = await h.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable' });
    } finally {
      for (const c of held) c.release();
    }
    expect((await clerk.get('/api/cases')).status).toBe(200);
    expect((await h.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 SERVICE_BUSY when a statement runs past statement_timeout (here: waiting on a lock)', async () => {
    const locker = await h.db.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
      const slow = await clerk.get('/api/cases');
      expect(slow.status).toBe(503);
      expect(slow.body.error.code).toBe('SERVICE_BUSY');
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect((await clerk.get('/api/cases')).status).toBe(200);
  });

  it('sets the limits on every pooled connection', async () => {
    const { rows } = await h.platform.app.query<{ s: string; i: string }>(
      "SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i");
    expect(rows[0]).toEqual({ s: '2s', i: '1min' });
  });
});
