import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import { createLocalStore } from './local-store.ts';
import { createS3Store } from './s3-store.ts';

/** What the store needs to know to keep a file: S3 verifies the body against `sha256`. */
export type PutInfo = { size: number; sha256: string; contentType: string };

/**
 * Where files' bytes live. Keys are made by the store (32 hex characters): no name or path
 * a client sent ever reaches the disk or the bucket. One interface, two places:
 * `<FAZHI_DATA_DIR>/files` by default, or an S3-compatible bucket (FAZHI_FILES=s3).
 */
export type FileStore = {
  kind: 'local' | 's3';
  /** Stores the bytes under a new key; fails (and keeps nothing) if size or SHA-256 do not match. */
  put: (body: Readable | Buffer, info: PutInfo) => Promise<string>;
  /** The bytes, or null when the store has no such key. */
  get: (key: string) => Promise<Readable | null>;
  head: (key: string) => Promise<{ size: number } | null>;
  /** Removes the key; removing a missing key is not an error. */
  delete: (key: string) => Promise<void>;
};

const KEY = /^[0-9a-f]{32}$/;
export const newFileKey = (): string => randomBytes(16).toString('hex');

/** Refuses anything but a key this platform made: the last guard before a path or URL is built. */
export const assertFileKey = (key: string): string => {
  if (!KEY.test(key)) throw new Error(`not a file key: ${JSON.stringify(key.slice(0, 40))}`);
  return key;
};

/** The store the configuration names. Touches nothing until first used. */
export const createFileStore = (config: Pick<Config, 'files' | 'dataDir'>): FileStore => {
  const f = config.files;
  switch (f.kind) {
    case 'local': return createLocalStore(path.join(config.dataDir, 'files'));
    case 's3': return createS3Store(f);
  }
};
