import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeS3 = {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request's method, path and Authorization header, in order. */
  requests: { method: string; path: string; authorization: string }[];
  /** The next request is answered with this status (a provider outage). */
  failNext: (status: number) => void;
  close: () => Promise<void>;
};

type Creds = { accessKeyId: string; secretAccessKey: string; region: string; bucket: string };

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const xml = (code: string): string => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;

/**
 * Checks a request's Signature V4 the way S3 does: recomputes it from the method, path,
 * signed headers and payload hash with the secret, and compares. Returns an S3 error code.
 */
const checkSignature = (req: http.IncomingMessage, c: Creds): string | null => {
  const m = AUTH.exec(req.headers.authorization ?? '');
  if (!m) return 'AuthorizationHeaderMalformed';
  const [, keyId, day, region, signedHeaders = '', signature] = m;
  if (keyId !== c.accessKeyId) return 'InvalidAccessKeyId';
  if (region !== c.region) return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day ?? '-')) return 'AuthorizationHeaderMalformed';
  const names = signedHeaders.split(';');
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date']) if (!names.includes(required)) return 'AccessDenied';
  const canonical = [
    req.method, (req.url ?? '').split('?')[0], '',
    ...names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}`), '',
    signedHeaders, String(req.headers['x-amz-content-sha256']),
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${c.secretAccessKey}`, day ?? ''), region ?? ''), 's3'), 'aws4_request');
  const expected = hmac(key, ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).toString('hex');
  return expected === signature ? null : 'SignatureDoesNotMatch';
};

/** A tiny S3 on 127.0.0.1 for the tests: path-style, one bucket, objects in memory. */
export const startFakeS3 = async (c: Creds): Promise<FakeS3> => {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: FakeS3['requests'] = [];
  let fail: number | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? '' });
      const answer = (status: number, code?: string): void => {
        res.writeHead(status, code ? { 'content-type': 'application/xml' } : {}).end(code && req.method !== 'HEAD' ? xml(code) : undefined);
      };
      if (fail !== null) {
        const status = fail;
        fail = null;
        return answer(status, 'ServiceUnavailable');
      }
      const problem = checkSignature(req, c);
      if (problem) return answer(403, problem);
      const prefix = `/${c.bucket}/`;
      if (!path.startsWith(prefix)) return answer(404, 'NoSuchBucket');
      const key = path.slice(prefix.length);
      const body = Buffer.concat(chunks);
      switch (req.method) {
        case 'PUT': {
          if (req.headers['content-length'] === undefined) return answer(411, 'MissingContentLength');
          const claimed = String(req.headers['x-amz-content-sha256']);
          if (claimed !== 'UNSIGNED-PAYLOAD' && claimed !== sha256(body)) return answer(400, 'XAmzContentSHA256Mismatch');
          objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
          return answer(200);
        }
        case 'GET':
        case 'HEAD': {
          const o = objects.get(key);
          if (!o) return answer(404, 'NoSuchKey');
          res.writeHead(200, { 'content-type': o.contentType, 'content-length': o.body.length });
          return res.end(req.method === 'GET' ? o.body : undefined);
        }
        case 'DELETE':
          objects.delete(key);
          return answer(204);
        default:
          return answer(405, 'MethodNotAllowed');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`, objects, requests,
    failNext: (status) => { fail = status; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
};
