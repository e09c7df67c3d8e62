import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../../modules/attachments/attachments.test-support.ts';
import { createLocalStore } from './local-store.ts';

let root: string;
beforeAll(async () => { root = await mkdtemp(path.join(tmpdir(), 'fazhi-store-')); });
afterAll(async () => { await rm(root, { recursive: true, force: true }); });

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('local file store', () => {
  it('writes under sharded directories by a key of its own, and reads, measures and deletes', async () => {
    const store = createLocalStore(path.join(root, 'a'));
    const bytes = Buffer.from('宝丰县张八桥镇 调解卷宗');
    const key = await store.put(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), { size: bytes.length, sha256: sha(bytes), contentType: 'text/plain' });
    const file = path.join(root, 'a', key.slice(0, 2), key.slice(2, 4), key);
    expect(await readFile(file)).toEqual(bytes);
    expect(await filesUnder(path.join(root, 'a'))).toEqual([file]);
    expect(await store.head(key)).toEqual({ size: bytes.length });
    const got = await store.get(key);
    expect(got && (await buffer(got))).toEqual(bytes);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await store.head(key)).toBeNull();
    expect(await filesUnder(path.join(root, 'a'))).toEqual([]);
  });

  it('keeps nothing when the bytes are not those announced', async () => {
    const store = createLocalStore(path.join(root, 'b'));
    const bytes = Buffer.from('原件');
    await expect(store.put(bytes, { size: bytes.length, sha256: sha(Buffer.from('复印件')), contentType: 'text/plain' })).rejects.toThrow(/differ/);
    await expect(store.put(bytes, { size: bytes.length + 1, sha256: sha(bytes), contentType: 'text/plain' })).rejects.toThrow(/differ/);
    expect(await filesUnder(path.join(root, 'b'))).toEqual([]);
  });

  it('refuses anything but its own keys, so no path from outside reaches the disk', async () => {
    const store = createLocalStore(path.join(root, 'c'));
    for (const key of ['../../etc/passwd', '/etc/passwd', 'ABCDEF0123456789ABCDEF0123456789', `${'a'.repeat(32)}/..`]) {
      await expect(store.get(key), key).rejects.toThrow(/not a file key/);
      await expect(store.delete(key), key).rejects.toThrow(/not a file key/);
    }
  });
});
