import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { main } from '../../cli/main.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '../db/pools.ts';
import { appendAudit, deriveAuditChainKey, keyedRowHash, rowHash, verifyAudit, type ChainedFields } from './audit.ts';
import { latestCheckpoint } from './checkpoint.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const auditCount = async (action: string): Promise<number> =>
  (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]?.n ?? 0;

// The checkpoints of this test file go to a folder of their own.
const checkpoints = mkdtempSync(path.join(tmpdir(), 'fazhi-audit-checkpoints-'));
afterAll(() => { rmSync(checkpoints, { recursive: true, force: true }); });

const verifyViaCli = async (args = ['audit', 'verify']): Promise<{ code: number; out: string }> => {
  let out = '';
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent', FAZHI_AUDIT_CHECKPOINT_DIR: checkpoints });
  try {
    const code = await main(args, { print: (s) => { out += `${s}\n`; }, error: (s) => { out += `${s}\n`; } });
    return { code, out };
  } finally {
    process.env = saved;
  }
};

describe('audit trail', () => {
  it('writes the row of a change in the same transaction, with who, where, before and after', async () => {
    const admin = await h.signIn('admin');
    const village = await h.orgId('S05');
    const res = await admin.post('/api/orgs', { parentId: village, kind: 'grid', name: '南庄村第4网格', code: 'S05G4' });
    expect(res.status).toBe(200);
    const { rows } = await h.db.query('SELECT * FROM audit_log WHERE action = $1 AND entity_id = $2', ['org.create', res.body.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: admin.me.user.id, org_id: res.body.id, township_id: res.body.townshipId, entity: 'org', ip: '127.0.0.1' });
    expect(rows[0].after).toMatchObject({ name: '南庄村第4网格', code: 'S05G4' });
    expect(rows[0].request_id).toBe(res.headers['x-request-id']);
  });

  it('writes nothing when the change fails', async () => {
    const admin = await h.signIn('admin');
    const before = await auditCount('org.create');
    const dup = await admin.post('/api/orgs', { parentId: await h.orgId('S05'), kind: 'grid', name: '重复', code: 'S05G1' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(await auditCount('org.create')).toBe(before);
  });

  it('never records passwords or sealed personal data', async () => {
    const admin = await h.signIn('admin');
    await admin.post('/api/users', { username: 'auditee', displayName: '审计对象', orgId: await h.orgId('sfs'), phone: '13912345678' });
    const { rows } = await h.db.query("SELECT before::text || after::text AS t FROM audit_log WHERE entity = 'user'");
    const all = rows.map((r) => r.t).join('');
    expect(all).not.toContain('13912345678');
    expect(all).not.toMatch(/argon2|password_hash|phone_enc/);
  });

  it('keeps the trail append-only for the server\'s database role', async () => {
    const c = await h.platform.app.connect();
    try {
      await expect(c.query('UPDATE audit_log SET action = $1', ['x'])).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      c.release();
    }
  });

  it('lets the server\'s database role write the chain only through the append function (issue 10)', async () => {
    const admin = await h.signIn('admin');
    await admin.patch(`/api/orgs/${await h.orgId('S03')}`, { name: '南庄村（函数）' });
    const last = (await h.db.query("SELECT * FROM audit_log WHERE chain <> 'deployment' ORDER BY id DESC LIMIT 1")).rows[0];
    const c = await h.platform.app.connect();
    try {
      await expect(c.query('UPDATE audit_chain_heads SET seq = seq + 1')).rejects.toThrow(/permission denied/);
      await expect(c.query("INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ('forged', 0, '\\x00')")).rejects.toThrow(/permission denied/);
      await expect(c.query('DELETE FROM audit_chain_heads')).rejects.toThrow(/permission denied/);
      await expect(c.query(
        `INSERT INTO audit_log (chain, seq, at, actor_id, org_id, township_id, action, entity, entity_id, ip, request_id, prev_hash, hash)
         VALUES ($1, $2, now(), $3, $4, $5, 'pii.view', 'person', null, null, null, $6, $6)`,
        [last.chain, Number(last.seq) + 1, admin.me.user.id, last.org_id, last.township_id, last.hash])).rejects.toThrow(/permission denied/);
      // Through the function, a row that does not continue its chain is refused.
      const call = (seq: number, prev: Buffer, chain = String(last.chain)) => c.query(
        `SELECT fazhi_audit_append($1::text[], $2::bigint[], ARRAY[now()], $3::uuid[], $4::uuid[], $5::uuid[], ARRAY['pii.view'], ARRAY['person'],
           ARRAY[null]::text[], ARRAY[null]::jsonb[], ARRAY[null]::jsonb[], ARRAY[null]::text[], ARRAY[null]::text[], $6::bytea[], $7::bytea[])`,
        [[chain], [seq], [admin.me.user.id], [last.org_id], [last.township_id], [prev], [Buffer.alloc(32, 7)]]);
      await c.query('BEGIN');
      await expect(call(Number(last.seq) + 5, last.hash)).rejects.toThrow(/does not continue chain/);
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await expect(call(Number(last.seq) + 1, Buffer.alloc(32))).rejects.toThrow(/does not continue chain/);
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await expect(call(1, Buffer.alloc(32), 'deployment')).rejects.toThrow(/belongs to/);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    expect((await verifyViaCli()).code).toBe(0);
  });

  it('detects a row edited directly in SQL and names it, in the CLI and the API', async () => {
    const admin = await h.signIn('admin');
    await admin.patch(`/api/orgs/${await h.orgId('S03')}`, { name: '南庄村（改）' });
    const ok = await verifyViaCli();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: \d+ rows/);
    const { rows } = await h.db.query("SELECT id FROM audit_log WHERE action = 'org.update' ORDER BY id DESC LIMIT 1");
    const id = String(rows[0]?.id);
    await h.db.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = $1`, [id]);
    const bad = await verifyViaCli();
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`row id ${id}`);
    expect(bad.out).toContain('changed after it was written');
    const api = await admin.get('/api/audit/verify');
    expect(api.body.ok).toBe(false);
    expect(api.body.broken.map((b: { id: string }) => b.id)).toContain(id);
  });

  it('detects a deleted row', async () => {
    const { rows } = await h.db.query("SELECT id, chain, seq FROM audit_log WHERE chain <> 'deployment' ORDER BY seq LIMIT 1");
    await h.db.query('DELETE FROM audit_log WHERE id = $1', [rows[0]?.id]);
    const res = await verifyViaCli();
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/missing rows before this one|link to the previous row/);
  });

  describe('keyed links (issue 10)', () => {
    type Row = { id: string; chain: string; seq: number; at: Date; actor_id: string | null; org_id: string | null; township_id: string | null;
      action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; ip: string | null; request_id: string | null; prev_hash: Buffer };
    const fieldsOf = (r: Row, prevHash: Buffer): ChainedFields => ({
      chain: r.chain, seq: Number(r.seq), at: r.at, actorId: r.actor_id, orgId: r.org_id, townshipId: r.township_id, action: r.action,
      entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip, requestId: r.request_id, prevHash,
    });
    /** What the old scheme let a superuser do: edit a row, then re-hash it and every later row with plain SM3 and move the head. */
    const rehashFrom = async (c: Client, chain: string, fromSeq: number): Promise<void> => {
      const rows = (await c.query<Row>('SELECT * FROM audit_log WHERE chain = $1 AND seq >= $2 ORDER BY seq', [chain, fromSeq])).rows;
      let prev = rows[0]?.prev_hash ?? Buffer.alloc(32);
      for (const r of rows) {
        const hash = rowHash(fieldsOf(r, prev));
        await c.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prev, hash]);
        prev = hash;
      }
      await c.query('UPDATE audit_chain_heads SET hash = $2 WHERE chain = $1', [chain, prev]);
    };
    /** Runs fn on an owner connection in a transaction that is rolled back: the trail stays as it was for the other tests. */
    const asSuperuser = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
      const c = await h.platform.system.connect();
      try {
        await c.query('BEGIN');
        return await fn(c);
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    };

    it('catches a superuser who edits a row and re-hashes the chain with plain SM3', async () => {
      const admin = await h.signIn('admin');
      await admin.patch(`/api/orgs/${await h.orgId('S03')}`, { name: '南庄村（键）' });
      const result = await asSuperuser(async (c) => {
        const target = (await c.query<Row>("SELECT * FROM audit_log WHERE action = 'org.update' ORDER BY id DESC LIMIT 1")).rows[0];
        if (!target) throw new Error('no row');
        // (Earlier tests tampered with this chain: only this row's findings matter here.)
        expect((await verifyAudit(c)).broken.filter((b) => b.id === String(target.id))).toEqual([]);
        await c.query(`UPDATE audit_log SET after = jsonb_set(after, '{name}', '"篡改"') WHERE id = $1`, [target.id]);
        await rehashFrom(c, target.chain, Number(target.seq));
        return { id: String(target.id), verified: await verifyAudit(c) };
      });
      expect(result.verified.ok).toBe(false);
      expect(result.verified.broken).toContainEqual(expect.objectContaining({ id: result.id, reason: expect.stringContaining('changed after it was written') }));
    });

    it('keeps verifying the unkeyed links written before a chain\'s cut-over, and keys every row after it', async () => {
      await asSuperuser(async (c) => {
        const township = randomUUID();
        let prev: Buffer = Buffer.alloc(32);
        const at = new Date('2026-01-05T08:00:00Z');
        for (const seq of [1, 2]) {
          const f: ChainedFields = { chain: township, seq, at, actorId: null, orgId: null, townshipId: township, action: 'legacy', entity: 'test', entityId: String(seq),
            before: null, after: { seq }, ip: null, requestId: null, prevHash: prev };
          const hash = rowHash(f);
          await c.query(`INSERT INTO audit_log (chain, seq, at, township_id, action, entity, entity_id, after, prev_hash, hash)
                         VALUES ($1, $2, $3, $4, 'legacy', 'test', $5, $6, $7, $8)`, [township, seq, at, township, String(seq), JSON.stringify({ seq }), prev, hash]);
          prev = hash;
        }
        await c.query('INSERT INTO audit_chain_heads (chain, seq, hash, keyed_from) VALUES ($1, 2, $2, 3)', [township, prev]);
        await appendAudit(c, { actorId: null, orgId: null, townshipId: township, action: 'keyed', entity: 'test', entityId: '3', ip: null, requestId: null });
        expect((await verifyAudit(c)).broken.filter((b) => b.chain === township)).toEqual([]);
        const third = (await c.query<{ hash: Buffer }>('SELECT hash FROM audit_log WHERE chain = $1 AND seq = 3', [township])).rows[0];
        const thirdRow = (await c.query<Row>('SELECT * FROM audit_log WHERE chain = $1 AND seq = 3', [township])).rows[0];
        if (!third || !thirdRow) throw new Error('no row');
        expect(third.hash.equals(rowHash(fieldsOf(thirdRow, prev)))).toBe(false);
        // An edit before the cut-over, re-hashed with plain SM3, breaks the keyed link after it.
        await c.query(`UPDATE audit_log SET after = '{"seq": 9}' WHERE chain = $1 AND seq = 1`, [township]);
        await rehashFrom(c, township, 1);
        const bad = await verifyAudit(c);
        expect(bad.ok).toBe(false);
        expect(bad.broken.filter((b) => b.chain === township).map((b) => b.seq)).toContain('3');
      });
    });
  });

  // Last: it tampers with the trail for good (committed, as the CLI reads it on its own connection).
  it('checks the latest signed checkpoint: a chain re-keyed by someone with the key, or cut short, is caught', async () => {
    const township = randomUUID();
    const c = await h.platform.system.connect();
    try {
      await c.query('BEGIN');
      for (const n of [1, 2, 3]) await appendAudit(c, { actorId: null, orgId: null, townshipId: township, action: 'cp.test', entity: 'test', entityId: String(n), after: { n }, ip: null, requestId: null });
      await c.query('COMMIT');
      const written = await verifyViaCli(['audit', 'checkpoint']);
      expect(written.code).toBe(0);
      const file = latestCheckpoint(checkpoints);
      expect(file).not.toBeNull();
      const cp = JSON.parse(readFileSync(String(file), 'utf8')) as { chains: { chain: string; seq: number; keyedFrom: number }[] };
      expect(cp.chains).toContainEqual(expect.objectContaining({ chain: township, seq: 3, keyedFrom: 1 }));
      const clean = await verifyViaCli();
      expect(clean.out).toContain(`checked against the checkpoint ${String(file)}`);
      expect(clean.out).not.toContain(`chain ${township}`);

      // Rewritten with the chain key itself: every link verifies, the checkpoint does not.
      const key = deriveAuditChainKey(Buffer.from(TEST_MASTER_KEY_HEX, 'hex'));
      await c.query(`UPDATE audit_log SET after = '{"n": 99}' WHERE chain = $1 AND seq = 2`, [township]);
      const rows = (await c.query<Record<string, unknown> & { id: string; seq: number; prev_hash: Buffer }>('SELECT * FROM audit_log WHERE chain = $1 ORDER BY seq', [township])).rows;
      let prev: Buffer = Buffer.alloc(32);
      for (const r of rows) {
        const hash = keyedRowHash(key, {
          chain: township, seq: Number(r.seq), at: r.at as Date, actorId: null, orgId: null, townshipId: township, action: 'cp.test', entity: 'test',
          entityId: r.entity_id as string, before: r.before, after: r.after, ip: null, requestId: null, prevHash: prev });
        await c.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE id = $1', [r.id, prev, hash]);
        prev = hash;
      }
      await c.query('UPDATE audit_chain_heads SET hash = $2 WHERE chain = $1', [township, prev]);
      expect((await verifyAudit(c)).broken.filter((b) => b.chain === township)).toEqual([]);
      const rewritten = await verifyViaCli();
      expect(rewritten.code).toBe(1);
      expect(rewritten.out).toMatch(new RegExp(`chain ${township} row id \\d+ seq 3: chain rewritten`));
      // The API's check reads the same checkpoint (an administrator over the whole deployment sees every chain).
      const saved = process.env.FAZHI_AUDIT_CHECKPOINT_DIR;
      process.env.FAZHI_AUDIT_CHECKPOINT_DIR = checkpoints;
      try {
        const api = await (await h.signIn('admin')).get('/api/audit/verify');
        expect(api.body.ok).toBe(false);
        expect(api.body.broken.some((b: { chain: string; reason: string }) => b.chain === township && /rewritten/.test(b.reason))).toBe(true);
      } finally {
        if (saved === undefined) delete process.env.FAZHI_AUDIT_CHECKPOINT_DIR; else process.env.FAZHI_AUDIT_CHECKPOINT_DIR = saved;
      }

      // Cut short: the last row deleted and the head moved back onto the one before.
      const second = rows[1];
      await c.query('DELETE FROM audit_log WHERE chain = $1 AND seq = 3', [township]);
      await c.query('UPDATE audit_chain_heads SET seq = 2, hash = (SELECT hash FROM audit_log WHERE id = $2) WHERE chain = $1', [township, second?.id]);
      expect((await verifyAudit(c)).broken.filter((b) => b.chain === township)).toEqual([]);
      const short = await verifyViaCli();
      expect(short.code).toBe(1);
      expect(short.out).toContain(`chain ${township} row id - seq 2: chain cut short`);

      // An edited checkpoint file is itself a finding.
      writeFileSync(String(file), readFileSync(String(file), 'utf8').replace('"seq": 3', '"seq": 2'));
      const forged = await verifyViaCli();
      expect(forged.code).toBe(1);
      expect(forged.out).toContain('wrong signature');
    } finally {
      c.release();
    }
  });
});
