import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { addDays } from '../../platform/calendar/index.ts';
import { sealField, sm3 } from '../../platform/crypto/sm.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase } from '../../platform/cases/create-case.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { rightsNoticeSm3 } from './dossier/rights-notice.ts';
import { rateCase } from '../../platform/cases/tracking.ts';
import { categoryWeights, givenNames, legalRoutes, occupations, places, sketches, surnames } from './mediation.demo-data.ts';
import { openRound } from './mediation.screening.ts';

/** A small seeded generator: the demo is the same on every machine. */
const prng = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

type Plan = { received: string; outcome: 'resolved' | 'guided' | 'agreed' | 'mediating' | 'accepted' | 'registered'; late?: boolean; confirm?: boolean };

/**
 * The demo town's mediation work as real records made through the case engine: 2023's 143
 * disputes (138 resolved by agreement, 5 guided to legal channels, as the town's report
 * says), closed years 2024-2025, and a live current year with open cases so the desk looks
 * alive. Every figure on the statistics page is computed from these records.
 */
export const seedMediationDemo = async (c: Client, platform: Platform, today: string): Promise<number> => {
  const rand = prng(2023);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const weighted = (): string => {
    const total = categoryWeights.reduce((n, [, w]) => n + w, 0);
    let r = rand() * total;
    for (const [k, w] of categoryWeights) if ((r -= w) < 0) return k;
    return '其他';
  };
  const orgs = (await c.query<{ id: string; code: string; name: string; kind: string; township_id: string | null }>(
    "SELECT id, code, name, kind, township_id FROM orgs WHERE code ~ '^S[0-9]{2}$' OR code IN ('sfs', 'zhangbaqiao') ORDER BY code")).rows;
  const villages = orgs.filter((o) => /^S\d{2}$/.test(o.code));
  const station = orgs.find((o) => o.code === 'sfs');
  const township = orgs.find((o) => o.code === 'zhangbaqiao');
  if (!station || !township || villages.length === 0) return 0;
  const staff = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'sifa'")).rows[0];
  const principal = staff ? await loadPrincipal(c, staff.id, 'session') : null;
  if (!principal) return 0;
  // Committees and mediators.
  const committee = async (org: { id: string }, kind: string, name: string, specialty: string | null): Promise<string> =>
    (await c.query<{ id: string }>('INSERT INTO mediation_committees (township_id, org_id, kind, name, specialty) VALUES ($1,$2,$3,$4,$5) RETURNING id',
      [township.id, org.id, kind, name, specialty])).rows[0]?.id ?? '';
  // Each committee's mediators, in the order added (the demo's cases are given to them below).
  const members = new Map<string, string[]>();
  const mediator = async (committeeId: string, orgId: string, name: string, specialties: string[], userId: string | null = null): Promise<void> => {
    const id = (await c.query<{ id: string }>('INSERT INTO mediators (township_id, committee_id, org_id, user_id, name, phone_enc, specialties, trainings) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id',
      [township.id, committeeId, orgId, userId, name, sealField(platform.keys.fields, `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`), specialties,
        JSON.stringify([{ date: '2023-04-18', title: '全镇人民调解员业务培训', hours: 6 }])])).rows[0]?.id ?? '';
    members.set(committeeId, [...(members.get(committeeId) ?? []), id]);
  };
  // The town's committee sits at the township (its office is the 司法所), so every village sees it.
  const town = await committee(township, 'township', '张八桥镇人民调解委员会', null);
  for (const n of ['王芳', '张国强', '李淑珍']) await mediator(town, township.id, n, ['婚姻家庭', '房屋宅基地', '合同']);
  const traffic = await committee(township, 'professional', '道路交通事故纠纷人民调解委员会', '道路交通事故');
  await mediator(traffic, township.id, '刘振山', ['道路交通事故', '损害赔偿']);
  const studioVillage = villages[4] ?? township;
  const studio = await committee(studioVillage, 'studio', '老杨个人调解工作室', '邻里、婚姻家庭');
  await mediator(studio, studioVillage.id, '杨德明', ['邻里', '婚姻家庭']);
  const mediatorUser = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'tiaojie1'")).rows[0]?.id ?? null;
  const villageCommittee = new Map<string, string>();
  for (const [i, v] of villages.entries()) {
    const id = await committee(v, 'village', `${v.name}人民调解委员会`, null);
    villageCommittee.set(v.id, id);
    await mediator(id, v.id, `${pick(surnames)}${pick(givenNames)}`, ['邻里', '婚姻家庭'], i === 0 ? mediatorUser : null);
    await mediator(id, v.id, `${pick(surnames)}${pick(givenNames)}`, ['房屋宅基地', '山林土地']);
  }
  // The plans: 2023 exactly as reported, then 2024-2025 closed, then the current year.
  const dayIn = (year: number, from = 0, to = 364): string => addDays(`${year}-01-01`, from + Math.floor(rand() * (to - from + 1)));
  const plans: Plan[] = [];
  const guided2023 = new Set([17, 49, 83, 101, 130]);
  for (let i = 0; i < 143; i++) plans.push({ received: dayIn(2023, 0, 330), outcome: guided2023.has(i) ? 'guided' : 'resolved', late: i % 40 === 7, confirm: i % 11 === 3 });
  for (const [year, n] of [[2024, 131], [2025, 126]] as const) {
    for (let i = 0; i < n; i++) plans.push({ received: dayIn(year, 0, 330), outcome: i % 29 === 5 ? 'guided' : 'resolved', confirm: i % 13 === 2 });
  }
  const y = Number(today.slice(0, 4));
  const dayOfYear = Math.round((Date.parse(today) - Date.parse(`${y}-01-01`)) / 86_400_000);
  for (let i = 0; i < 90; i++) plans.push({ received: dayIn(y, 0, Math.max(0, dayOfYear - 60)), outcome: i % 31 === 4 ? 'guided' : 'resolved' });
  const live: Plan['outcome'][] = ['registered', 'registered', 'accepted', 'accepted', 'mediating', 'mediating', 'mediating', 'mediating', 'agreed', 'agreed', 'agreed'];
  for (const [i, outcome] of live.entries()) plans.push({ received: addDays(today, -(outcome === 'mediating' && i % 2 === 0 ? 35 + i : 2 + i * 2)), outcome });
  plans.sort((a, b) => (a.received < b.received ? -1 : 1));

  let made = 0;
  const tracked: { no: string; code: string }[] = [];
  for (const plan of plans) {
    const category = weighted();
    const sketch = pick(sketches[category] ?? sketches['其他'] ?? []);
    const atStation = rand() < 0.08;
    const org = atStation ? station : pick(villages);
    const place = atStation ? '' : org.name;
    const applicant = `${pick(surnames)}${pick(givenNames)}`;
    const respondent = `${pick(surnames)}${pick(givenNames)}`;
    let day = plan.received;
    const ctx: CaseCtx = {
      client: c, principal, actor: { principal, ip: null, requestId: 'demo' }, audit: auditor(c, { principal, ip: null, requestId: 'demo' }),
      engine: { ...platform.cases, today: () => day },
    };
    const kase = await createCase(ctx, {
      type: 'mediation', orgId: org.id, title: `${place}${sketch?.title ?? '民间纠纷'}`, body: `${applicant}与${respondent}：${sketch?.body ?? ''}`,
      category, receivedOn: day, source: rand() < 0.15 ? 'grid' : 'staff', tracking: rand() < 0.2,
      // 东营村's own mediator handles its cases; the 司法所 handles the rest.
      assigneeIds: org.id === villages[0]?.id && mediatorUser ? [mediatorUser] : staff ? [staff.id] : [],
      parties: [
        { kind: 'person', role: '申请人', name: applicant, phone: `13${Math.floor(rand() * 1e9).toString().padStart(9, '0')}`, address: `宝丰县张八桥镇${org.name}` },
        { kind: 'person', role: '被申请人', name: respondent, phone: `15${Math.floor(rand() * 1e9).toString().padStart(9, '0')}`, address: `宝丰县张八桥镇${org.name}` },
      ],
    });
    made++;
    let version = 1;
    const step = async (transition: string, advance: number, fields: Record<string, unknown> = {}): Promise<void> => {
      day = addDays(day, advance);
      version = (await takeTransition(ctx, kase.id, { transition, version, fields, on: day })).version;
    };
    if (plan.outcome === 'registered') continue;
    await step('accept', Math.floor(rand() * 2));
    if (plan.outcome === 'accepted') continue;
    await step('start', 1 + Math.floor(rand() * 2));
    // Who mediates (chosen in turn, without the random draws, so the town's cases stay as
    // they are): traffic accidents go to the professional committee; in 老杨's village every
    // two in three neighbour or family disputes to his studio; the rest to the village's committee,
    // or at the station to the town's; a second mediator joins every fourth case.
    const by = category === '道路交通事故' ? traffic
      : org.id === studioVillage.id && (category === '邻里' || category === '婚姻家庭') && made % 3 !== 0 ? studio
        : (villageCommittee.get(org.id) ?? town);
    const team = members.get(by) ?? [];
    const chosen = [...new Set([team[made % team.length], ...(made % 4 === 0 ? [team[(made + 1) % team.length]] : [])])].filter((x): x is string => Boolean(x));
    for (const [i, id] of chosen.entries()) {
      await c.query('INSERT INTO mediation_case_mediators (case_id, mediator_id, township_id, lead) VALUES ($1, $2, $3, $4)', [kase.id, id, township.id, i === 0]);
    }
    // The parties are told of their rights and duties before the first session (on paper, or
    // orally at the counter); every 23rd file lacks it, for the file review to find.
    const parties = (await c.query<{ id: string }>('SELECT id FROM case_parties WHERE case_id = $1 ORDER BY sort_order', [kase.id])).rows;
    if (made % 23 !== 0) {
      for (const p of parties) {
        await c.query(
          `INSERT INTO mediation_rights_notices (case_id, township_id, party_id, given_on, method, text_sm3, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [kase.id, township.id, p.id, day, made % 3 === 0 ? 'oral' : 'paper', rightsNoticeSm3, staff?.id ?? null]);
      }
    }
    const sessions = 1 + Math.floor(rand() * 2);
    for (let s = 0; s < sessions; s++) {
      const record = `${day} 在${pick(places)}组织双方调解。${applicant}陈述：${sketch?.body ?? ''}${respondent}表示愿意协商解决。`;
      await c.query(
        `INSERT INTO mediation_sessions (case_id, township_id, held_at, place, participants, record, record_sm3, signatures, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [kase.id, township.id, `${day}T09:30:00+08:00`, pick(places), JSON.stringify([applicant, respondent, '调解员']), record, sm3(record).toString('hex'),
          JSON.stringify([applicant, respondent].map((name) => ({ name, signedAt: `${day}T11:00:00+08:00`, textSm3: sm3(record).toString('hex'), method: 'paper-scan' }))), staff?.id ?? null]);
    }
    if (plan.outcome === 'mediating') continue;
    if (plan.outcome === 'guided') {
      await step('fail', 5 + Math.floor(rand() * 15), { legalRoute: pick(legalRoutes) });
      continue;
    }
    // The parties' basic facts (人民调解法 第二十九条第一项), drawn from the case's number so the
    // town's random draws stay as they are.
    for (const [i, p] of parties.entries()) {
      await c.query(
        `INSERT INTO mediation_party_facts (party_id, case_id, township_id, sex, birth_date, ethnicity, occupation) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [p.id, kase.id, township.id, (made + i) % 2 === 0 ? '男' : '女', `${1950 + ((made * 7 + i * 13) % 45)}-${String(1 + ((made + i) % 12)).padStart(2, '0')}-${String(1 + ((made * 3 + i) % 28)).padStart(2, '0')}`,
          (made + i) % 19 === 0 ? '回' : '汉', occupations[(made + i) % occupations.length] ?? '农民']);
    }
    await step('reach_agreement', plan.late ? 34 : 3 + Math.floor(rand() * 20), {
      agreementForm: rand() < 0.85 ? 'written' : 'oral', terms: sketch?.terms ?? '双方达成和解。',
      facts: `经调查核实：${sketch?.body ?? '双方因琐事发生争执。'}`, issues: `${sketch?.title ?? '纠纷'}中双方的权利义务如何确定、损失如何承担。`,
      responsibilities: made % 2 === 0 ? `${respondent}对纠纷的发生负主要责任，${applicant}负次要责任。` : '双方对纠纷的发生均有一定责任。',
    });
    if (plan.confirm) await step('apply_confirmation', 5 + Math.floor(rand() * 10), { court: '宝丰县人民法院' });
    if (plan.outcome === 'agreed') continue;
    await step('follow_up', 10 + Math.floor(rand() * 20), { performance: rand() < 0.97 ? '已履行' : '部分履行', visit: '电话回访，当事人表示满意' });
    if (kase.trackingNo && kase.queryCode) tracked.push({ no: kase.trackingNo, code: kase.queryCode });
  }
  // 好差评: most parties who got a query code rate the closed case (a fixed pattern of grades,
  // so that the town's random draws above stay as they are).
  const grades = [5, 5, 4, 5, 3, 5, 4, 5, 2, 5, 4];
  for (const [i, t] of tracked.entries()) {
    if (i % 4 === 3) continue;
    await rateCase(c, t.no, t.code, { score: grades[i % grades.length] ?? 5 }, null);
  }
  await seedScreening(c, township.id, today);
  return made;
};

/**
 * Monthly screening: every past month since 2023 answered by every village (the cases a
 * village received that month as its findings, else a nil return); the current month open,
 * with two thirds of the villages answered.
 */
const seedScreening = async (c: Client, townshipId: string, today: string): Promise<void> => {
  const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let y = 2023; y <= ty; y++) {
    for (let m = 1; m <= 12 && (y < ty || m <= tm); m++) {
      const period = `${y}-${String(m).padStart(2, '0')}`;
      const id = await openRound(c, townshipId, period, `${period}-25`, null);
      const current = y === ty && m === tm;
      await c.query(
        `UPDATE screening_returns x SET
            case_ids = coalesce((SELECT array_agg(k.id) FROM cases k JOIN org_closure oc ON oc.descendant_id = k.org_id AND oc.ancestor_id = x.org_id
                                  WHERE k.case_type = 'mediation' AND to_char(k.received_on, 'YYYY-MM') = $2), '{}'),
            returned_at = ($2 || '-24')::date + time '16:00'
          WHERE x.round_id = $1 AND (NOT $3 OR (SELECT code FROM orgs WHERE id = x.org_id) <= 'S12')`, [id, period, current]);
      await c.query(`UPDATE screening_returns SET status = CASE WHEN cardinality(case_ids) > 0 THEN 'reported' ELSE 'nil' END WHERE round_id = $1 AND returned_at IS NOT NULL`, [id]);
    }
  }
};
