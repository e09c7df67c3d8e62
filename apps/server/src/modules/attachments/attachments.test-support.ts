import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** A multipart/form-data body as a browser sends it: one file part, raw UTF-8 in the filename. */
export const multipartBody = (fileName: string, bytes: Buffer, contentType = 'application/octet-stream', field = 'file'): { payload: Buffer; headers: Record<string, string> } => {
  const boundary = `----FazhiTest${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

/** A small but well-formed PDF, padded with a comment to `size` bytes when asked. */
export const samplePdf = (size = 0): Buffer => {
  const body = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n';
  const end = '%%EOF\n';
  const pad = size - body.length - end.length;
  return Buffer.from(`${body}${pad >= 2 ? `%${'x'.repeat(pad - 2)}\n` : ''}${end}`);
};

/** The PNG signature and a 1×1 IHDR chunk: what a sniffer reads. */
export const samplePng = (): Buffer => Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108020000009077053e', 'hex'),
  Buffer.from('0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082', 'hex'),
]);

/** A Windows executable's header ("MZ", then the PE offset and signature). */
export const sampleExe = (): Buffer => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
};

/** Every regular file under dir (none when dir does not exist). */
export const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
};
