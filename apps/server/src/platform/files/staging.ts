import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { writeAll } from './local-store.ts';

export type StagedFile = {
  path: string;
  size: number;
  /** Hex SM3 (GB/T 32905, as platform/crypto/sm.ts) and SHA-256 of the bytes. */
  sm3: string;
  sha256: string;
  /** Valid UTF-8 without NUL bytes: the only way a file without magic bytes is let in (as .txt). */
  utf8Text: boolean;
  dispose: () => Promise<void>;
};

/**
 * Streams an upload into a private file under `dir` while counting and hashing it, so its
 * type can be sniffed and its checksums recorded before anything reaches the file store.
 * Stops reading once past `maxBytes` (FILE_TOO_LARGE) and keeps nothing of a refused or
 * broken upload. Staging files are the caller's to dispose of.
 */
export const stageUpload = async (source: AsyncIterable<Buffer>, dir: string, maxBytes: number): Promise<StagedFile> => {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomBytes(16).toString('hex')}.upload`);
  const fh = await open(file, 'wx', 0o600);
  const sm3 = createHash('sm3');
  const sha256 = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let text = true;
  const chunks = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch {
        throw new AppError('VALIDATION', { reason: 'the upload ended early or is not well-formed multipart' });
      }
      if (next.done) break;
      const chunk = next.value;
      size += chunk.length;
      if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', { maxMb: Math.floor(maxBytes / 1024 / 1024) });
      sm3.update(chunk);
      sha256.update(chunk);
      if (text) {
        try {
          decoder.decode(chunk, { stream: true });
          text = !chunk.includes(0);
        } catch {
          text = false;
        }
      }
      await writeAll(fh, chunk);
    }
    if (text) {
      try {
        decoder.decode();
      } catch {
        text = false;
      }
    }
    await fh.close();
  } catch (e) {
    // Stop the source (an unread multipart stream would hold the request open).
    await chunks.return?.().catch(() => undefined);
    await fh.close().catch(() => undefined);
    await rm(file, { force: true });
    throw e;
  }
  return {
    path: file, size, sm3: sm3.digest('hex'), sha256: sha256.digest('hex'), utf8Text: text,
    dispose: () => rm(file, { force: true }),
  };
};

/** Uploads wait here while they are checked: on the data disk, not a RAM-backed /tmp. */
export const stagingDirOf = (dataDir: string): string => path.join(dataDir, 'tmp', 'uploads');
