import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { main } from '../../cli/main.ts';
import { TEST_MASTER_KEY_HEX } from '../../test/constants.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const auditCount = async (action: string): Promise<number> =>
  (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action])).rows[0]?.n ?? 0;

const verifyViaCli = async (): Promise<{ code: number; out: string }> => {
  let out = '';
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent' });
  try {
    const code = await main(['audit', 'verify'], { print: (s) => { out += `${s}\n`; }, error: (s) => { out += `${s}\n`; } });
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
});
