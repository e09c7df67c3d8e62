import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { DEMO_PASSWORD } from '../../seed/demo-town.ts';

let h: Harness;
/** The throttles' clock: tests move it on instead of waiting. */
let clock = Date.now();
beforeAll(async () => { h = await createHarness({}, { now: () => new Date(clock) }); });
afterAll(async () => { await h.close(); });

const signInRaw = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress });

describe('sign-in', () => {
  it('signs in with the right password and returns the menu the roles allow', async () => {
    const a = await h.signIn('admin');
    expect(a.me.user.username).toBe('admin');
    expect(a.me.menu).toEqual(expect.arrayContaining(['home', 'orgs', 'users', 'roles', 'audit', 'signins', 'calendar']));
    expect(a.me.menu).not.toContain('mediation');
    const mediator = await h.signIn('tiaojie1');
    expect(mediator.me.menu).toEqual(expect.arrayContaining(['home', 'tasks', 'mediation', 'orgs']));
    for (const adminOnly of ['users', 'roles', 'audit', 'signins', 'calendar']) expect(mediator.me.menu).not.toContain(adminOnly);
    expect(mediator.me.township?.name).toBe('张八桥镇');
    const { rows } = await h.db.query("SELECT outcome FROM sign_in_events WHERE username = 'admin' ORDER BY id DESC LIMIT 1");
    expect(rows[0]?.outcome).toBe('success');
  });

  it('shows each user\'s last sign-in in the user list, kept apart from users (a reference table on Citus)', async () => {
    const admin = await h.signIn('admin');
    const before = (await admin.get(`/api/users/${await h.userId('tiaojie1')}`)).body;
    await h.signIn('tiaojie1');
    const after = (await admin.get(`/api/users/${await h.userId('tiaojie1')}`)).body;
    expect(after.lastSignInAt).not.toBeNull();
    expect(after.lastSignInAt).not.toBe(before.lastSignInAt);
    const { rows } = await h.db.query('SELECT last_sign_in_at FROM user_sign_ins WHERE user_id = $1', [await h.userId('tiaojie1')]);
    expect(rows[0]?.last_sign_in_at.toISOString()).toBe(after.lastSignInAt);
  });

  it('answers a wrong password and an unknown user identically: same status, code and message, nothing counted out', async () => {
    const res = await signInRaw('sifa', 'wrong-password-1A!');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(res.cookies.find((c) => c.name === 'fazhi_sid')).toBeUndefined();
    const unknown = await signInRaw('nobody', 'whatever-1A!');
    expect(unknown.statusCode).toBe(res.statusCode);
    expect(unknown.json().error).toEqual(res.json().error);
    // Throttled alike, too: the fourth failure from one address waits the same for both.
    for (let i = 0; i < 3; i++) {
      await signInRaw('sifa', `wrong-${i}-1A!`, '10.9.9.9');
      await signInRaw('nobody', `wrong-${i}-1A!`, '10.9.9.9');
    }
    const a = await signInRaw('sifa', 'wrong-x-1A!', '10.9.9.9');
    const b = await signInRaw('nobody', 'wrong-x-1A!', '10.9.9.9');
    expect(a.statusCode).toBe(429);
    expect(b.statusCode).toBe(429);
    expect(b.json().error).toEqual(a.json().error);
  });

  it('slows the failing address down (429 with the wait) but never locks the owner out of another address', async () => {
    const attacker = '10.0.0.66';
    for (let i = 0; i < 3; i++) expect((await signInRaw('xinfang', `bad-${i}-Password`, attacker)).statusCode).toBe(401);
    const throttled = await signInRaw('xinfang', 'bad-4-Password', attacker);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toMatchObject({ code: 'AUTH_THROTTLED', details: { retryAfter: 2 } });
    expect(throttled.json().error.message).toContain('请稍后再试');
    expect(throttled.headers['retry-after']).toBe('2');
    // The attacker's address waits even with the right password…
    expect((await signInRaw('xinfang', DEMO_PASSWORD, attacker)).statusCode).toBe(429);
    // …while the owner, elsewhere, signs in.
    expect((await signInRaw('xinfang', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    // The wait doubles with each further failure, at most 15 minutes.
    clock += 2_000;
    expect((await signInRaw('xinfang', 'bad-5-Password', attacker)).statusCode).toBe(401);
    expect((await signInRaw('xinfang', 'bad-6-Password', attacker)).json().error.details.retryAfter).toBe(4);
    for (let i = 0; i < 12; i++) {
      clock += 900_000;
      await signInRaw('xinfang', `bad-more-${i}`, attacker);
    }
    expect((await signInRaw('xinfang', 'bad-last', attacker)).json().error.details.retryAfter).toBe(900);
    // It is a wait, not a lock: after it, the right password gets in from that address too.
    clock += 900_000;
    expect((await signInRaw('xinfang', DEMO_PASSWORD, attacker)).statusCode).toBe(200);
    const { rows } = await h.db.query("SELECT count(*)::int AS n FROM sign_in_events WHERE username = 'xinfang' AND outcome = 'throttled'");
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('slows guessing spread over many addresses for the addresses that fail, not for a clean one', async () => {
    for (let i = 0; i < 12; i++) expect((await signInRaw('leader', `spread-${i}-Pass`, `10.1.0.${i}`)).statusCode).toBe(401);
    const again = await signInRaw('leader', 'spread-again-Pass', '10.1.0.3');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('AUTH_THROTTLED');
    expect((await signInRaw('leader', DEMO_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    await h.db.query("UPDATE users SET status = 'disabled' WHERE username = 'zhifa'");
    const res = await signInRaw('zhifa', DEMO_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_DISABLED');
    await h.db.query("UPDATE users SET status = 'active' WHERE username = 'zhifa'");
  });
});

describe('forced password change', () => {
  it('blocks everything but the change until the initial password is replaced by one that meets the policy', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.post('/api/users', { username: 'newclerk', displayName: '新办事员', orgId: await h.orgId('sfs') });
    expect(created.status).toBe(200);
    const initial = created.body.initialPassword as string;
    const clerk = await h.signIn('newclerk', initial);
    expect(clerk.me.user.mustChangePassword).toBe(true);
    expect(clerk.me.menu).toEqual([]);
    const blocked = await clerk.get('/api/orgs/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    const weak = await clerk.post('/api/auth/change-password', { currentPassword: initial, newPassword: 'short1A' });
    expect(weak.status).toBe(422);
    expect(weak.body.error).toMatchObject({ code: 'PASSWORD_WEAK' });
    expect(weak.body.error.message).toContain('至少10位');
    const twoClasses = await clerk.post('/api/auth/change-password', { currentPassword: initial, newPassword: 'alllowercase123' });
    expect(twoClasses.body.error.code).toBe('PASSWORD_WEAK');
    const wrongCurrent = await clerk.post('/api/auth/change-password', { currentPassword: 'nope', newPassword: 'Better-Pass-2024' });
    expect(wrongCurrent.body.error.code).toBe('PASSWORD_WRONG');
    const same = await clerk.post('/api/auth/change-password', { currentPassword: initial, newPassword: initial });
    expect(same.body.error.code).toBe('PASSWORD_REUSED');
    // Wrong current passwords are throttled per user: the right one resets the count above.
    for (let i = 0; i < 3; i++) expect((await clerk.post('/api/auth/change-password', { currentPassword: `nope-${i}`, newPassword: 'Better-Pass-2024' })).body.error.code).toBe('PASSWORD_WRONG');
    const throttled = await clerk.post('/api/auth/change-password', { currentPassword: initial, newPassword: 'Better-Pass-2024' });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 'PASSWORD_THROTTLED', details: { retryAfter: 2 } });
    clock += 2_000;
    expect((await clerk.post('/api/auth/change-password', { currentPassword: initial, newPassword: 'Better-Pass-2024' })).status).toBe(204);
    expect((await clerk.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await signInRaw('newclerk', initial)).statusCode).toBe(401);
    expect((await signInRaw('newclerk', 'Better-Pass-2024')).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('expires after the idle timeout', async () => {
    const a = await h.signIn('leader');
    expect((await a.get('/api/auth/me')).status).toBe(200);
    await h.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'leader')");
    const res = await a.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'AUTH_SESSION_EXPIRED', message: '长时间未操作，登录已过期，请重新登录' });
    expect((await a.get('/api/auth/me')).body.error.code).toBe('AUTH_REQUIRED');
  });

  it('keeps an active session alive past the idle timeout counted from sign-in', async () => {
    const a = await h.signIn('dangzheng');
    await h.db.query("UPDATE sessions SET created_at = now() - interval '2 hours', last_seen_at = now() - interval '29 minutes' WHERE user_id = (SELECT id FROM users WHERE username = 'dangzheng')");
    expect((await a.get('/api/auth/me')).status).toBe(200);
  });

  it('rejects a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const a = await h.signIn('admin');
    const sfs = await h.orgId('sfs');
    const before = (await h.db.query('SELECT count(*)::int AS n FROM users')).rows[0]?.n;
    for (const token of [undefined, 'forged-token']) {
      const res = await h.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: a.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        payload: { username: 'csrfvictim', displayName: '跨站', orgId: sfs } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('AUTH_CSRF');
    }
    expect((await h.db.query('SELECT count(*)::int AS n FROM users')).rows[0]?.n).toBe(before);
  });

  it('signs out one session, or every session of the user', async () => {
    const one = await h.signIn('zongzhi');
    const two = await h.signIn('zongzhi');
    expect((await one.post('/api/auth/sign-out')).status).toBe(204);
    expect((await one.get('/api/auth/me')).status).toBe(401);
    expect((await two.get('/api/auth/me')).status).toBe(200);
    const three = await h.signIn('zongzhi');
    expect((await three.post('/api/auth/sign-out-all')).status).toBe(204);
    expect((await two.get('/api/auth/me')).status).toBe(401);
    expect((await three.get('/api/auth/me')).status).toBe(401);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax and stores only its hash', async () => {
    const res = await signInRaw('county', DEMO_PASSWORD);
    const c = res.cookies.find((x) => x.name === 'fazhi_sid');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
    const { rows } = await h.db.query('SELECT encode(id_hash, $2) AS h FROM sessions WHERE id_hash = sha256($1::bytea)', [c?.value, 'hex']);
    expect(rows).toHaveLength(0);
  });
});
