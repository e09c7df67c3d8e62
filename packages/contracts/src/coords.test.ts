import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from './coords.ts';

describe('WGS-84 and GCJ-02', () => {
  it('moves a point in China by the known offset (Tiananmen, a few hundred metres) and back', () => {
    const w = { lat: 39.915, lng: 116.404 };
    const g = wgs84ToGcj02(w);
    expect(g.lat).toBeCloseTo(39.91640, 4);
    expect(g.lng).toBeCloseTo(116.41025, 4);
    const back = gcj02ToWgs84(g);
    expect(back.lat).toBeCloseTo(w.lat, 8);
    expect(back.lng).toBeCloseTo(w.lng, 8);
  });

  it('leaves a point outside China as it is', () => {
    const p = { lat: 51.5007, lng: -0.1246 };
    expect(outOfChina(p)).toBe(true);
    expect(wgs84ToGcj02(p)).toEqual(p);
    expect(gcj02ToWgs84(p)).toEqual(p);
  });

  it('round-trips the demo town (张八桥镇, 宝丰县) within a centimetre', () => {
    const w = { lat: 33.8712, lng: 113.1021 };
    const back = gcj02ToWgs84(wgs84ToGcj02(w));
    expect(Math.abs(back.lat - w.lat) * 111_000).toBeLessThan(0.01);
    expect(Math.abs(back.lng - w.lng) * 111_000).toBeLessThan(0.01);
  });
});
