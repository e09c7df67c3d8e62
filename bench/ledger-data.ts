import pg from 'pg';
import { seedDemo } from '../apps/server/src/seed/seed.ts';
import { sealField, type FieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { disputeCategories } from '../apps/server/src/modules/mediation/mediation.workflow.ts';

/**
 * The ledger benchmark's data: the demo town's orgs and accounts (seedDemo), a committee per
 * village, and `perYear` closed mediation cases in each of `years`, written with bulk SQL
 * (not through the case engine: this is setup, not what is measured). Each case has an
 * applicant with a sealed phone number and a respondent, and the transitions of its result
 * with their days, as the engine would have left them: 29 in 30 resolved by a written
 * agreement and a return visit (every 11th with judicial confirmation), the rest failed and
 * guided to court.
 */
export const loadLedgerData = async (ownerUrl: string, keys: FieldKeys, years: readonly number[], perYear: number): Promise<{ cases: number; ms: number }> => {
  const started = Date.now();
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await seedDemo(c as unknown as pg.PoolClient, keys);
    const town = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0]?.id;
    const sifa = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'sifa'")).rows[0]?.id;
    await c.query(`INSERT INTO mediation_committees (township_id, org_id, kind, name)
                   SELECT $1, id, 'village', name || '人民调解委员会' FROM orgs WHERE kind = 'village' AND township_id = $1`, [town]);
    await c.query(`INSERT INTO mediation_committees (township_id, org_id, kind, name) VALUES ($1, $1, 'township', '张八桥镇人民调解委员会')`, [town]);
    // A thousand distinct applicants' numbers, sealed as the engine seals them.
    const phones = Array.from({ length: 1000 }, (_, i) => sealField(keys, `138${String(37_500_000 + i * 7919).padStart(8, '0')}`));
    await c.query(`
      INSERT INTO cases (township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, data, created_by, received_on, closed_at, search_text)
      SELECT $1, v.ids[1 + (s % array_length(v.ids, 1))], 'mediation', format('张八桥-调-%s-%s', y, CASE WHEN s < 10000 THEN lpad(s::text, 4, '0') ELSE s::text END), y, s,
             format('%s村民%s纠纷', v.names[1 + (s % array_length(v.names, 1))], cat), format('申请人与被申请人因%s事项发生争执，经多次协商未果，申请调解。', cat), cat,
             CASE WHEN s % 30 = 7 THEN 'failed' ELSE 'resolved' END, 'closed', 'staff',
             CASE WHEN s % 30 = 7 THEN jsonb_build_object('fail', jsonb_build_object('legalRoute', '告知当事人可向宝丰县人民法院提起诉讼'))
                  ELSE jsonb_build_object('reach_agreement', jsonb_build_object('agreementForm', 'written', 'terms', '双方自愿达成协议，于十五日内履行完毕。'),
                                          'follow_up', jsonb_build_object('performance', '已履行', 'visit', '电话回访，当事人表示满意'))
                       || CASE WHEN s % 11 = 3 THEN jsonb_build_object('apply_confirmation', jsonb_build_object('court', '宝丰县人民法院')) ELSE '{}' END END,
             $2, make_date(y, 1, 1) + (s % 330), now(), ''
        FROM unnest($3::int[]) y, generate_series(1, $4::int) s,
             LATERAL (SELECT $5::text[] AS cats) k, LATERAL (SELECT (k.cats)[1 + (s * 7 + y) % array_length(k.cats, 1)] AS cat) c,
             (SELECT array_agg(id ORDER BY code) AS ids, array_agg(name ORDER BY code) AS names FROM orgs WHERE kind = 'village' AND township_id = $1) v`,
    [town, sifa, years, perYear, disputeCategories]);
    await c.query(`
      INSERT INTO case_parties (case_id, township_id, kind, role, name, phone_enc, sort_order)
      SELECT k.id, k.township_id, 'person', r.role, r.role || k.seq, CASE WHEN r.role = '申请人' THEN ($2::bytea[])[1 + k.seq % 1000] END, r.ord
        FROM cases k, (VALUES ('申请人', 0), ('被申请人', 1)) r(role, ord) WHERE k.township_id = $1`, [town, phones]);
    await c.query(`
      INSERT INTO case_events (case_id, township_id, actor_id, kind, transition, from_status, to_status, public, payload)
      SELECT k.id, k.township_id, $2, 'transition', t.tr, t.from_s, t.to_s, true, jsonb_build_object('on', to_char(k.received_on + t.d, 'YYYY-MM-DD'))
        FROM cases k JOIN (VALUES ('accept', 0, 'registered', 'accepted', NULL), ('start', 1, 'accepted', 'mediating', NULL),
                                  ('reach_agreement', 10, 'mediating', 'agreed', 'resolved'), ('apply_confirmation', 12, 'agreed', 'agreed', 'confirm'),
                                  ('follow_up', 25, 'agreed', 'resolved', 'resolved'), ('fail', 15, 'mediating', 'failed', 'failed'))
                         AS t(tr, d, from_s, to_s, cond) ON t.cond IS NULL OR t.cond = k.status OR (t.cond = 'confirm' AND k.status = 'resolved' AND k.seq % 11 = 3)
       WHERE k.township_id = $1`, [town, sifa]);
    await c.query(`INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) SELECT $1, 'mediation', y, $3 FROM unnest($2::int[]) y`, [town, years, perYear]);
    await c.query('COMMIT');
    await c.query('ANALYZE');
    const n = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE case_type = 'mediation'")).rows[0]?.n ?? 0;
    return { cases: n, ms: Date.now() - started };
  } finally {
    await c.end();
  }
};
