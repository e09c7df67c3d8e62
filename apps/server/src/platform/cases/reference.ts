import { named, type Client } from '../db/pools.ts';

/** 张八桥镇 → 张八桥; 城关街道 → 城关 */
export const townshipShortName = (name: string): string => name.replace(/(镇|乡|街道|民族乡)$/u, '') || name;

/** 张八桥镇, 调, 2023, 143 → 张八桥-调-2023-0143 */
export const referenceOf = (townshipName: string, refCode: string, year: number, seq: number): string =>
  `${townshipShortName(townshipName)}-${refCode}-${year}-${String(seq).padStart(4, '0')}`;

/**
 * The next reference of a case: `{township}-{type char}-{year}-{seq}`, e.g.
 * 张八桥-调-2023-0143. Unique per township, type and year, and gapless: the counter row is
 * updated in the creating transaction, so a failed creation gives its number back.
 */
export const nextReference = async (c: Client, townshipId: string, townshipName: string, caseType: string, refCode: string, year: number): Promise<{ ref: string; seq: number }> => {
  const { rows } = await c.query<{ last_seq: number }>(named(
    `INSERT INTO case_ref_counters (township_id, case_type, year, last_seq) VALUES ($1, $2, $3, 1)
     ON CONFLICT (township_id, case_type, year) DO UPDATE SET last_seq = case_ref_counters.last_seq + 1
     RETURNING last_seq`, [townshipId, caseType, year]));
  const seq = rows[0]?.last_seq ?? 1;
  return { seq, ref: referenceOf(townshipName, refCode, year, seq) };
};
