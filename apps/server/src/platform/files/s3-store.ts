import { Readable } from 'node:stream';
import { AwsV4Signer } from 'aws4fetch';
import type { FilesConfig } from '../../config.ts';
import { assertFileKey, newFileKey, type FileStore } from './file-store.ts';

export type S3Settings = Extract<FilesConfig, { kind: 's3' }>;
export type S3Timeouts = { headersMs: number; putMs: number };

/** Path style (`endpoint/bucket/key`: MinIO, Ceph) or virtual-hosted (`bucket.endpoint/key`: Aliyun OSS, Tencent COS). */
export const objectUrl = (s: Pick<S3Settings, 'endpoint' | 'bucket' | 'pathStyle'>, key: string): string => {
  const u = new URL(s.endpoint);
  return s.pathStyle ? `${u.origin}/${s.bucket}/${key}` : `${u.protocol}//${s.bucket}.${u.host}/${key}`;
};

/** S3's error code from its XML body, for the log; never the request's credentials. */
const failure = async (res: Response, what: string): Promise<Error> => {
  const text = await res.text().catch(() => '');
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? '';
  return new Error(`S3 ${what}: HTTP ${res.status}${code ? ` ${code}` : ''}`);
};

/**
 * An S3-compatible bucket, signed with AWS Signature V4 (aws4fetch, docs/decisions/0004).
 * PUT carries the body's SHA-256 as `x-amz-content-sha256`, so the provider refuses bytes
 * that changed on the way. No retries: an upload is a stream that cannot be replayed; the
 * caller reports the failure and keeps nothing.
 */
export const createS3Store = (s: S3Settings, timeouts: S3Timeouts = { headersMs: 30_000, putMs: 10 * 60_000 }): FileStore => {
  const cache = new Map<string, ArrayBuffer>();
  const send = async (method: string, key: string, opts: { headers?: Record<string, string>; body?: Readable | Buffer; timeoutMs?: number } = {}): Promise<Response> => {
    const signer = new AwsV4Signer({
      method, url: objectUrl(s, assertFileKey(key)), headers: opts.headers ?? {}, service: 's3', region: s.region,
      accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, cache,
    });
    const signed = await signer.sign();
    // Waits at most headersMs for the answer to start; a download then streams for as long as it takes.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`S3 ${method} timed out`)), opts.timeoutMs ?? timeouts.headersMs);
    try {
      // A Node stream is an async iterable of bytes, which fetch sends as it reads (duplex: half).
      return await fetch(signed.url, { method, headers: signed.headers, body: opts.body, duplex: 'half', signal: abort.signal });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    kind: 's3',
    put: async (body, info) => {
      const key = newFileKey();
      const res = await send('PUT', key, {
        headers: { 'content-type': info.contentType, 'content-length': String(info.size), 'x-amz-content-sha256': info.sha256 },
        body, timeoutMs: timeouts.putMs,
      });
      if (!res.ok) throw await failure(res, 'PUT');
      await res.body?.cancel();
      return key;
    },
    get: async (key) => {
      const res = await send('GET', key);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok || !res.body) throw await failure(res, 'GET');
      return Readable.fromWeb(res.body);
    },
    head: async (key) => {
      const res = await send('HEAD', key);
      if (res.status === 404) return null;
      if (!res.ok) throw await failure(res, 'HEAD');
      return { size: Number(res.headers.get('content-length') ?? 0) };
    },
    delete: async (key) => {
      const res = await send('DELETE', key);
      if (!res.ok && res.status !== 404) throw await failure(res, 'DELETE');
      await res.body?.cancel();
    },
  };
};
