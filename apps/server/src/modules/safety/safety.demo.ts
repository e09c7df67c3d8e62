import type { RegisterKind, RiskLevel } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import type { Platform } from '../../platform/platform.ts';
import { blindIndex, sealField } from '../../platform/crypto/sm.ts';
import { addDays } from '../../platform/calendar/index.ts';
import { demoVillages } from '../../seed/demo-town.ts';
import { idCheckDigit } from './identity.ts';
import { kindOf } from './safety.kinds.ts';

/** A small seeded generator: the demo is the same on every machine. */
const prng = (seed: number) => () => {
  let t = (seed += 0x6d2b79f5);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '郭', '何', '高'];
const givenNames = ['建军', '小龙', '海峰', '志刚', '红梅', '亚飞', '晓东', '国强', '丽萍', '振华', '明亮', '少伟', '春生', '永利', '新民'];
/** Kinds by how many of each a village of the demo town has. */
const mix: RegisterKind[] = ['floating', 'floating', 'floating', 'resettlement', 'resettlement', 'community_correction', 'mental_disorder', 'drug_user', 'youth', 'petitioner'];
const findings: Record<RiskLevel, string[]> = {
  low: ['在家务农，家庭和睦，思想稳定，无异常情况。', '已在县城务工，电话联系正常，按时报告去向。', '生活规律，邻里关系融洽，无不良交往。'],
  medium: ['近期与邻居因宅基地边界有争执，已提醒通过调解解决，持续关注。', '务工不稳定，经济较困难，已告知临时救助申请渠道。'],
  high: ['情绪波动较大，家属反映夜间不眠，已联系镇卫生院随访并通知监护人加强看护。', '多次外出未报告去向，已约谈并通报派出所，列为重点跟进。'],
};
const cameraPlaces = ['村委会门口', '村口主干道', '文化广场', '小学门口', '桥头', '集贸市场', '卫生室门前', '十字路口'];
const owners = ['宝丰县公安局（雪亮工程）', '张八桥镇人民政府', '中国电信宝丰分公司（天翼云眼）'];

/**
 * The demo town's registers and cameras, invented: about three people on the registers of
 * each village, with visits through 2023 and up to this year (some late, some with a risk
 * follow-up due, a few overdue), and 30 cameras across the villages — most filed with the
 * county police in 2025 after the regulation took effect, a few late, a few not yet.
 */
export const seedSafetyDemo = async (c: Client, platform: Platform, today: string): Promise<void> => {
  const keys = platform.keys.fields;
  const rnd = prng(20231215);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const orgs = new Map((await c.query<{ code: string; id: string; township_id: string }>(
    "SELECT code, id, township_id FROM orgs WHERE kind IN ('village', 'grid')")).rows.map((r) => [r.code, r]));
  const visitor = (await c.query<{ id: string; display_name: string }>("SELECT id, display_name FROM users WHERE username = 'zongzhi'")).rows[0];
  if (!visitor) return;
  let n = 0;
  for (const [vi, v] of demoVillages.entries()) {
    for (let i = 0; i < 3; i++) {
      const kind = mix[(vi + i * 4) % mix.length] ?? 'floating';
      const grid = orgs.get(`${v.code}G${1 + (i % 3)}`) ?? orgs.get(v.code);
      if (!grid) continue;
      n += 1;
      const born = `${1960 + Math.floor(rnd() * 45)}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const first17 = `410421${born}${String(100 + n).slice(-3)}`;
      const idNumber = `${first17}${idCheckDigit(first17)}`;
      const name = `${pick(surnames)}${pick(givenNames)}`;
      const risk: RiskLevel = rnd() < 0.65 ? 'low' : rnd() < 0.7 ? 'medium' : 'high';
      const registered = `2022-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
      const every = kindOf(kind).visitEveryDays;
      const person = (await c.query<{ id: string }>(
        `INSERT INTO safety_persons (township_id, org_id, ref, kind, name_enc, id_number_enc, id_number_bidx, phone_enc, address_enc, risk_level, registered_on, created_by)
         VALUES ($1, $2, 'ZD' || lpad(nextval('safety_person_ref_seq')::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [grid.township_id, grid.id, kind, sealField(keys, name), sealField(keys, idNumber), blindIndex(keys, idNumber),
          sealField(keys, `139${String(37500000 + n * 7919).slice(-8)}`), sealField(keys, `河南省宝丰县张八桥镇${v.name}${1 + Math.floor(rnd() * 9)}组${1 + Math.floor(rnd() * 60)}号`),
          risk, registered, visitor.id])).rows[0]?.id;
      // Visits: through 2023 at the kind's interval, one in ten late; then the latest ones up to recently.
      let day = registered;
      while (day < today) {
        const late = rnd() < 0.1;
        day = addDays(day, late ? every + 10 + Math.floor(rnd() * 20) : Math.max(7, every - Math.floor(rnd() * 20)));
        if (day > today || (day > '2023-12-31' && day < addDays(today, -every * 2))) continue;
        const level: RiskLevel = rnd() < 0.8 ? risk : 'medium';
        const follow = level === 'low' ? null : addDays(day, 30);
        await c.query(
          `INSERT INTO safety_visits (person_id, township_id, org_id, visited_on, visitor_id, visitor_name, findings, risk_level, follow_up_due)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [person, grid.township_id, grid.id, day, visitor.id, visitor.display_name, pick(findings[level]), level, follow]);
        await c.query('UPDATE safety_persons SET risk_level = $2, follow_up_due = $3, last_visit_on = $4 WHERE id = $1', [person, level, follow, day]);
      }
    }
  }
  // Cameras: 30 across the villages, GB/T 28181 codes 41042100 (宝丰县) 01 (社会治安社区接入) 132 (网络摄像机) 8 (社会资源接入网) + serial.
  for (let k = 0; k < 30; k++) {
    const v = demoVillages[k % demoVillages.length];
    const org = v ? orgs.get(v.code) : undefined;
    if (!v || !org) continue;
    const deviceId = `41042100011328${String(k + 1).padStart(6, '0')}`;
    const installed = k < 22 ? `20${18 + (k % 6)}-${String(1 + (k % 12)).padStart(2, '0')}-15` : addDays(today, -(10 + (k - 22) * 12));
    // Before the regulation: due 2025-06-30; most filed in May 2025, a few late, two not filed.
    const filed = k < 22 ? (k % 11 === 5 ? null : k % 7 === 3 ? '2025-08-20' : `2025-05-${String(6 + (k % 20)).padStart(2, '0')}`)
      : k % 3 === 0 ? null : addDays(installed, 20);
    await c.query(
      `INSERT INTO safety_cameras (township_id, org_id, device_id, parent_device_id, name, lat, lng, owner_unit, installed_on, filed_on, retention_days, sign_posted, sign_posted_on, created_by)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [org.township_id, org.id, deviceId, `${v.name}${cameraPlaces[k % cameraPlaces.length]}`, 33.93 + (rnd() - 0.5) * 0.1, 113.05 + (rnd() - 0.5) * 0.1,
        owners[k % owners.length], installed, filed && filed <= today ? filed : null, k % 4 === 0 ? 90 : 30, k % 9 !== 4, k % 9 !== 4 ? addDays(installed, 5) : null, visitor.id]);
  }
};
