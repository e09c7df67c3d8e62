import { expect } from 'vitest';
import type { Harness } from '../../test/harness.ts';

/** A citizen's online application to a village (东营村 by default), as the portal sends it; returns the case made. */
export const applyOnlineAs = async (h: Harness, key: string, opts: { villageCode?: string; phone?: string } = {}): Promise<{ id: string; ref: string }> => {
  const res = await h.app.inject({
    method: 'POST', url: '/api/public/mediation/applications', headers: { 'idempotency-key': key },
    payload: {
      villageId: await h.orgId(opts.villageCode ?? 'S01'), category: '邻里', facts: '邻居家的排水沟堵塞，雨水流进我家院子。', claims: '请求疏通排水沟', consent: true,
      applicant: { name: '王建国', phone: opts.phone ?? '13800002222' }, respondent: { name: '李海军' },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string; ref: string }>();
};
