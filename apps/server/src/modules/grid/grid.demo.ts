import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditor } from '../../platform/platform.ts';
import { loadPrincipal } from '../../platform/access/principal.ts';
import { addDays, addWorkingDays } from '../../platform/calendar/index.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createHistoricCases } from '../../platform/cases/bulk-create.ts';
import type { HistoricCase, HistoricStep } from '../../platform/cases/historic-plan.ts';
import { takeTransition } from '../../platform/cases/transition.ts';
import { referGridEventToMediation, writeGridEvent } from './grid.events.ts';
import type { GridCategory } from '@fazhi/contracts';

/** A small seeded generator: the demo is the same on every machine. */
const prng = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Invented events, each with what was done about it: nothing here is a real person or place. */
const sketches: { category: GridCategory; weight: number; what: string; done: string }[] = [
  { category: '环境卫生', weight: 22, what: '村口垃圾池满溢，周边有散落垃圾。', done: '通知保洁员清运，垃圾池周边清扫消杀。' },
  { category: '环境卫生', weight: 8, what: '沟渠内漂浮生活垃圾和秸秆，影响排水。', done: '组织村保洁队打捞清理，劝导沿线住户不再倾倒。' },
  { category: '市政设施', weight: 12, what: '主街路灯多盏不亮，夜间出行不便。', done: '联系维修单位更换灯具并检查线路。' },
  { category: '市政设施', weight: 5, what: '井盖破损缺失，存在行人跌落隐患。', done: '设置警示围挡，当日更换井盖。' },
  { category: '道路交通', weight: 8, what: '村道路面塌陷一处，车辆绕行。', done: '设置警示标志，报镇村建办修补路面。' },
  { category: '矛盾纠纷', weight: 14, what: '两户因宅基地边界发生争执。', done: '网格员会同村调委会现场查看，双方达成一致。' },
  { category: '矛盾纠纷', weight: 6, what: '邻里因排水沟堵塞互相指责。', done: '现场协调疏通排水沟，双方握手言和。' },
  { category: '治安隐患', weight: 6, what: '废弃厂房夜间有人聚集，群众反映不安全。', done: '报派出所加强夜间巡逻，厂房出入口封闭。' },
  { category: '安全生产', weight: 5, what: '小作坊内液化气罐与明火距离过近。', done: '督促整改，移出气瓶并配备灭火器。' },
  { category: '消防隐患', weight: 6, what: '楼道内电动车充电、私拉电线。', done: '劝导移出电动车，拆除私拉电线，告知集中充电点。' },
  { category: '食品药品', weight: 2, what: '流动摊点售卖无标签散装食品。', done: '报市场监管所查处，劝离摊点。' },
  { category: '民生服务', weight: 5, what: '独居老人家中取暖设施损坏。', done: '联系志愿者上门维修，纳入重点关爱名单。' },
  { category: '特殊人群', weight: 2, what: '重点人员近期情绪异常，家属求助。', done: '会同村医、民警上门走访，落实监护责任。' },
  { category: '其他', weight: 3, what: '村民询问惠民政策办理渠道。', done: '现场解答并告知便民服务站办理流程。' },
];
const totalWeight = sketches.reduce((s, x) => s + x.weight, 0);

/** The people of each demo grid and their duties (一员多能): invented names, official lines only for the 网格长. */
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '胡', '郭', '何'];
const givenNames = ['建国', '秀英', '桂兰', '志强', '海军', '玉梅', '国庆', '红霞', '卫东', '春燕', '长江', '丽娟', '新民', '保国'];
const dutyLists: readonly string[][] = [
  ['社情民意收集', '矛盾纠纷排查', '安全隐患巡查'],
  ['环境卫生监督', '特殊人群服务', '政策宣传'],
  ['消防安全巡查', '流动人口登记', '民生诉求代办'],
];

/**
 * The demo town's grid work: the people of all 54 grids (a 网格长 per village, a full-time
 * worker per grid with his duties, and the demo accounts' own names at 东营村), and a year of
 * events (2023) as records made through the engine — about 10 a grid, most filed, dispatched,
 * handled and closed within each stage's limit, about a fifth settled on the spot, a few sent
 * back, a few late, a few not filed — and this year a handful that became people's mediation
 * cases.
 */
export const seedGridDemo = async (c: Client, platform: Platform, today: string): Promise<number> => {
  const rand = prng(3100);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const township = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE code = 'zhangbaqiao'")).rows[0];
  const center = (await c.query<{ id: string }>("SELECT id FROM users WHERE username = 'zongzhi'")).rows[0];
  const principal = center ? await loadPrincipal(c, center.id, 'session') : null;
  if (!township || !principal) return 0;
  const grids = (await c.query<{ id: string; code: string; village_id: string; village_code: string; village_name: string }>(
    `SELECT g.id, g.code, v.id AS village_id, v.code AS village_code, v.name AS village_name FROM orgs g JOIN orgs v ON v.id = g.parent_id
      WHERE g.kind = 'grid' AND g.township_id = $1 ORDER BY v.code, g.code`, [township.id])).rows;
  const accounts = new Map((await c.query<{ id: string; username: string; display_name: string }>(
    "SELECT id, username, display_name FROM users WHERE username IN ('wangge', 'wangge2', 'wanggezhang')")).rows.map((u) => [u.username, u]));
  const personName = (): string => `${pick(surnames)}${pick(givenNames)}`;
  const mobile = (): string => `13${Math.floor(rand() * 1e9).toString().padStart(9, '0')}`;

  // The published list.
  const villages = [...new Map(grids.map((g) => [g.village_id, g])).values()];
  for (const [i, v] of villages.entries()) {
    const leader = v.village_code === 'S01' ? accounts.get('wanggezhang') : undefined;
    for (const g of grids.filter((x) => x.village_id === v.village_id)) {
      await c.query(`INSERT INTO grid_members (township_id, org_id, user_id, role, name, official_phone, duties, sort_order) VALUES ($1,$2,$3,'网格长',$4,$5,$6,0)`,
        [township.id, g.id, leader?.id ?? null, leader ? '王建国' : personName(), `0375-6${String(120100 + i).slice(-6)}`, ['统筹网格工作', '矛盾纠纷化解', '重点人员管控']]);
    }
  }
  for (const [i, g] of grids.entries()) {
    const account = g.code === 'S01G1' ? accounts.get('wangge') : g.code === 'S02G1' ? accounts.get('wangge2') : undefined;
    const name = account ? account.display_name.replace(/^网格员\s*/, '') : personName();
    await c.query(`INSERT INTO grid_members (township_id, org_id, user_id, role, name, phone_enc, duties, sort_order) VALUES ($1,$2,$3,'专职网格员',$4,$5,$6,1)`,
      [township.id, g.id, account?.id ?? null, name, sealField(platform.keys.fields, mobile()), dutyLists[i % dutyLists.length]]);
    if (rand() < 0.5) {
      await c.query(`INSERT INTO grid_members (township_id, org_id, role, name, phone_enc, duties, sort_order) VALUES ($1,$2,'兼职网格员',$3,$4,$5,2)`,
        [township.id, g.id, personName(), sealField(platform.keys.fields, mobile()), ['楼栋（村民小组）信息采集', '平安志愿巡逻']]);
    }
  }

  // A year of events, through the bulk path (the engine's checks and clocks, one statement per table).
  const cal = await platform.cases.calendars.forTownship(township.id);
  const wd = (day: string, n: number): string => (n <= 0 ? day : addWorkingDays(cal, day, n));
  const sketch = () => {
    let r = rand() * totalWeight;
    for (const s of sketches) if ((r -= s.weight) < 0) return s;
    return sketches[0] as (typeof sketches)[number];
  };
  const rows: HistoricCase[] = [];
  for (const g of grids) {
    const n = 8 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const s = sketch();
      const received = addDays('2023-01-03', Math.floor(rand() * 355));
      const r = rand();
      const late = rand() < 0.07;
      const steps: HistoricStep[] = [];
      let day = received;
      const at = (transition: string, after: number, fields: Record<string, unknown>) => { day = wd(day, after); steps.push({ transition, on: day, fields }); };
      const handle = (s2: { done: string }) => {
        at('handle', late ? 6 + Math.floor(rand() * 3) : Math.floor(rand() * 4), { measures: s2.done });
        at('report_back', rand() < 0.9 ? 0 : 1, { result: `已处置：${s2.done}` });
      };
      if (r < 0.04) {
        at('cancel', 0, { reason: pick(['重复上报', '经核实不存在', '不属于网格事件受理范围'] as const) });
      } else if (r < 0.24) {
        at('solve_on_spot', 0, { result: s.done });
        at('verify_close', rand() < 0.9 ? 1 : 2, { verification: '电话回访当事人，属实' });
        at('evaluate', 0, { grade: rand() < 0.85 ? '满意' : '基本满意' });
      } else {
        at('file', rand() < 0.95 ? 0 : 2, { verification: '经网格员现场照片核实，情况属实' });
        at('dispatch', rand() < 0.93 ? 0 : 2, { handler: pick([`${g.village_name}村委会`, '镇村建办', '综合行政执法队', '镇安监站', '派出所', '司法所']) });
        handle(s);
        if (rand() < 0.05) {
          at('rework', 1, { reason: '现场复核未整改到位' });
          handle(s);
        }
        at('verify_close', 1, { verification: '现场复核，已整改到位' });
        at('evaluate', 0, { grade: rand() < 0.8 ? '满意' : rand() < 0.9 ? '基本满意' : '不满意' });
      }
      if (day > '2023-12-29') continue;
      rows.push({
        orgId: g.id, title: `${s.category}：${g.village_name}${s.what}`.slice(0, 60), category: s.category, receivedOn: received, source: 'grid',
        body: `事件类别：${s.category}\n事件描述：${g.village_name}${s.what}`,
        data: { channel: 'worker', description: `${g.village_name}${s.what}` },
        facts: { grid: { gridId: g.id, villageId: g.village_id, channel: 'worker' } },
        steps,
      });
    }
  }
  rows.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : 1));
  const ctx: CaseCtx = { client: c, principal, actor: { principal, ip: null, requestId: 'demo' }, audit: auditor(c, { principal, ip: null, requestId: 'demo' }), engine: platform.cases };
  let made = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const written = await createHistoricCases(ctx, 'grid_event', rows.slice(i, i + 200));
    const failed = written.find((w) => !w.ok);
    if (failed && !failed.ok) throw failed.error;
    made += written.length;
  }

  // A few disputes of this year that became people's mediation cases, linked both ways (the
  // interactive path). This year's, so that 2023's mediation figures stay the report's own.
  for (const [i, code] of ['S03G1', 'S05G3', 'S08G2', 'S12G1', 'S15G2'].entries()) {
    const g = grids.find((x) => x.code === code);
    if (!g) continue;
    let day = addDays(today, -80 + i * 12);
    const dayCtx: CaseCtx = { ...ctx, engine: { ...platform.cases, today: () => (day > today ? today : day) } };
    const kase = await writeGridEvent(dayCtx, {
      place: { orgId: g.id, townshipId: township.id, gridId: g.id, villageId: g.village_id }, channel: 'worker', category: '矛盾纠纷',
      description: `${g.village_name}两户因承包地界址发生纠纷，多次争吵。`, receivedOn: day,
    }, 'grid');
    let version = 1;
    const step = async (transition: string, after: number, fields: Record<string, unknown>) => {
      day = wd(day, after);
      version = (await takeTransition(dayCtx, kase.id, { transition, version, fields, on: day })).version;
    };
    await step('file', 0, { verification: '网格员现场了解，双方争执属实' });
    await step('dispatch', 0, { handler: `${g.village_name}人民调解委员会` });
    await referGridEventToMediation(dayCtx, kase.id, {
      orgId: g.village_id, category: '山林土地', applicant: { name: personName(), phone: mobile() }, respondent: { name: personName() },
      note: '双方同意由村人民调解委员会调解', consent: true,
    });
    version = (await c.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [kase.id])).rows[0]?.version ?? version;
    await step('handle', 3, { measures: '村调委会主持调解，双方达成调解协议' });
    await step('report_back', 0, { result: '已转人民调解并调解成功' });
    await step('verify_close', 1, { verification: '回访双方，协议已履行' });
    await step('evaluate', 0, { grade: '满意' });
    made++;
  }
  // The arrival notices of the demo's mediation referrals were dealt with long ago.
  await c.query("DELETE FROM notifications WHERE kind = 'case.new_application' AND case_id IN (SELECT id FROM cases WHERE case_type = 'mediation' AND data ->> 'intake' = 'grid')");
  return made;
};
