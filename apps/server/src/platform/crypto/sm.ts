import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * China's national algorithms from Node's built-in OpenSSL: SM3 for hashing, SM4 for
 * encryption. OpenSSL 3 offers no SM4-GCM, so personal data is sealed with SM4-CBC and
 * authenticated with HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC).
 */
export const sm3 = (data: string | Uint8Array): Buffer => createHash('sm3').update(data).digest();
export const hmacSm3 = (key: Uint8Array, data: string | Uint8Array): Buffer => createHmac('sm3', key).update(data).digest();

export type FieldKeys = { enc: Buffer; mac: Buffer; index: Buffer };

/** Separate keys per purpose, derived from the master key, so no key serves two roles. */
export const deriveFieldKeys = (master: Buffer): FieldKeys => ({
  enc: hmacSm3(master, 'fazhi/pii/sm4-cbc').subarray(0, 16),
  mac: hmacSm3(master, 'fazhi/pii/hmac-sm3'),
  index: hmacSm3(master, 'fazhi/pii/blind-index'),
});

const VERSION = 1;

export const sealField = (keys: FieldKeys, plaintext: string): Buffer => {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', keys.enc, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const head = Buffer.from([VERSION]);
  const mac = hmacSm3(keys.mac, Buffer.concat([head, iv, body]));
  return Buffer.concat([head, iv, body, mac]);
};

export const openField = (keys: FieldKeys, sealed: Buffer): string => {
  if (sealed.length < 1 + 16 + 16 + 32 || sealed[0] !== VERSION) throw new Error('sealed field: unknown format');
  const iv = sealed.subarray(1, 17);
  const body = sealed.subarray(17, sealed.length - 32);
  const mac = sealed.subarray(sealed.length - 32);
  const expected = hmacSm3(keys.mac, sealed.subarray(0, sealed.length - 32));
  if (!timingSafeEqual(mac, expected)) throw new Error('sealed field: authentication failed');
  const decipher = createDecipheriv('sm4-cbc', keys.enc, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
};

/**
 * Keyed blind index for exact lookup (find a person by ID number) without storing the
 * value: HMAC-SM3 of the normalised value. Normalisation: trim, upper case (ID numbers end in X).
 */
export const blindIndex = (keys: FieldKeys, value: string): Buffer =>
  hmacSm3(keys.index, value.trim().toUpperCase());
