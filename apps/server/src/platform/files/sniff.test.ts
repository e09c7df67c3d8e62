import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleExe, samplePdf, samplePng } from '../../modules/attachments/attachments.test-support.ts';
import { sniffFile } from './sniff.ts';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'fazhi-sniff-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** One stored (uncompressed) zip entry: enough for a sniffer to see an Office document's parts. */
const zipEntry = (name: string, data: string): Buffer => {
  const n = Buffer.from(name);
  const d = Buffer.from(data);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt32LE(d.length, 18);
  h.writeUInt32LE(d.length, 22);
  h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n, d]);
};
const ftyp = (brand: string): Buffer => {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(32, 0);
  b.write('ftyp', 4);
  b.write(brand, 8);
  b.write(brand, 16);
  return b;
};
const sniff = async (name: string, bytes: Buffer, utf8 = false) => {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.bin`);
  await writeFile(file, bytes);
  const r = await sniffFile(file, name, utf8);
  return r.ok ? r.kind.contentType : `refused:${r.detected}`;
};

describe('sniffing', () => {
  it('knows the accepted kinds by their bytes', async () => {
    expect(await sniff('a.bin', samplePdf())).toBe('application/pdf');
    expect(await sniff('a.bin', samplePng())).toBe('image/png');
    expect(await sniff('a.bin', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]))).toBe('image/jpeg');
    expect(await sniff('a.bin', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(32)]))).toBe('image/webp');
    expect(await sniff('IMG_0001.HEIC', ftyp('heic'))).toBe('image/heic');
    expect(await sniff('合同.docx', zipEntry('word/document.xml', '<w:document/>'))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await sniff('台账.xlsx', zipEntry('xl/workbook.xml', '<workbook/>'))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await sniff('录音.mp3', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x44]), Buffer.alloc(400)]))).toBe('audio/mpeg');
    expect(await sniff('录音.m4a', ftyp('M4A '))).toBe('audio/x-m4a');
    expect(await sniff('录音.amr', Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(32)]))).toBe('audio/amr');
    expect(await sniff('现场.mp4', ftyp('isom'))).toBe('video/mp4');
  });

  it('tells old Word and Excel files apart by name only among the two, refusing other OLE files', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await sniff('旧文书.doc', ole)).toBe('application/msword');
    expect(await sniff('旧台账.XLS', ole)).toBe('application/vnd.ms-excel');
    expect(await sniff('setup.msi', ole)).toBe('refused:cfb');
    expect(await sniff('文书.pdf', ole)).toBe('refused:cfb');
  });

  it('refuses executables and archives whatever their names, and text that is not named .txt', async () => {
    expect(await sniff('通知.pdf', sampleExe())).toBe('refused:exe');
    expect(await sniff('通知.txt', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]))).toBe('refused:elf');
    expect(await sniff('材料.docx', zipEntry('readme.txt', 'hello'))).toBe('refused:zip');
    expect(await sniff('笔录.txt', Buffer.from('调解笔录'), true)).toBe('text/plain; charset=utf-8');
    expect(await sniff('笔录.txt', Buffer.from('调解笔录'), false)).toBe('refused:null');
    expect(await sniff('笔录.html', Buffer.from('<b>调解笔录</b>'), true)).toBe('refused:null');
  });
});
