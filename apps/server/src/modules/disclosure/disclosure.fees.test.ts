import { describe, expect, it } from 'vitest';
import { disclosureFee, feeByCount, feeByPages } from './disclosure.fees.ts';

/** 国办函〔2020〕109号 at the edges of each band. */
describe('disclosure fees', () => {
  it('charges by count: 10 a month free, 11th–30th ¥100, then ¥100 more per band of 10', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map((n) => feeByCount(n).amount)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400]);
    expect(feeByCount(35).bands).toEqual([{ from: 31, to: 40, rate: 200, units: 1, amount: 200 }]);
    expect(() => feeByCount(0)).toThrow(RangeError);
  });

  it('charges by pages, each band at its own rate: 30 free, ¥10 to 100, ¥20 to 200, ¥40 beyond', () => {
    expect([0, 30, 31, 100, 101, 200, 201].map((p) => feeByPages(p).amount)).toEqual([0, 0, 10, 700, 720, 2700, 2740]);
    expect(feeByPages(250)).toMatchObject({ amount: 700 + 2000 + 50 * 40, bands: [{ rate: 0, units: 30 }, { rate: 10, units: 70 }, { rate: 20, units: 100 }, { rate: 40, units: 50 }] });
    expect(() => feeByPages(-1)).toThrow(RangeError);
  });

  it('computes one method at a time, never both', () => {
    expect(disclosureFee('count', 12)).toMatchObject({ method: 'count', amount: 100 });
    expect(disclosureFee('pages', 12)).toMatchObject({ method: 'pages', amount: 0 });
  });
});
