import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { blindIndex } from '../../platform/crypto/sm.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

describe('personal data', () => {
  it('stores the phone number sealed, not as plaintext, and finds it by blind index', async () => {
    const admin = await h.signIn('admin');
    const res = await admin.post('/api/users', { username: 'phoneowner', displayName: '手机号测试', orgId: await h.orgId('zzzx'), phone: '13700001234' });
    expect(res.status).toBe(200);
    const { rows } = await h.db.query('SELECT phone_enc, phone_bidx FROM users WHERE id = $1', [res.body.userId]);
    const sealed: Buffer = rows[0].phone_enc;
    expect(sealed.length).toBeGreaterThan(40);
    expect(sealed.toString('latin1')).not.toContain('13700001234');
    expect(sealed.toString('hex')).not.toContain(Buffer.from('13700001234').toString('hex'));
    const found = await h.db.query('SELECT id FROM users WHERE phone_bidx = $1', [blindIndex(h.platform.keys.fields, '13700001234')]);
    expect(found.rows.map((r) => r.id)).toEqual([res.body.userId]);
  });

  it('masks by default and logs every unmasked view', async () => {
    const admin = await h.signIn('admin');
    const target = await h.userId('tiaojie1');
    const shown = await admin.get(`/api/users/${target}`);
    expect(shown.body.phoneMasked).toMatch(/^138\*\*\*\*\d{4}$/);
    expect(shown.body.actions).toContain('reveal-phone');
    expect(JSON.stringify(shown.body)).not.toMatch(/1380375\d{4}/);
    const revealed = await admin.post(`/api/users/${target}/reveal`, { field: 'phone' });
    expect(revealed.status).toBe(200);
    expect(revealed.body.value).toMatch(/^1380375\d{4}$/);
    const { rows } = await h.db.query("SELECT actor_id, entity_id, after FROM audit_log WHERE action = 'pii.view'");
    expect(rows).toEqual([{ actor_id: admin.me.user.id, entity_id: target, after: { field: 'phone' } }]);
  });

  it('refuses the unmasked value to a role without pii.unmask, and logs nothing', async () => {
    const leader = await h.signIn('leader');
    const target = await h.userId('tiaojie1');
    const res = await leader.post(`/api/users/${target}/reveal`, { field: 'phone' });
    expect(res.status).toBe(403);
    const { rows } = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view' AND actor_id = $1", [leader.me.user.id]);
    expect(rows[0]?.n).toBe(0);
  });
});
