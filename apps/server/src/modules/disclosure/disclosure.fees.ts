/**
 * Fees for excessive requests (国办函〔2020〕109号《政府信息公开信息处理费管理办法》), as
 * LAW.md sets them out. The office charges a request by ONE method, never both:
 *
 * - by count (按件计收): the applicant's requests in one calendar month — the first 10 free,
 *   the 11th to the 30th ¥100 each, then each further band of 10 costs ¥100 more per request
 *   (31st–40th ¥200, 41st–50th ¥300, …);
 * - by pages (按量计收): one request's pages — 30 free, pages 31–100 ¥10 each, 101–200 ¥20
 *   each, every page over 200 ¥40 (each rate on its band only).
 */
export type FeeMethod = 'count' | 'pages';
export type FeeBand = { from: number; to: number | null; rate: number; units: number; amount: number };
export type Fee = { method: FeeMethod; units: number; amount: number; bands: FeeBand[] };

/** The fee of the applicant's `ordinal`-th request of the month (1 = the first). */
export const feeByCount = (ordinal: number): Fee => {
  if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError('ordinal');
  const rate = ordinal <= 10 ? 0 : ordinal <= 30 ? 100 : 100 + 100 * Math.ceil((ordinal - 30) / 10);
  const from = ordinal <= 10 ? 1 : ordinal <= 30 ? 11 : 31 + 10 * (Math.ceil((ordinal - 30) / 10) - 1);
  const to = ordinal <= 10 ? 10 : ordinal <= 30 ? 30 : from + 9;
  return { method: 'count', units: ordinal, amount: rate, bands: [{ from, to, rate, units: 1, amount: rate }] };
};

const pageBands: readonly { from: number; to: number | null; rate: number }[] = [
  { from: 1, to: 30, rate: 0 }, { from: 31, to: 100, rate: 10 }, { from: 101, to: 200, rate: 20 }, { from: 201, to: null, rate: 40 },
];

/** The fee of one request of `pages` pages: each band's pages at its rate. */
export const feeByPages = (pages: number): Fee => {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError('pages');
  const bands = pageBands.map((b) => {
    const units = Math.max(0, Math.min(pages, b.to ?? Infinity) - b.from + 1);
    return { ...b, units, amount: units * b.rate };
  }).filter((b) => b.units > 0);
  return { method: 'pages', units: pages, amount: bands.reduce((s, b) => s + b.amount, 0), bands };
};

/** One method only: by count with the month's ordinal, or by pages with the request's pages. */
export const disclosureFee = (method: FeeMethod, n: number): Fee => (method === 'count' ? feeByCount(n) : feeByPages(n));

/** "¥1,230" style, in yuan. */
export const yuan = (n: number): string => `${n.toLocaleString('zh-CN')}元`;
