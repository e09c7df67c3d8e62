import type { DecisionThreshold } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';

/**
 * A township's "三重一大"/"四重一大" setting (the settings table, key `decisions.thresholds:<townshipId>`):
 * the categories its decisions are registered under and, per deciding body, the amount (万元)
 * from which a matter must be decided by that body. The decision-making body sets its own
 * standards for what it decides (重大行政决策程序暂行条例 第三条第三款: 决策事项目录、标准), and major
 * matters are decided collectively (地方组织法 第六条).
 */
export const settingsKey = (townshipId: string): string => `decisions.thresholds:${townshipId}`;

export type DecisionSetting = { categories: string[]; thresholds: DecisionThreshold[] };

const isSetting = (v: unknown): v is DecisionSetting =>
  typeof v === 'object' && v !== null && Array.isArray((v as DecisionSetting).categories) && Array.isArray((v as DecisionSetting).thresholds);

/** The township's own setting, or null when it has set none (the type's categories, no thresholds). */
export const readDecisionSetting = async (c: Client, townshipId: string): Promise<DecisionSetting | null> => {
  const v = (await c.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [settingsKey(townshipId)])).rows[0]?.value;
  return isSetting(v) ? v : null;
};

/**
 * The body an amount must go to: of the thresholds the amount reaches, the highest (a matter
 * of 126 万元 goes to the party committee when it decides from 100 万元 and the executive
 * meeting from 30 万元). Null: no threshold reached.
 */
export const requiredBody = (thresholds: readonly DecisionThreshold[], amountWan: number | null): DecisionThreshold | null => {
  if (amountWan === null) return null;
  const reached = thresholds.filter((t) => amountWan >= t.fromWan).sort((a, b) => b.fromWan - a.fromWan);
  return reached[0] ?? null;
};
