import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * The master key: personal-data encryption, blind indexes and the app role's password
 * derive from it. From FAZHI_MASTER_KEY; on the embedded default, generated into
 * data/keys/master.key on first start (with a warning: back it up with the database).
 */
export const loadMasterKey = (hex: string | null, dataDir: string, warn: (m: string) => void): Buffer => {
  if (hex) return Buffer.from(hex, 'hex');
  const file = path.join(dataDir, 'keys', 'master.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  warn(`generated a new master key in ${file}: personal data is encrypted with it. Back it up together with the database; without it the data cannot be read. In production set FAZHI_MASTER_KEY instead.`);
  return key;
};
