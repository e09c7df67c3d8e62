/**
 * WGS-84 ↔ GCJ-02. Positions are taken and stored as WGS-84 (GPS, the browser's geolocation,
 * Open311); maps published in China (Tianditu aside, which is CGCS2000 ≈ WGS-84 at map scale)
 * draw in GCJ-02, so a marker goes through `wgs84ToGcj02` before it is drawn on such tiles and
 * a point picked on them through `gcj02ToWgs84` before it is sent. The transform is the
 * well-known public one (the same constants in every open implementation); outside China's
 * box it is the identity. docs/decisions/0012-gcj02-transform.md says why it is written here.
 */
export type LatLng = { lat: number; lng: number };

const A = 6378245.0;
const EE = 0.006693421622965943;

/** Roughly mainland China's box, where GCJ-02 applies (outside it the coordinates are left as they are). */
export const outOfChina = ({ lat, lng }: LatLng): boolean => lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;

const transformLat = (x: number, y: number): number => {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
};
const transformLng = (x: number, y: number): number => {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
};

/** The offset GCJ-02 adds at a WGS-84 point, in degrees. */
const delta = ({ lat, lng }: LatLng): LatLng => {
  const dLat = transformLat(lng - 105.0, lat - 35.0);
  const dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
};

export const wgs84ToGcj02 = (p: LatLng): LatLng => {
  if (outOfChina(p)) return { ...p };
  const d = delta(p);
  return { lat: p.lat + d.lat, lng: p.lng + d.lng };
};

/** The inverse, by iteration: within about a millimetre after a few rounds. */
export const gcj02ToWgs84 = (p: LatLng): LatLng => {
  if (outOfChina(p)) return { ...p };
  let w = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 10; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    w = { lat: w.lat - dLat, lng: w.lng - dLng };
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break;
  }
  return w;
};
