import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { installJobSchema } from '../../../platform/jobs/jobs.ts';
import { openField } from '../../../platform/crypto/sm.ts';
import { verifyAudit } from '../../../platform/audit/audit.ts';
import { download, readSheets, runImportJobs, upload } from './ledger.test-kit.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await installJobSchema(h.ownerUrl, h.platform.log);
});
afterAll(async () => { await h.close(); });

/**
 * What a ledger carries of each 2023 case, read from the database: the case, its parties
 * (phones decrypted), its result with the fields of the transitions that made it (the
 * agreement's facts, points in dispute and responsibilities are no ledger column), and the
 * day of each of those transitions that the ledger has a column for.
 */
const snapshot = async (): Promise<Record<string, unknown>[]> => {
  const { rows } = await h.db.query(
    `SELECT k.ref, k.org_id, to_char(k.received_on, 'YYYY-MM-DD') AS received_on, k.category, k.title, k.body, k.status, k.status_kind,
            (k.steps -> 'reach_agreement') - 'facts' - 'issues' - 'responsibilities' AS agreement, k.steps -> 'fail' AS fail, k.steps -> 'follow_up' AS follow_up, k.steps -> 'apply_confirmation' AS confirmation,
            (SELECT json_agg(json_build_object('role', p.role, 'name', p.name, 'kind', p.kind, 'phone', encode(p.phone_enc, 'base64')) ORDER BY p.sort_order)
               FROM case_parties p WHERE p.case_id = k.id) AS parties,
            (SELECT json_object_agg(e.transition, e.payload ->> 'on') FROM case_events e
              WHERE e.case_id = k.id AND e.transition IN ('reach_agreement', 'fail', 'follow_up')) AS days,
            EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.transition = 'accept') AS accepted
       FROM cases k WHERE k.case_type = 'mediation' AND k.year = 2023 ORDER BY k.ref`);
  const keys = h.platform.keys.fields;
  return rows.map((r) => ({
    ...r,
    parties: (r.parties as { role: string; name: string; kind: string; phone: string | null }[]).map((p) => ({
      ...p,
      // Respondents' phones are not a ledger column: only the applicants' travel.
      phone: p.phone && p.role === '申请人' ? openField(keys, Buffer.from(p.phone, 'base64')) : null,
    })),
  }));
};

describe('ledger round trip', () => {
  it('exports 2023, imports the file into the emptied township, and gets the same cases, parties and results', async () => {
    const sifa = await h.signIn('sifa');
    const first = await download(h, sifa, '/api/mediation/ledger.xlsx?year=2023');
    expect(first.status).toBe(200);
    const before = await snapshot();
    expect(before).toHaveLength(143);

    // The township loses its 2023 mediation records (as if they had never been entered).
    await h.db.query("DELETE FROM cases WHERE case_type = 'mediation' AND year = 2023");
    expect((await sifa.get('/api/mediation/stats?year=2023')).body.received).toBe(0);

    const uploaded = await upload(sifa, '/api/mediation/ledger/imports', first.body, '张八桥镇台账2023.xlsx');
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ total: 143, valid: 143, problems: [] });
    const accepted = await sifa.post(`/api/mediation/ledger/imports/${uploaded.body.importId}/accept`);
    expect(accepted.body.status).toBe('queued');
    await runImportJobs(h);
    const view = (await sifa.get(`/api/mediation/ledger/imports/${uploaded.body.importId}`)).body;
    expect(view).toMatchObject({ status: 'done', total: 143, processed: 143, written: 143, failed: 0, fileName: '张八桥镇台账2023.xlsx' });

    // Field by field, the records are as they were (same references too).
    const after = await snapshot();
    expect(after).toHaveLength(143);
    for (const [i, b] of before.entries()) expect(after[i], String(b.ref)).toEqual(b);
    // And so are the figures computed from them, and the ledger exported from them.
    expect((await sifa.get('/api/mediation/stats?year=2023')).body).toMatchObject({ received: 143, resolved: 138, guided: 5, transferred: 0, ongoing: 0 });
    const again = await download(h, sifa, '/api/mediation/ledger.xlsx?year=2023');
    expect(await readSheets(again.body)).toEqual(await readSheets(first.body));
    // Every write went through the case engine, which chained each one into the audit trail.
    const client = await h.db.connect();
    try {
      expect((await verifyAudit(client)).ok).toBe(true);
    } finally {
      client.release();
    }
  }, 240_000);
});
