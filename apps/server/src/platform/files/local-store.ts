import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { assertFileKey, newFileKey, type FileStore } from './file-store.ts';

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

export const writeAll = async (fh: FileHandle, chunk: Buffer): Promise<void> => {
  for (let off = 0; off < chunk.length;) off += (await fh.write(chunk, off)).bytesWritten;
};

/**
 * Files on local disk: `<root>/ab/cd/abcd…` (two levels of 256 directories, so no directory
 * grows past a few thousand entries). A file is written to `<root>/.tmp`, checked against
 * the size and SHA-256 it was announced with, flushed to disk, then renamed into place: a
 * crash leaves at most a stray `.tmp` file, never a half-written file under a key.
 */
export const createLocalStore = (root: string): FileStore => {
  const tmpDir = path.join(root, '.tmp');
  const pathOf = (key: string): string => {
    assertFileKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  return {
    kind: 'local',
    put: async (body, info) => {
      const key = newFileKey();
      await mkdir(tmpDir, { recursive: true, mode: 0o750 });
      const tmp = path.join(tmpDir, `${key}.part`);
      const fh = await open(tmp, 'wx', 0o640);
      let closed = false;
      try {
        const hash = createHash('sha256');
        let size = 0;
        const chunks: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(body) ? [body] : body;
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          await writeAll(fh, chunk);
        }
        if (size !== info.size || hash.digest('hex') !== info.sha256) throw new Error('file store: the bytes received differ from the size or SHA-256 announced');
        await fh.sync();
        await fh.close();
        closed = true;
        const final = pathOf(key);
        const place = async (): Promise<void> => {
          await mkdir(path.dirname(final), { recursive: true, mode: 0o750 });
          await rename(tmp, final);
        };
        // A delete tidying the same shard may remove the directory between mkdir and rename: once more.
        await place().catch((e: unknown) => {
          if (!isMissing(e)) throw e;
          return place();
        });
        return key;
      } catch (e) {
        if (!closed) await fh.close().catch(() => undefined);
        await rm(tmp, { force: true });
        throw e;
      }
    },
    get: async (key) => {
      try {
        const fh = await open(pathOf(key), 'r');
        return fh.createReadStream();
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    head: async (key) => {
      try {
        return { size: (await stat(pathOf(key))).size };
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    delete: async (key) => {
      const file = pathOf(key);
      await rm(file, { force: true });
      // Tidy the shard directories when they become empty; another file may have arrived meanwhile.
      for (const dir of [path.dirname(file), path.dirname(path.dirname(file))]) {
        await rmdir(dir).catch(() => undefined);
      }
    },
  };
};
