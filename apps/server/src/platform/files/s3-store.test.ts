import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';
import { filesUnder, multipartBody, samplePdf } from '../../modules/attachments/attachments.test-support.ts';
import { createS3Store, objectUrl, type S3Settings } from './s3-store.ts';
import { startFakeS3, type FakeS3 } from './fake-s3.test-support.ts';

const creds = { accessKeyId: 'FAZHITESTKEY', secretAccessKey: 'fazhi-test-secret-0123456789', region: 'cn-henan-1', bucket: 'fazhi-files' };
let s3: FakeS3;
let settings: S3Settings;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const info = (b: Buffer) => ({ size: b.length, sha256: sha(b), contentType: 'application/pdf' });

beforeAll(async () => {
  s3 = await startFakeS3(creds);
  settings = { kind: 's3', endpoint: s3.endpoint, ...creds, pathStyle: true };
});
afterAll(async () => { await s3.close(); });

describe('S3-compatible file store', () => {
  it('puts, heads, gets and deletes objects with Signature V4 requests the bucket verifies', async () => {
    const store = createS3Store(settings);
    const bytes = Buffer.from('人民调解协议书 第一份');
    const key = await store.put(bytes, { ...info(bytes), contentType: 'text/plain; charset=utf-8' });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(s3.objects.get(key)).toEqual({ body: bytes, contentType: 'text/plain; charset=utf-8' });
    const put = s3.requests.at(-1);
    expect(put?.path).toBe(`/fazhi-files/${key}`);
    expect(put?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=FAZHITESTKEY\/\d{8}\/cn-henan-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(await store.head(key)).toEqual({ size: bytes.length });
    const got = await store.get(key);
    expect(got && (await text(got))).toBe('人民调解协议书 第一份');
    await store.delete(key);
    expect(s3.objects.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    expect(await store.head(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('streams a file up with its length and checksum', async () => {
    const bytes = samplePdf(300 * 1024);
    const key = await createS3Store(settings).put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), info(bytes));
    expect(s3.objects.get(key)?.body.equals(bytes)).toBe(true);
  });

  it('is refused by the bucket with a wrong secret, or bytes that differ from their checksum', async () => {
    const bytes = samplePdf();
    const before = s3.objects.size;
    await expect(createS3Store({ ...settings, secretAccessKey: 'wrong' }).put(bytes, info(bytes))).rejects.toThrow(/403 SignatureDoesNotMatch/);
    await expect(createS3Store(settings).put(bytes, { ...info(bytes), sha256: sha(Buffer.from('other')) })).rejects.toThrow(/XAmzContentSHA256Mismatch/);
    expect(s3.objects.size).toBe(before);
  });

  it('never builds a URL from anything but its own keys', async () => {
    const store = createS3Store(settings);
    await expect(store.get('../other-bucket/secret')).rejects.toThrow(/not a file key/);
    expect(objectUrl({ endpoint: 'https://oss-cn-zhengzhou.aliyuncs.com', bucket: 'fazhi', pathStyle: false }, 'ab'.repeat(16)))
      .toBe(`https://fazhi.oss-cn-zhengzhou.aliyuncs.com/${'ab'.repeat(16)}`);
    expect(objectUrl({ endpoint: 'http://10.0.0.5:9000', bucket: 'fazhi', pathStyle: true }, 'ab'.repeat(16))).toBe(`http://10.0.0.5:9000/fazhi/${'ab'.repeat(16)}`);
  });
});

describe('case attachments on S3', () => {
  let h: Harness;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'fazhi-s3-'));
    h = await createHarness({ dataDir, files: settings }, { caseTypes: [sampleCaseType] });
  });
  afterAll(async () => {
    await h.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the bytes in the bucket, serves them back, and writes nothing when the bucket fails', async () => {
    const clerk = await h.signIn('xinfang');
    const kase = await clerk.post('/api/cases', { type: 'sample', orgId: await h.orgId('S01'), title: '存储到对象存储的事项' });
    const pdf = samplePdf(64 * 1024);
    const send = (name: string) => {
      const { payload, headers } = multipartBody(name, pdf);
      return clerk.request('POST', `/api/cases/${kase.body.id}/attachments`, payload, headers);
    };
    const up = await send('送达回证.pdf');
    expect(up.status).toBe(200);
    const { storage_key: key } = (await h.db.query('SELECT storage_key FROM case_attachments WHERE id = $1', [up.body.id])).rows[0];
    expect(s3.objects.get(key)?.body.equals(pdf)).toBe(true);
    expect(s3.objects.get(key)?.contentType).toBe('application/pdf');
    // Downloads go through a one-time link (a POST with the CSRF header, then its GET).
    const link = await clerk.post(`/api/cases/${kase.body.id}/attachments/${up.body.id}/link`);
    expect(link.status).toBe(200);
    const down = await h.app.inject({ method: 'GET', url: link.body.url, headers: { cookie: clerk.cookie } });
    expect(down.rawPayload.equals(pdf)).toBe(true);

    const objects = s3.objects.size;
    s3.failNext(503);
    const failed = await send('送达回证2.pdf');
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('UNAVAILABLE');
    expect(s3.objects.size).toBe(objects);
    const rows = await h.db.query('SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1', [kase.body.id]);
    expect(rows.rows[0]?.n).toBe(1);
    // Nothing on local disk either: staging is cleared, and there is no local store.
    expect(await filesUnder(dataDir)).toEqual([]);
  });
});
