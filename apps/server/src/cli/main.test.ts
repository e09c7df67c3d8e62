import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test/harness.ts';
import { TEST_MASTER_KEY_HEX } from '../test/constants.ts';
import { main } from './main.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let h: Harness;
// Checkpoints of this test's own: never a developer's data/audit-checkpoints.
const checkpoints = mkdtempSync(path.join(tmpdir(), 'fazhi-cli-checkpoints-'));
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const run = async (argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> => {
  let out = '';
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: h.ownerUrl, FAZHI_MASTER_KEY: TEST_MASTER_KEY_HEX, LOG_LEVEL: 'silent', FAZHI_AUDIT_CHECKPOINT_DIR: checkpoints, ...env });
  try {
    const code = await main(argv, { print: (s) => { out += `${s}\n`; }, error: (s) => { out += `${s}\n`; } });
    return { code, out };
  } finally {
    process.env = saved;
  }
};

describe('fazhi command', () => {
  it('answers calendar due in JSON, on the calendar the server uses (administrators\' entries included)', async () => {
    const plain = await run(['calendar', 'due', '--from', '2024-09-27', '--days', '20', '--unit', 'wd', '--json']);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.out)).toMatchObject({ due: '2024-10-30', provisional: false });
    await h.db.query("INSERT INTO calendar_overrides (day, kind, name) VALUES ('2024-10-30', 'holiday', '本地停办')");
    const shifted = JSON.parse((await run(['calendar', 'due', '--from', '2024-09-27', '--days', '20', '--unit', 'wd', '--json'])).out);
    expect(shifted.due).toBe('2024-10-31');
    const cd = JSON.parse((await run(['calendar', 'due', '--from', '2025-09-26', '--days', '15', '--unit', 'cd', '--json'])).out);
    expect(cd.due).toBe('2025-10-11');
  });

  it('refuses a malformed question with usage and exit code 2', async () => {
    expect((await run(['calendar', 'due', '--from', '2024-13-01', '--days', '5', '--unit', 'wd'])).code).toBe(2);
    expect((await run(['calendar', 'due', '--from', '2024-01-01', '--days', '5', '--unit', 'weeks'])).code).toBe(2);
  });

  it('creates a user who must change the initial password, and resets it', async () => {
    const created = await run(['user', 'create', '--username', 'clicreated', '--name', '命令行用户', '--org', 'sfs', '--role', 'mediator', '--scope', 'org']);
    expect(created.code).toBe(0);
    const initial = /initial password[^:]*: (\S+)/.exec(created.out)?.[1] ?? '';
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'clicreated', password: initial } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect(res.json().grants[0]).toMatchObject({ roleCode: 'mediator', scope: 'org' });
    const reset = await run(['user', 'reset-password', '--username', 'clicreated']);
    expect(reset.code).toBe(0);
    const again = await h.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'clicreated', password: initial } });
    expect(again.statusCode).toBe(401);
  });

  it('lists the registered case types', async () => {
    const r = await run(['case-types', '--json']);
    expect(r.code).toBe(0);
    expect(Array.isArray(JSON.parse(r.out))).toBe(true);
  });

  it('exits 2 with one line when it cannot run, and 1 only for a finding', async () => {
    const config = await run(['audit', 'verify'], { FAZHI_MASTER_KEY: 'short' });
    expect(config.code).toBe(2);
    expect(config.out.trim()).toMatch(/^配置无效 \/ Configuration is not valid: FAZHI_MASTER_KEY: expected 64 hexadecimal characters[^\n]*$/);
    const township = await run(['mediation', 'stats', '--township', '不存在镇', '--year', '2023']);
    expect(township).toEqual({ code: 2, out: '没有名为 不存在镇 的乡镇 / No township 不存在镇\n' });
    const args = await run(['audit', 'verify', '--jsn']);
    expect(args.code).toBe(2);
    expect(args.out).toMatch(/^参数有误：Unknown option '--jsn'/);
    // An unknown role refuses the whole command: no user without the grant it was meant to have.
    const role = await run(['user', 'create', '--username', 'norole', '--name', '无角色', '--org', 'sfs', '--role', 'nosuchrole']);
    expect(role.code).toBe(2);
    expect((await h.db.query("SELECT 1 FROM users WHERE username = 'norole'")).rowCount).toBe(0);
    expect((await run(['audit', 'verify'])).code).toBe(0);
    await h.db.query("UPDATE audit_log SET action = 'edited' WHERE id = (SELECT min(id) FROM audit_log)");
    const tampered = await run(['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/^AUDIT TRAIL TAMPERED/);
  });
});
