import pg from 'pg';
import { segmentForIndex } from '../apps/server/src/platform/cases/search-text.ts';
import { townshipShortName } from '../apps/server/src/platform/cases/reference.ts';
import { sealField, type FieldKeys } from '../apps/server/src/platform/crypto/sm.ts';
import { SHAPE } from './county.ts';
import { mediationCaseType } from '../apps/server/src/modules/mediation/mediation.workflow.ts';

/**
 * The case benchmark's data (bench/cases.ts): mediation cases written with bulk SQL, not
 * through the engine (this is setup, not what is measured), shaped as the engine leaves
 * them — reference, status and its kind, dates, the segmented `search_text`, two parties
 * (the applicant's phone sealed), the `created` timeline event and, for a share, transition
 * events and statutory clocks (running for open cases, met or missed for closed ones).
 *
 * The texts: 50 dispute scenarios × 4 wordings = 200 distinct titles/bodies, segmented once
 * here with the engine's own `segmentForIndex` (jieba + domain dictionary) and picked in SQL.
 * Two scenarios are rare on purpose (光伏板反光, 鱼塘承包: about 1 case in 1,000 each) so
 * that search can be measured on common and on rare words.
 */

/** [category, title phrase, detail] */
const scenarios: [string, string, string][] = [
  ['房屋宅基地', '宅基地边界', '双方宅基地界址不清，对院墙走向各执一词，多次发生口角'],
  ['房屋宅基地', '翻建房屋遮挡采光', '被申请人翻建二层楼房，遮挡申请人房屋采光'],
  ['房屋宅基地', '宅基地使用权', '兄弟二人对父母遗留宅基地的使用权存在争议'],
  ['邻里', '邻里排水', '雨天排水流入对方院内，双方多次争吵'],
  ['邻里', '邻里通行', '被申请人在村内道路堆放柴草，影响申请人通行'],
  ['邻里', '树木遮挡', '房前杨树枝叶伸入邻院，落叶堵塞排水沟'],
  ['邻里', '噪音扰民', '被申请人夜间开机加工木材，噪音影响休息'],
  ['婚姻家庭', '离婚财产分割', '夫妻双方协议离婚，对共同财产分割意见不一'],
  ['婚姻家庭', '赡养老人', '老人年事已高，几个子女对赡养费用分担意见不一'],
  ['婚姻家庭', '子女抚养费', '离婚后一方未按约定支付子女抚养费'],
  ['婚姻家庭', '彩礼返还', '订婚后解除婚约，男方要求返还彩礼'],
  ['婚姻家庭', '遗产继承', '父亲去世后，子女对房产继承份额发生争议'],
  ['合同', '土地流转合同', '土地流转合同到期后，承租方未按时返还土地'],
  ['合同', '买卖合同货款', '购买农机后尚欠部分货款未付'],
  ['合同', '房屋租赁', '租户拖欠房租三个月，房东要求解除租赁'],
  ['合同', '民间借贷', '借款到期后借款人未按约定归还本金和利息'],
  ['合同', '建房工程款', '包工头完工后房主以质量问题为由拒付尾款'],
  ['生产经营', '养殖场异味', '养猪场气味影响周边住户，住户要求搬迁'],
  ['生产经营', '合伙经营', '合伙开办面粉厂，散伙时对账目和设备分配有争议'],
  ['生产经营', '农资赊销', '农资店赊销化肥，农户以减产为由拒绝付款'],
  ['损害赔偿', '家禽啃食庄稼', '被申请人家的鸡鸭多次进入麦田啃食庄稼'],
  ['损害赔偿', '狗咬伤人', '被申请人饲养的犬只咬伤申请人小腿，医疗费用协商不成'],
  ['损害赔偿', '打架致伤', '双方因琐事发生肢体冲突，一方受伤住院'],
  ['损害赔偿', '火灾损失', '焚烧秸秆引燃邻家柴垛，造成财产损失'],
  ['山林土地', '林地权属', '两村村民对山坡林地的权属各执一词'],
  ['山林土地', '土地承包经营权', '土地承包经营权证面积与实际耕种面积不符'],
  ['山林土地', '地界移动', '耕种时越过地界，侵占相邻承包地'],
  ['征地拆迁', '拆迁补偿款分配', '家庭成员对拆迁补偿款的分配意见不一'],
  ['征地拆迁', '青苗补偿', '道路施工占用耕地，对青苗补偿标准有异议'],
  ['环境污染', '砖厂粉尘', '砖厂生产粉尘飘落，影响周边农作物生长'],
  ['环境污染', '污水排放', '小作坊污水直排沟渠，污染下游灌溉用水'],
  ['劳动争议', '拖欠农民工工资', '建筑工地完工后，包工头拖欠农民工工资'],
  ['劳动争议', '工伤赔偿', '在厂内搬运时受伤，与厂方就工伤赔偿协商不成'],
  ['劳动争议', '解除劳动关系', '企业单方解除劳动关系，职工要求经济补偿'],
  ['消费', '农资化肥质量', '购买的化肥质量不合格，造成小麦减产'],
  ['消费', '预付卡退费', '理发店关门后，预付卡余额无法退还'],
  ['医疗', '村卫生室诊疗', '在村卫生室输液后出现不良反应，对费用承担有争议'],
  ['道路交通事故', '电动车与三轮车相撞', '电动车与三轮车在村口相撞，双方均有损失'],
  ['道路交通事故', '农用车剐蹭', '农用车会车时剐蹭，对维修费用分担有争议'],
  ['物业', '小区物业费', '业主以服务不到位为由拒交物业费'],
  ['物业', '电梯维修费用', '电梯维修费用分摊方案业主意见不一'],
  ['村务管理', '集体收益分配', '外嫁女要求参与村集体收益分配'],
  ['村务管理', '低保评定', '村民对低保评定结果有异议'],
  ['村务管理', '机井使用', '灌溉机井使用顺序和电费分摊发生争执'],
  ['其他', '坟地迁移', '修路需要迁移祖坟，对迁坟补偿意见不一'],
  ['其他', '宠物丢失', '寄养期间宠物走失，双方对赔偿金额有争议'],
  ['其他', '网购纠纷', '村民网购农产品收到变质货物，与店主协商退款不成'],
  ['其他', '广场舞噪音', '晚间广场舞音响声音过大，周边住户要求调整时间'],
  // rare on purpose: about 1 case in 1,000 each
  ['环境污染', '光伏板反光', '屋顶光伏板反光照射邻居卧室，要求调整角度'],
  ['合同', '鱼塘承包', '鱼塘承包期内因干旱减产，对承包费减免有争议'],
];
const RARE = 2;
const wordings: ((detail: string) => string)[] = [
  (d) => `申请人称，${d}。经村委会多次协调未果，申请人民调解。`,
  (d) => `去年秋收后，${d}。双方同意由调解委员会主持调解。`,
  (d) => `近日，${d}，矛盾有激化苗头，网格员排查发现后报送。`,
  (d) => `多年来，${d}。当事人来所申请调解，要求依法处理。`,
];

const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
const givenNames = ['建国', '秀英', '桂英', '志强', '海燕', '国强', '丽娟', '建华', '玉兰', '红梅', '永刚', '春花', '德明', '金凤', '保全', '小红', '卫东', '淑珍', '文杰', '俊峰'];
const enterprises = ['宝丰县鑫源建筑有限公司', '平顶山市华豫农资有限公司', '宝丰县恒通物业服务有限公司', '宝丰县宏达砖厂', '宝丰县金穗面粉厂'];

export type TextPool = { titles: string[]; bodies: string[]; categories: string[]; segs: string[]; weights: number[]; rare: string[] };

/** The 200 dispute texts, each with its words for the index (the title's place name is added per case). */
export const textPool = (): TextPool => {
  const p: TextPool = { titles: [], bodies: [], categories: [], segs: [], weights: [], rare: scenarios.slice(-RARE).map((s) => s[1]) };
  scenarios.forEach(([cat, phrase, detail], si) => {
    wordings.forEach((w, wi) => {
      const title = `村民${phrase}纠纷${wi === 0 ? '' : `（${['二', '三', '四'][wi - 1]}）`}`;
      const body = w(detail);
      p.titles.push(title); p.bodies.push(body); p.categories.push(cat);
      p.segs.push(segmentForIndex([title, body, cat].join(' ')));
      // A rare scenario's four wordings together: 1 case in 1,000.
      p.weights.push(si >= scenarios.length - RARE ? 0.001 / wordings.length : (1 - 0.001 * RARE) / ((scenarios.length - RARE) * wordings.length));
    });
  });
  return p;
};

export type PersonPool = { names: string[]; segs: string[] };
export const personPool = (): PersonPool => {
  const names = surnames.flatMap((s) => givenNames.map((g) => s + g));
  return { names, segs: names.map((n) => segmentForIndex(n)) };
};

/** Cumulative bounds for width_bucket: weights → [w0, w0+w1, …] without the last (1). */
const cumulative = (weights: readonly number[]): number[] => {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (const w of weights.slice(0, -1)) { acc += w / total; out.push(acc); }
  return out;
};
export type Township = { id: string; name: string };

export type CaseLoad = { cases: number; parties: number; events: number; deadlines: number; mediators: number; ms: number; steps: Record<string, number> };

/** Two owner connections: the bulk work is split over both (2 cores: twice the speed when idle). */
type Pair = [pg.Client, pg.Client];
const connectPair = async (ownerUrl: string): Promise<Pair> => {
  const pair: Pair = [new pg.Client({ connectionString: ownerUrl }), new pg.Client({ connectionString: ownerUrl })];
  await Promise.all(pair.map((c) => c.connect()));
  return pair;
};

/**
 * Adds `count` mediation cases to the given townships (weights: their shares; equal when
 * omitted). Cases belong to a village of the township (85 %, villages weighted 1/(1+0.15 i))
 * or to the township itself, received from `firstYear` to `today`, more in recent years; open
 * if received in the last 40 days, or 1.2 % of older ones (stale, overdue), else closed.
 *
 * Every random choice is made once into a staging table of small integers, and the texts,
 * names and orgs are joined from small lookup tables (subscripting a long SQL array costs
 * tens of µs per access). Cases on one connection, their parties, events and clocks on the
 * other, at the same time; foreign-key triggers off (the data is consistent by construction).
 */
export const addCases = async (
  ownerUrl: string, keys: FieldKeys,
  opts: {
    townships: readonly Township[]; weights?: readonly number[]; count: number; firstYear: number; today: string; seed: number;
    /** Every case in this status, received within the last `withinDays` days (cases for a transition to take), instead of the usual spread. */
    only?: { status: string; withinDays: number };
  },
): Promise<CaseLoad> => {
  const started = Date.now();
  const steps: Record<string, number> = {};
  let mark = Date.now();
  const step = (name: string): void => { steps[name] = Date.now() - mark; mark = Date.now(); };
  const texts = textPool();
  const people = personPool();
  const ids = opts.townships.map((t) => t.id);
  const [a, b] = await connectPair(ownerUrl);
  try {
    for (const c of [a, b]) {
      await c.query("SET work_mem = '256MB'");
      // Triggers off (so the org the case tables' trigger would copy is written here directly).
      await c.query('SET session_replication_role = replica');
    }
    // Every case of the load lies at its township or one of its villages: at home, as the
    // triggers that are off would have said (migration 20261213100000), for the load's length.
    await atHomeByDefault(a, true);
    const villages = (await a.query<{ township_id: string; ids: string[]; names: string[] }>(
      `SELECT township_id, array_agg(id ORDER BY code) AS ids, array_agg(name ORDER BY code) AS names
         FROM orgs WHERE kind = 'village' AND township_id = ANY($1::uuid[]) GROUP BY township_id`, [ids])).rows;
    const vOf = new Map(villages.map((v) => [v.township_id, v]));
    const creator = new Map((await a.query<{ township_id: string; id: string }>(
      `SELECT DISTINCT ON (u.township_id) u.township_id, u.id FROM users u JOIN user_grants g ON g.user_id = u.id JOIN roles r ON r.id = g.role_id
        WHERE r.code = 'judicial_staff' AND u.township_id = ANY($1::uuid[]) ORDER BY u.township_id, u.username`, [ids])).rows.map((r) => [r.township_id, r.id]));
    const maxV = Math.max(...villages.map((v) => v.ids.length));
    const vShare = Array.from({ length: maxV }, (_, i) => 1 / (1 + 0.15 * i));
    const vSum = vShare.reduce((x, y) => x + y, 0);
    const torgs = { ti: [] as number[], vi: [] as number[], org: [] as string[], name: [] as string[], seg: [] as string[] };
    opts.townships.forEach((t, i) => {
      const v = vOf.get(t.id);
      if (!v || v.ids.length !== maxV) throw new Error(`township ${t.name}: expected ${maxV} villages`);
      [...v.ids, t.id].forEach((org, j) => {
        const name = j < maxV ? (v.names[j] ?? '') : t.name;
        torgs.ti.push(i + 1); torgs.vi.push(j + 1); torgs.org.push(org); torgs.name.push(name); torgs.seg.push(segmentForIndex(name));
      });
    });
    const phones = Array.from({ length: 1000 }, (_, i) => sealField(keys, `13${String(800_000_000 + i * 7919).padStart(9, '0')}`));
    await a.query('DROP TABLE IF EXISTS bench_gen, bench_texts, bench_people, bench_phones, bench_towns, bench_torgs');
    await a.query(`CREATE UNLOGGED TABLE bench_texts AS SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(title, body, category, seg, i)`,
      [texts.titles, texts.bodies, texts.categories, texts.segs]);
    await a.query(`CREATE UNLOGGED TABLE bench_people AS SELECT * FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(name, seg, i)`, [people.names, people.segs]);
    await a.query(`CREATE UNLOGGED TABLE bench_phones AS SELECT * FROM unnest($1::bytea[]) WITH ORDINALITY AS x(enc, i)`, [phones]);
    await a.query(`CREATE UNLOGGED TABLE bench_towns AS SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS x(id, short, creator, i)`,
      [ids, opts.townships.map((t) => townshipShortName(t.name)), opts.townships.map((t) => creator.get(t.id) ?? null)]);
    await a.query(`CREATE UNLOGGED TABLE bench_torgs AS SELECT * FROM unnest($1::int[], $2::int[], $3::uuid[], $4::text[], $5::text[]) AS x(ti, vi, org_id, name, seg)`,
      [torgs.ti, torgs.vi, torgs.org, torgs.name, torgs.seg]);
    await a.query('ANALYZE bench_texts, bench_people, bench_phones, bench_towns, bench_torgs');
    await a.query('SELECT setseed($1)', [opts.seed]);
    // One row per case with every random choice made; gapless references per township and
    // year in the order received, after any existing ones.
    await a.query(`
      CREATE UNLOGGED TABLE bench_gen AS
      WITH r AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, width_bucket(random(), $2::float8[]) + 1 AS ti, width_bucket(random(), $3::float8[]) + 1 AS vi,
               width_bucket(random(), $4::float8[]) + 1 AS xi, 1 + floor(random() * $5::int)::int AS n1, 1 + floor(random() * $5::int)::int AS n2,
               random() AS rs, random() AS rh,
               ($6::date - floor(CASE WHEN $9::int IS NULL THEN power(random(), 0.8) * ($6::date - make_date($7::int, 1, 1)) ELSE random() * $9::int END)::int) AS received_on
          FROM generate_series(1, $1::int) s
      ), g AS (
        SELECT r.*, t.id AS township_id, t.short, t.creator, extract(year FROM r.received_on)::int AS year,
               (r.received_on + make_interval(secs => 8 * 3600 + floor(r.rh * 9 * 3600)::int))::timestamp AT TIME ZONE 'Asia/Shanghai' AS created_at,
               CASE WHEN $8::text IS NOT NULL THEN $8::text
                    WHEN r.received_on > $6::date - 40 OR r.rs < 0.012
                    THEN (ARRAY['registered','accepted','mediating','mediating','agreed'])[1 + floor(r.rh * 5)::int]
                    ELSE CASE WHEN r.rs < 0.86 THEN 'resolved' WHEN r.rs < 0.93 THEN 'failed' WHEN r.rs < 0.96 THEN 'transferred'
                              WHEN r.rs < 0.98 THEN 'refused' ELSE 'withdrawn' END END AS status
          FROM r JOIN bench_towns t ON t.i = r.ti
      )
      SELECT x.*, format('%s-调-%s-%s', x.short, x.year, CASE WHEN x.seq < 10000 THEN lpad(x.seq::text, 4, '0') ELSE x.seq::text END) AS ref
        FROM (SELECT g.*, (coalesce(k.last_seq, 0) + row_number() OVER (PARTITION BY g.township_id, g.year ORDER BY g.created_at, g.id))::int AS seq
                FROM g LEFT JOIN case_ref_counters k ON k.township_id = g.township_id AND k.case_type = 'mediation' AND k.year = g.year) x`,
    [opts.count, cumulative(opts.weights ?? opts.townships.map(() => 1)), cumulative([...vShare.map((v) => (0.85 * v) / vSum), 0.15]),
      cumulative(texts.weights), people.names.length, opts.today, opts.firstYear, opts.only?.status ?? null, opts.only?.withinDays ?? null]);
    await a.query('ANALYZE bench_gen');
    step('plan');
    const kinds = JSON.stringify(Object.fromEntries(Object.entries(mediationCaseType.states).map(([k, s]) => [k, s.kind])));
    const basis = (key: string): string => mediationCaseType.deadlines.find((d) => d.key === key)?.basis ?? '';
    // The work in pieces, two connections taking the next piece as they finish: cases in two
    // halves first (the tsvector of each row is most of the cost), then parties, events, clocks.
    const half = (k: number): string => `(hashtext(g.id::text) & 1) = ${k}`;
    const counts = { cases: 0, parties: 0, events: 0, deadlines: 0, mediators: 0, shares: 0 };
    const insertCases = (k: number) => async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        INSERT INTO cases (id, township_id, org_id, case_type, ref, year, seq, title, body, category, status, status_kind, source, steps, facts, data,
                           created_by, received_on, closed_at, search_text, created_at, updated_at, last_step_on, ended_on)
        SELECT g.id, g.township_id, o.org_id, 'mediation', g.ref, g.year, g.seq, o.name || x.title, x.body, x.category, g.status, ($1::jsonb) ->> g.status,
               (ARRAY['staff','staff','staff','public','grid'])[1 + floor(g.rh * 5)::int],
               -- As the engine keeps it: each transition taken, under its key, with its fields.
               CASE WHEN g.status IN ('accepted', 'mediating', 'agreed', 'resolved', 'failed', 'transferred') THEN '{"accept":{}}'::jsonb ELSE '{}'::jsonb END
               || CASE WHEN g.status IN ('mediating', 'agreed', 'resolved', 'failed', 'transferred') THEN '{"start":{}}'::jsonb ELSE '{}'::jsonb END
               || CASE g.status WHEN 'resolved' THEN '{"reach_agreement":{"agreementForm":"written","terms":"双方自愿达成协议，于十五日内履行完毕。"},"follow_up":{"performance":"已履行"}}'::jsonb
                                WHEN 'agreed' THEN '{"reach_agreement":{"agreementForm":"written","terms":"双方自愿达成协议，于十五日内履行完毕。"}}'::jsonb
                                WHEN 'failed' THEN '{"fail":{"legalRoute":"告知当事人可向人民法院提起诉讼"}}'::jsonb
                                WHEN 'transferred' THEN '{"transfer":{"transferTo":"宝丰县人民法院"}}'::jsonb
                                WHEN 'refused' THEN '{"refuse":{"reason":"被申请人不同意调解"}}'::jsonb
                                WHEN 'withdrawn' THEN '{"withdraw":{"reason":"申请人撤回申请"}}'::jsonb ELSE '{}'::jsonb END,
               -- The lead mediator's committee (insertLeads below), as the triggers keep it (a fact the module keeps).
               CASE WHEN lc.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('leadCommittee', lc.id::text) END,
               '{}'::jsonb,
               g.creator, g.received_on,
               CASE WHEN ($1::jsonb) ->> g.status <> 'open' THEN g.created_at + make_interval(days => 3 + floor(g.rh * 35)::int) END,
               o.seg || ' ' || x.seg || ' ' || p1.seg || ' ' || p2.seg, g.created_at, g.created_at,
               -- The days the engine keeps (triggers are off during the load): the receipt, and for a closed case the day it ended.
               g.received_on,
               CASE WHEN ($1::jsonb) ->> g.status <> 'open' THEN (g.created_at + make_interval(days => 3 + floor(g.rh * 35)::int))::date END
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi JOIN bench_texts x ON x.i = g.xi
               JOIN bench_people p1 ON p1.i = g.n1 JOIN bench_people p2 ON p2.i = g.n2
               LEFT JOIN mediation_committees lc ON lc.org_id = o.org_id AND lc.kind = 'village'
         WHERE ${half(k)}`, [kinds]);
      counts.cases += r.rowCount ?? 0;
    };
    const insertParties = async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        INSERT INTO case_parties (case_id, org_id, township_id, kind, role, name, phone_enc, sort_order)
        SELECT g.id, o.org_id, g.township_id, 'person', '申请人', p.name, ph.enc, 0
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi JOIN bench_people p ON p.i = g.n1 JOIN bench_phones ph ON ph.i = 1 + (g.n1 * 7 + g.n2) % 1000
        UNION ALL
        SELECT g.id, o.org_id, g.township_id, CASE WHEN g.n2 % 10 = 0 THEN 'enterprise' ELSE 'person' END, '被申请人',
               CASE WHEN g.n2 % 10 = 0 THEN ($1::text[])[1 + g.n2 % 5] ELSE p.name END, NULL, 1
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi JOIN bench_people p ON p.i = g.n2`, [enterprises]);
      counts.parties += r.rowCount ?? 0;
    };
    // The timeline: `created` for every case; for cases received in the last three years,
    // the transitions that led to their status.
    const insertEvents = async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        INSERT INTO case_events (case_id, org_id, township_id, at, actor_id, kind, transition, from_status, to_status, public, payload)
        SELECT g.id, o.org_id, g.township_id, g.created_at, g.creator, 'created', NULL, NULL, 'registered', true, jsonb_build_object('source', 'staff', 'ref', g.ref)
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi
        UNION ALL
        SELECT g.id, o.org_id, g.township_id, g.created_at + make_interval(days => t.d), g.creator, 'transition', t.tr, t.f, t.t, true,
               jsonb_build_object('fields', '{}'::jsonb, 'comment', NULL, 'on', to_char(g.received_on + t.d, 'YYYY-MM-DD'), 'deadlines', '[]'::jsonb)
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi JOIN (VALUES ('accept', 1, 'registered', 'accepted', '{accepted,mediating,agreed,resolved,failed,transferred}'),
                                        ('start', 2, 'accepted', 'mediating', '{mediating,agreed,resolved,failed,transferred}'),
                                        ('reach_agreement', 12, 'mediating', 'agreed', '{agreed,resolved}'),
                                        ('follow_up', 30, 'agreed', 'resolved', '{resolved}'),
                                        ('fail', 15, 'mediating', 'failed', '{failed}'),
                                        ('transfer', 5, 'mediating', 'transferred', '{transferred}'),
                                        ('refuse', 2, 'registered', 'refused', '{refused}'),
                                        ('withdraw', 3, 'registered', 'withdrawn', '{withdrawn}')) AS t(tr, d, f, t, upto)
            ON g.status = ANY (t.upto::text[])
         WHERE g.received_on > $1::date - 3 * 365`, [opts.today]);
      counts.events += r.rowCount ?? 0;
    };
    // Clocks: the month of mediation (from acceptance) running for accepted/mediating cases,
    // met (or, one in twelve, missed) for later states; the confirmation window running for agreed ones.
    const insertDeadlines = async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        INSERT INTO case_deadlines (case_id, org_id, township_id, key, start_date, length, unit, due_date, explanation, explanation_en, status, stopped_on, on_time, created_at)
        SELECT g.id, o.org_id, g.township_id, 'mediation', g.received_on + 1, 30, 'cd', g.received_on + 31,
               jsonb_build_array('调解期限（依据：' || $2 || '）', '自' || to_char(g.received_on + 1, 'YYYY-MM-DD') || '起算，30个自然日，至' || to_char(g.received_on + 31, 'YYYY-MM-DD') || '届满。'),
               jsonb_build_array('Mediation (basis: ' || $2 || ')', 'From ' || to_char(g.received_on + 1, 'YYYY-MM-DD') || ', 30 calendar days, due ' || to_char(g.received_on + 31, 'YYYY-MM-DD') || '.'),
               CASE WHEN g.status IN ('accepted', 'mediating') THEN 'running' WHEN g.n1 % 12 = 0 THEN 'missed' ELSE 'met' END,
               CASE WHEN g.status NOT IN ('accepted', 'mediating') THEN g.received_on + CASE WHEN g.n1 % 12 = 0 THEN 35 ELSE 12 END END,
               CASE WHEN g.status NOT IN ('accepted', 'mediating') THEN g.n1 % 12 <> 0 END, g.created_at
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi WHERE g.status IN ('accepted', 'mediating', 'agreed', 'resolved', 'failed') AND g.received_on > $1::date - 3 * 365
        UNION ALL
        SELECT g.id, o.org_id, g.township_id, 'confirmation', g.received_on + 12, 30, 'cd', g.received_on + 42,
               jsonb_build_array('司法确认申请期限（依据：' || $3 || '）'), jsonb_build_array('Judicial confirmation window (basis: ' || $3 || ')'),
               'running', NULL, NULL, g.created_at
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi WHERE g.status = 'agreed'`, [opts.today, basis('mediation'), basis('confirmation')]);
      counts.deadlines += r.rowCount ?? 0;
    };
    // Each village's committee with two mediators (and each township's), then a lead mediator
    // for every village case: the statistics' breakdown by committee reads these.
    await a.query(`
      INSERT INTO mediation_committees (township_id, org_id, kind, name)
      SELECT CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END, o.id, o.kind, o.name || '人民调解委员会' FROM orgs o
       WHERE o.kind IN ('village', 'township') AND (o.id = ANY ($1) OR o.township_id = ANY ($1))
         AND NOT EXISTS (SELECT 1 FROM mediation_committees m WHERE m.org_id = o.id)`, [ids]);
    await a.query(`
      INSERT INTO mediators (township_id, committee_id, org_id, name)
      SELECT m.township_id, m.id, m.org_id, '调解员' || n FROM mediation_committees m, generate_series(1, 2) n
       WHERE m.township_id = ANY ($1) AND NOT EXISTS (SELECT 1 FROM mediators x WHERE x.committee_id = m.id)`, [ids]);
    const insertLeads = async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        WITH first AS (SELECT DISTINCT ON (mc.org_id) mc.org_id, x.id FROM mediators x JOIN mediation_committees mc ON mc.id = x.committee_id
                        WHERE mc.kind = 'village' ORDER BY mc.org_id, x.name)
        INSERT INTO mediation_case_mediators (case_id, mediator_id, township_id, lead, org_id, case_status, case_status_kind)
        SELECT g.id, f.id, g.township_id, true, o.org_id, g.status, ($1::jsonb) ->> g.status
          FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi JOIN first f ON f.org_id = o.org_id`, [kinds]);
      counts.mediators += r.rowCount ?? 0;
    };
    // One case in a hundred sent on and still readable by the office that sent it (case_shares):
    // reads pay what shares cost. With none, a policy that read every share for each table a
    // statement names went unseen (48.6 ms a case page with 2,000 shares; docs/performance.md).
    const insertShares = async (c: pg.Client): Promise<void> => {
      const r = await c.query(`
        INSERT INTO case_shares (case_id, org_id, reason, township_id)
        SELECT g.id, o.org_id, '转交后保留查阅', g.township_id FROM bench_gen g JOIN bench_torgs o ON o.ti = g.ti AND o.vi = g.vi WHERE g.n1 % 100 = 7`);
      counts.shares += r.rowCount ?? 0;
    };
    const work = [insertCases(0), insertCases(1), insertParties, insertEvents, insertDeadlines, insertLeads, insertShares];
    await Promise.all([a, b].map(async (c) => { for (let w = work.shift(); w; w = work.shift()) await w(c); }));
    step('rows');
    await a.query(`
      INSERT INTO case_ref_counters (township_id, case_type, year, last_seq)
      SELECT township_id, 'mediation', year, max(seq) FROM bench_gen GROUP BY township_id, year
      ON CONFLICT (township_id, case_type, year) DO UPDATE SET last_seq = EXCLUDED.last_seq`);
    await a.query('DROP TABLE bench_gen, bench_texts, bench_people, bench_phones, bench_towns, bench_torgs');
    return { ...counts, ms: Date.now() - started, steps };
  } finally {
    await atHomeByDefault(a, false).catch(() => undefined);
    await Promise.all([a.end(), b.end()]);
  }
};

/** The default of every case table's `at_home` (set by triggers, which the load turns off). */
const atHomeByDefault = (c: pg.Client, value: boolean): Promise<unknown> => c.query(`DO $$
  DECLARE t text;
  BEGIN
    FOR t IN SELECT k.relname FROM pg_attribute x JOIN pg_class k ON k.oid = x.attrelid
              WHERE x.attname = 'at_home' AND NOT x.attisdropped AND k.relkind = 'r' AND k.relnamespace = 'public'::regnamespace LOOP
      EXECUTE format('ALTER TABLE %I ALTER COLUMN at_home SET DEFAULT ${value}', t);
    END LOOP;
  END $$`);

const BULK_TABLES = ['cases', 'case_parties', 'case_events', 'case_deadlines', 'mediation_case_mediators'];

/**
 * Runs a bulk load with the secondary indexes of the case tables dropped, then rebuilds
 * them exactly as the migrations defined them (pg_get_indexdef), on two connections at once
 * (CREATE INDEX on one table from two sessions does not block), largest first; then VACUUM (ANALYZE).
 */
export const bulkLoad = async <T>(ownerUrl: string, fn: () => Promise<T>): Promise<{ result: T; loadMs: number; indexMs: number; indexSteps: Record<string, number> }> => {
  const t0 = Date.now();
  const [a, b] = await connectPair(ownerUrl);
  try {
    const defs = (await a.query<{ name: string; def: string; size: number }>(
      `SELECT i.indexname AS name, i.indexdef AS def, pg_relation_size(format('%I', i.indexname)::regclass) AS size FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`, [BULK_TABLES])).rows;
    for (const d of defs) await a.query(`DROP INDEX ${d.name}`);
    const result = await fn();
    const t1 = Date.now();
    for (const c of [a, b]) await c.query("SET maintenance_work_mem = '512MB'");
    // The two GIN indexes of cases are most of the work: one on each connection, then the rest.
    const heavy = (name: string): number => (name === 'cases_search' ? 0 : name === 'cases_title_trgm' ? 1 : 2);
    const queue = [...defs].sort((x, y) => heavy(x.name) - heavy(y.name));
    const indexSteps: Record<string, number> = {};
    await Promise.all([a, b].map(async (c) => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const t = Date.now();
        await c.query(d.def);
        indexSteps[d.name] = Date.now() - t;
      }
    }));
    // VACUUM as autovacuum would have by the time a real database holds this much: it sets the
    // visibility map that index-only scans rely on (and ANALYZE the statistics).
    await a.query(`VACUUM (ANALYZE) ${BULK_TABLES.join(', ')}`);
    await a.query('ANALYZE case_ref_counters, orgs, org_closure');
    return { result, loadMs: t1 - t0, indexMs: Date.now() - t1, indexSteps };
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
};

/**
 * Adds townships to the county (the scaling check): each with the 7 offices, 18 villages
 * and 5 grids per village, like bench/county.ts makes the first 13 — orgs only, no users.
 */
export const addTownships = async (c: pg.ClientBase, count: number): Promise<Township[]> => {
  const county = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'county'")).rows[0]?.id;
  const have = Number((await c.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE kind = 'township'")).rows[0]?.n ?? 0);
  const added = (await c.query<Township>(
    `INSERT INTO orgs (id, parent_id, kind, name, code, township_id, sort_order)
     SELECT id, $1, 'township', format('第%s镇', n), format('T%s', lpad(n::text, 3, '0')), id, 10 + n
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series($2::int + 1, $2::int + $3::int) n) s
     RETURNING id, name`, [county, have, count])).rows;
  const ids = added.map((t) => t.id);
  await c.query(
    `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
     SELECT t.id, 'office', o.name, t.code || '-' || o.code, t.id, o.ord
       FROM orgs t CROSS JOIN (SELECT DISTINCT ON (split_part(code, '-', 2)) split_part(code, '-', 2) AS code, name, sort_order AS ord
                                 FROM orgs WHERE kind = 'office' AND township_id IS NOT NULL ORDER BY split_part(code, '-', 2)) o
      WHERE t.id = ANY($1::uuid[])`, [ids]);
  await c.query(
    `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
     SELECT t.id, 'village', format('%s%s村', t.name, v), format('%sV%s', t.code, lpad(v::text, 2, '0')), t.id, 100 + v
       FROM orgs t, generate_series(1, $2::int) v WHERE t.id = ANY($1::uuid[])`, [ids, SHAPE.villagesPerTownship]);
  await c.query(
    `INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order)
     SELECT v.id, 'grid', format('%s第%s网格', v.name, g), format('%sG%s', v.code, g), v.township_id, g
       FROM orgs v, generate_series(1, $2::int) g WHERE v.kind = 'village' AND v.township_id = ANY($1::uuid[])`, [ids, SHAPE.gridsPerVillage]);
  return added;
};
