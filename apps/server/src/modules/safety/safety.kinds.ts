import type { RegisterKind, RegisterKindView } from '@fazhi/contracts';

/**
 * The register kinds: the special populations of GB/T 31000-2015 (社会治安综合治理基础数据规范:
 * 实有人口 — 流动人口; 特殊人群 — 刑满释放人员, 社区矫正人员, 严重精神障碍患者, 吸毒人员;
 * 重点青少年; …) a township keeps registers of. Declared as data: a deployment adds or
 * changes a kind here (its code, names, how often its people are visited) and the screens,
 * the checks and the metrics follow. The visit intervals are local working rules (the
 * county's 综治 practice), not statutory periods.
 */
export const registerKindCatalogue: readonly RegisterKindView[] = [
  { code: 'floating', zh: '流动人口', en: 'Floating population', visitEveryDays: 180, basis: 'GB/T 31000-2015 实有人口（流动人口）' },
  { code: 'resettlement', zh: '安置帮教（刑满释放人员）', en: 'Released prisoners (resettlement help)', visitEveryDays: 90, basis: 'GB/T 31000-2015 特殊人群（刑满释放人员）' },
  { code: 'community_correction', zh: '社区矫正对象', en: 'Community correction', visitEveryDays: 30, basis: 'GB/T 31000-2015 特殊人群（社区矫正人员）；社区矫正法' },
  { code: 'mental_disorder', zh: '严重精神障碍患者', en: 'Severe mental disorder', visitEveryDays: 90, basis: 'GB/T 31000-2015 特殊人群（严重精神障碍患者）；精神卫生法' },
  { code: 'drug_user', zh: '吸毒人员', en: 'Drug users', visitEveryDays: 90, basis: 'GB/T 31000-2015 特殊人群（吸毒人员）；禁毒法' },
  { code: 'youth', zh: '重点青少年', en: 'Youth at risk', visitEveryDays: 90, basis: 'GB/T 31000-2015 重点青少年' },
  { code: 'petitioner', zh: '重点信访人员', en: 'Repeat petitioners', visitEveryDays: 60, basis: 'GB/T 31000-2015 矛盾纠纷排查化解' },
  { code: 'cult', zh: '邪教人员', en: 'Cult members', visitEveryDays: 90, basis: 'GB/T 31000-2015 社会治安' },
];

const byCode = new Map(registerKindCatalogue.map((k) => [k.code, k]));
export const kindOf = (code: RegisterKind): RegisterKindView => {
  const k = byCode.get(code);
  if (!k) throw new Error(`unknown register kind ${code}`);
  return k;
};

/** The kinds with their visit intervals as SQL rows (for the lists' and the metrics' next-visit dates). */
export const kindIntervalsSql = (): string =>
  `(VALUES ${registerKindCatalogue.map((k) => `('${k.code}', ${k.visitEveryDays})`).join(', ')}) AS ki(kind, every_days)`;
