import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../test/harness.ts';
import { anotherTownshipClerk } from './disclosure.test-support.ts';

/**
 * A review or lawsuit about a disclosure request (第五十一条), recorded on the request by its
 * office: dates checked on every write, the outcome recorded once, a lawsuit after review only
 * after the review; another township's clerk neither sees nor writes them.
 */
let h: Harness;
let clerk: Agent;
let caseId = '';
let received = '';
beforeAll(async () => {
  h = await createHarness();
  clerk = await h.signIn('dangzheng');
  // A 2023 request answered without a remedy yet.
  const row = (await h.db.query<{ id: string; received: string }>(
    `SELECT k.id, to_char(k.received_on, 'YYYY-MM-DD') AS received FROM cases k WHERE k.case_type = 'disclosure' AND k.year = 2023 AND k.steps ? 'reply'
        AND NOT EXISTS (SELECT 1 FROM disclosure_remedies r WHERE r.case_id = k.id) ORDER BY k.ref LIMIT 1`)).rows[0];
  caseId = row?.id ?? '';
  received = row?.received ?? '';
});
afterAll(async () => { await h.close(); });

const count = async (): Promise<number> => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM disclosure_remedies WHERE case_id = $1', [caseId])).rows[0]?.n ?? 0;

describe('reviews and lawsuits about a disclosure request', () => {
  it('records a review and its outcome, and counts a lawsuit after review only after the review', async () => {
    const url = `/api/disclosure/cases/${caseId}/remedies`;
    // Brought before the request was received, or in the future: refused, nothing written.
    for (const filedOn of ['2022-12-30', '2099-01-01']) {
      const res = await clerk.post(url, { kind: 'review', authority: '宝丰县人民政府', filedOn });
      expect(res.status, filedOn).toBe(422);
      expect(res.body.error.code).toBe('DISCLOSURE_REMEDY_DATE_INVALID');
    }
    const early = await clerk.post(url, { kind: 'lawsuit_after_review', authority: '宝丰县人民法院', filedOn: '2023-12-01' });
    expect(early.body.error.code).toBe('DISCLOSURE_REMEDY_NO_REVIEW');
    expect(await count()).toBe(0);
    expect(received <= '2023-11-01').toBe(true);

    const review = await clerk.post(url, { kind: 'review', authority: '宝丰县人民政府', filedOn: '2023-11-01' });
    expect(review.status).toBe(200);
    const id = review.body.items[0].id as string;
    const result = `${url}/${id}/result`;
    expect((await clerk.post(result, { result: 'upheld', decidedOn: '2023-10-31' })).body.error.code).toBe('DISCLOSURE_REMEDY_DATE_INVALID');
    const decided = await clerk.post(result, { result: 'corrected', decidedOn: '2023-12-20' });
    expect(decided.body.items[0]).toMatchObject({ result: 'corrected', decidedOn: '2023-12-20', authority: '宝丰县人民政府' });
    expect((await clerk.post(result, { result: 'upheld', decidedOn: '2023-12-21' })).body.error.code).toBe('DISCLOSURE_REMEDY_DECIDED');
    expect((await clerk.post(url, { kind: 'lawsuit_after_review', authority: '宝丰县人民法院', filedOn: '2024-01-05' })).status).toBe(200);
    expect(await count()).toBe(2);

    // On the timeline, and in the 2023 report's fourth table: the corrected review; the lawsuit belongs to 2024.
    const page = await clerk.get(`/api/cases/${caseId}`);
    expect(JSON.stringify(page.body)).toContain('disclosure_remedy');
    const report = (await clerk.get('/api/disclosure/transparency-report?year=2023')).body as { remedies: { kind: string; cells: Record<string, number> }[] };
    const direct = (await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM disclosure_remedies WHERE kind = 'review' AND result = 'corrected' AND decided_on <= '2023-12-31' AND filed_on <= '2023-12-31' AND decided_on >= '2023-01-01'")).rows[0]?.n;
    expect(report.remedies.find((r) => r.kind === 'review')?.cells.corrected).toBe(direct);
    expect(direct).toBeGreaterThanOrEqual(1);
    const y2024 = (await clerk.get('/api/disclosure/transparency-report?year=2024')).body as { remedies: { kind: string; cells: Record<string, number> }[] };
    expect(y2024.remedies.find((r) => r.kind === 'lawsuit_after_review')?.cells).toMatchObject({ pending: 1, total: 1 });
  });

  it("keeps them from another township's clerk, on reads and writes", async () => {
    const other = await anotherTownshipClerk(h);
    const before = await count();
    expect((await other.get(`/api/disclosure/cases/${caseId}/remedies`)).status).toBe(404);
    expect((await other.post(`/api/disclosure/cases/${caseId}/remedies`, { kind: 'review', authority: '越权', filedOn: '2024-02-01' })).status).toBe(404);
    expect(await count()).toBe(before);
    const theirs = await other.get('/api/disclosure/transparency-report?year=2023');
    expect(theirs.status).toBe(200);
    expect(theirs.body.township).toBe('李庄乡');
    expect(theirs.body.remedies.every((r: { cells: { total: number } }) => r.cells.total === 0)).toBe(true);
    expect((await other.get(`/api/disclosure/transparency-report?year=2023&orgId=${await h.orgId('zhangbaqiao')}`)).status).toBe(404);
  });
});
