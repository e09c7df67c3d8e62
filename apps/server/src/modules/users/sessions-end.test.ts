import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';

/**
 * Disabling an account or resetting its password ends its sessions, in a transaction of its
 * own after the change committed (never an owner connection asked for inside the request's
 * transaction: docs/reliability.md).
 */
let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const live = async (userId: string) => Number((await h.db.query<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE user_id = $1', [userId])).rows[0]?.n);

describe('ending sessions', () => {
  it('ends the sessions of a disabled user and of a user whose password was reset', async () => {
    const admin = await h.signIn('admin');
    const mediator = await h.signIn('tiaojie1');
    const clerk = await h.signIn('xinfang');
    expect((await mediator.get('/api/auth/me')).status).toBe(200);
    const disabled = await admin.patch(`/api/users/${mediator.me.user.id}`, { status: 'disabled' });
    expect(disabled.status).toBe(200);
    expect(await live(mediator.me.user.id)).toBe(0);
    expect((await mediator.get('/api/auth/me')).status).toBe(401);
    const reset = await admin.post(`/api/users/${clerk.me.user.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(await live(clerk.me.user.id)).toBe(0);
    expect((await clerk.get('/api/auth/me')).status).toBe(401);
  });
});
