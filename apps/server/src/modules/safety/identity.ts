/**
 * The check digit of an 18-character citizen ID number (GB 11643-1999 公民身份号码, ISO 7064
 * MOD 11-2): the 17 digits weighted 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2, the sum mod 11
 * mapped to 1,0,X,9,8,7,6,5,4,3,2. Also a real date of birth in digits 7-14.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const isValidIdNumber = (raw: string): boolean => {
  const v = raw.toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(v)) return false;
  const sum = WEIGHTS.reduce((n, w, i) => n + w * Number(v[i]), 0);
  if (CHECK[sum % 11] !== v[17]) return false;
  const [y, m, d] = [Number(v.slice(6, 10)), Number(v.slice(10, 12)), Number(v.slice(12, 14))];
  const born = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && born.getUTCFullYear() === y && born.getUTCMonth() === m - 1 && born.getUTCDate() === d;
};

/** The check digit for 17 digits (demo data and tests build valid numbers with it). */
export const idCheckDigit = (first17: string): string =>
  CHECK[WEIGHTS.reduce((n, w, i) => n + w * Number(first17[i]), 0) % 11] ?? '0';

/**
 * A GB/T 28181 code (附录E): 中心编码 8 (province 2, city 2, county 2, base unit 2) + 行业编码 2
 * + 类型编码 3 + 网络标识 1 + 序号 7. A camera is type 131 (摄像机) or 132 (网络摄像机); the
 * province is one of the administrative division codes 11-82.
 */
export const isCameraDeviceId = (v: string): boolean => {
  if (!/^[0-9]{20}$/.test(v)) return false;
  const province = Number(v.slice(0, 2));
  const type = v.slice(10, 13);
  return province >= 11 && province <= 82 && (type === '131' || type === '132');
};

/** Any GB/T 28181 device code (the device a camera's channel is on: an NVR 118, a platform 200, the camera itself). */
export const isDeviceId = (v: string): boolean => /^[0-9]{20}$/.test(v) && Number(v.slice(0, 2)) >= 11 && Number(v.slice(0, 2)) <= 82;
