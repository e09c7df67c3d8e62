import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createFileStore } from './file-store.ts';

const s3Env = { FAZHI_FILES: 's3', S3_ENDPOINT: 'https://minio.county.internal:9000/', S3_BUCKET: 'fazhi-files', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' };

describe('file settings', () => {
  it('keeps files on local disk with a 20 MB limit unless told otherwise', () => {
    const c = loadConfig({ FAZHI_DATA_DIR: '/srv/fazhi' });
    expect(c.files).toEqual({ kind: 'local' });
    expect(c.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(createFileStore(c).kind).toBe('local');
    expect(loadConfig({ FAZHI_MAX_UPLOAD_MB: '50' }).maxUploadBytes).toBe(50 * 1024 * 1024);
  });

  it('reads the S3 settings, with path-style requests and us-east-1 by default', () => {
    const c = loadConfig(s3Env);
    expect(c.files).toEqual({ kind: 's3', endpoint: 'https://minio.county.internal:9000', bucket: 'fazhi-files', region: 'us-east-1', accessKeyId: 'AK', secretAccessKey: 'SK', pathStyle: true });
    expect(createFileStore(c).kind).toBe('s3');
    expect(loadConfig({ ...s3Env, S3_REGION: 'oss-cn-zhengzhou', S3_PATH_STYLE: 'false' }).files).toMatchObject({ region: 'oss-cn-zhengzhou', pathStyle: false });
  });

  it('names every bad or missing file setting at once, never echoing the secret', () => {
    let message = '';
    try {
      loadConfig({ FAZHI_FILES: 's3', S3_ENDPOINT: 'ftp://files/bucket', S3_BUCKET: 'Bad_Bucket', S3_SECRET_ACCESS_KEY: 'TOPSECRET', FAZHI_MAX_UPLOAD_MB: '0' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['S3_ENDPOINT=ftp://files/bucket', 'S3_BUCKET=Bad_Bucket', 'S3_ACCESS_KEY_ID is required', 'FAZHI_MAX_UPLOAD_MB=0']) expect(message).toContain(name);
    expect(message).not.toContain('TOPSECRET');
    expect(() => loadConfig({ FAZHI_FILES: 'nfs' })).toThrow(/FAZHI_FILES=nfs: expected local or s3/);
  });
});
