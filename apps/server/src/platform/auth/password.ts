import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { AppError } from '../errors.ts';

/**
 * argon2id with OWASP's second recommended setting (19 MiB, 2 passes, 1 lane): about
 * 20-30 ms here, so sign-in stays fast under load while offline guessing stays costly.
 */
// algorithm 2 = Argon2id (the package's const enum, which isolated modules cannot import).
const params = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string): Promise<string> => hash(plain, params);

export const verifyPassword = async (stored: string, plain: string): Promise<boolean> => {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
};

/** A hash of a random value: verified against when the username is unknown, so timing does not tell. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(`decoy-${randomInt(1e9)}`));

/** Password policy: at least 10 characters and three of the four classes. */
export const checkPasswordPolicy = (plain: string): void => {
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(plain)).length;
  if (plain.length < 10 || classes < 3) throw new AppError('PASSWORD_WEAK');
};

const alphabet = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnpqrstuvwxyz',
  digit: '23456789',
  symbol: '@#%+=?',
};

/** An initial password a clerk can read out over the phone: no 0/O, 1/l/I; meets the policy. */
export const generateInitialPassword = (): string => {
  const pick = (s: string): string => s[randomInt(s.length)] ?? 'x';
  const chars = [pick(alphabet.upper), pick(alphabet.lower), pick(alphabet.digit), pick(alphabet.symbol)];
  const all = alphabet.upper + alphabet.lower + alphabet.digit;
  while (chars.length < 12) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
};
