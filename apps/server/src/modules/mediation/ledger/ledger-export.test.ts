import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { col, download, headers, readSheets } from './ledger.test-kit.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

describe('mediation ledger export', () => {
  it('exports 2023 as the county ledger: title, header, 143 rows, real dates, frozen header, phones masked without pii.unmask', async () => {
    const leader = await h.signIn('leader');
    const res = await download(h, leader, '/api/mediation/ledger.xlsx?year=2023');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('张八桥镇人民调解案件登记台账（2023年）.xlsx')}`);
    const [sheet, ...more] = await readSheets(res.body);
    expect(more).toHaveLength(0);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('2023年');
    expect(sheet.title).toBe('张八桥镇人民调解案件登记台账（2023年）');
    expect(sheet.merged).toBe(true);
    expect(sheet.frozenRows).toBe(2);
    expect(sheet.header).toEqual(headers);
    expect(sheet.rows).toHaveLength(143);
    expect(sheet.dateFormats).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd']);
    expect(sheet.rows.map((r) => r[col('no')])).toEqual(Array.from({ length: 143 }, (_, i) => String(i + 1)));
    expect(sheet.rows.every((r) => /^张八桥-调-2023-\d{4}$/.test(r[col('ref')] ?? ''))).toBe(true);
    expect(sheet.rows.every((r) => (r[col('receivedOn')] ?? '').startsWith('2023-'))).toBe(true);
    const results = sheet.rows.map((r) => r[col('result')]);
    expect(results.filter((x) => x === '调解成功')).toHaveLength(138);
    expect(results.filter((x) => x === '调解不成')).toHaveLength(5);
    const phones = sheet.rows.map((r) => r[col('phones')] ?? '');
    expect(phones.every((p) => /^1\d\d\*{4}\d{4}$/.test(p))).toBe(true);
    // The agreement's form and terms, the day it ended, the return visit with its day.
    const done = sheet.rows.find((r) => r[col('result')] === '调解成功');
    expect(done?.[col('agreementForm')]).toMatch(/^(书面|口头)$/);
    expect(done?.[col('closedOn')]).toMatch(/^2023-\d\d-\d\d$/);
    expect(done?.[col('followUp')]).toMatch(/^\d{4}-\d\d-\d\d 电话回访/);
    expect(sheet.rows.find((r) => r[col('result')] === '调解不成')?.[col('terms')]).toMatch(/告知当事人/);
    const logged = await h.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view' AND entity = 'mediation_ledger' AND actor_id = $1", [leader.me.user.id]);
    expect(logged.rows[0].n).toBe(0);
  });

  it('gives full phone numbers to a caller with pii.unmask, and audits the export as a pii.view', async () => {
    const sifa = await h.signIn('sifa');
    const res = await download(h, sifa, '/api/mediation/ledger.xlsx?year=2023');
    const [sheet] = await readSheets(res.body);
    expect(sheet?.rows.every((r) => /^1\d{10}$/.test(r[col('phones')] ?? ''))).toBe(true);
    const { rows } = await h.db.query("SELECT after FROM audit_log WHERE action = 'pii.view' AND entity = 'mediation_ledger' AND actor_id = $1", [sifa.me.user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ field: 'phone', year: 2023 });
  });

  it('keeps a village mediator to the own village, and refuses another village\'s ledger', async () => {
    const sifa = await h.signIn('sifa');
    const own = (await sifa.get('/api/mediation/stats?year=2023')).body.byVillage['东营村'] as number;
    const mediator = await h.signIn('tiaojie1');
    const res = await download(h, mediator, '/api/mediation/ledger.xlsx?year=2023');
    const [sheet] = await readSheets(res.body);
    expect(sheet?.title).toBe('东营村人民调解案件登记台账（2023年）');
    expect(own).toBeGreaterThan(0);
    expect(sheet?.rows).toHaveLength(own);
    // The committee is the lead mediator's: the professional committee for traffic accidents, else the village's.
    expect(sheet?.rows.every((r) => r[col('village')] === '东营村'
      && r[col('committee')] === (r[col('category')] === '道路交通事故' ? '道路交通事故纠纷人民调解委员会' : '东营村人民调解委员会'))).toBe(true);
    expect(sheet?.rows.every((r) => (r[col('mediators')] ?? '') !== '')).toBe(true);
    expect((await download(h, mediator, `/api/mediation/ledger.xlsx?year=2023&orgId=${await h.orgId('S02')}`)).status).toBe(404);
    // The same with a filter from someone who sees both: only that village.
    const filtered = await readSheets((await download(h, sifa, `/api/mediation/ledger.xlsx?year=2023&orgId=${await h.orgId('S01')}`)).body);
    expect(filtered[0]?.rows).toHaveLength(own);
  });

  it('puts every year on its own sheet when no year is asked for, and a year without cases is an empty ledger', async () => {
    const sifa = await h.signIn('sifa');
    const sheets = await readSheets((await download(h, sifa, '/api/mediation/ledger.xlsx')).body);
    expect(sheets.map((s) => s.name)).toEqual(['2023年', '2024年', '2025年', '2026年']);
    expect(sheets[0]?.rows).toHaveLength(143);
    expect(sheets[3]?.rows.some((r) => r[col('result')] === '在办')).toBe(true);
    const empty = await readSheets((await download(h, sifa, '/api/mediation/ledger.xlsx?year=2001')).body);
    expect(empty.map((s) => [s.name, s.rows.length, s.header.length])).toEqual([['2001年', 0, 18]]);
  });

  it.skipIf(!SOFFICE)('opens in LibreOffice (headless conversion to CSV)', async () => {
    const sifa = await h.signIn('sifa');
    const dir = mkdtempSync(path.join(tmpdir(), 'fazhi-ledger-'));
    try {
      const file = path.join(dir, 'ledger.xlsx');
      writeFileSync(file, (await download(h, sifa, '/api/mediation/ledger.xlsx?year=2023')).body);
      execFileSync(SOFFICE ?? 'soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file],
        { stdio: 'ignore', timeout: 120_000 });
      const csv = readFileSync(path.join(dir, 'ledger.csv'), 'utf8').trim().split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      expect(csv[0]).toContain('张八桥镇人民调解案件登记台账（2023年）');
      expect(csv[1]?.split(',')).toEqual(headers);
      expect(csv).toHaveLength(2 + 143);
      expect(csv[2]).toMatch(/^1,张八桥-调-2023-\d{4},2023-\d\d-\d\d,/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
