/** Client-side checks of the identifiers a clerk types, matching the server's patterns. */

export const mobileOrLandline = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idChecks = '10X98765432';

/** A resident ID number (GB 11643): 18 characters, a valid birth date and the ISO 7064 check digit. */
export const isResidentId = (value: string): boolean => {
  const v = value.toUpperCase();
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || born.getTime() > Date.now()) return false;
  const sum = idWeights.reduce((n, w, i) => n + w * Number(v[i]), 0);
  return idChecks[sum % 11] === v[17];
};

const creditChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (GB 32100): 18 characters with its check character. */
export const isCreditCode = (value: string): boolean => {
  const v = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return false;
  const sum = creditWeights.reduce((n, w, i) => n + w * creditChars.indexOf(v[i] ?? ''), 0);
  return creditChars[(31 - (sum % 31)) % 31] === v[17];
};

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export const newIdempotencyKey = (): string => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};
