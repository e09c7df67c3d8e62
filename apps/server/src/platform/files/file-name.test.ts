import { describe, expect, it } from 'vitest';
import { contentDisposition, displayFileName } from './file-name.ts';
import type { FileKind } from './sniff.ts';

const pdf: FileKind = { contentType: 'application/pdf', ext: 'pdf', exts: ['pdf'] };
const jpeg: FileKind = { contentType: 'image/jpeg', ext: 'jpg', exts: ['jpg', 'jpeg'] };

describe('file names', () => {
  it('keeps the last path segment, without invisible or forbidden characters, with the extension of what the file is', () => {
    expect(displayFileName('C:\\Users\\刘洋\\Desktop\\调解协议书.pdf', pdf)).toBe('调解协议书.pdf');
    expect(displayFileName('../../etc/passwd', pdf)).toBe('passwd.pdf');
    expect(displayFileName('\u202eannexe.pdf', pdf)).toBe('annexe.pdf');
    expect(displayFileName('照片<1>:"现场"?.jpeg', jpeg)).toBe('照片_1___现场__.jpeg');
    expect(displayFileName('扫描件.pdf', jpeg)).toBe('扫描件.jpg');
    expect(displayFileName('扫描件', jpeg)).toBe('扫描件.jpg');
    expect(displayFileName('...', pdf)).toBe('附件.pdf');
    expect(displayFileName('CON.pdf', pdf)).toBe('_CON.pdf');
    expect([...displayFileName(`${'很长的名字'.repeat(40)}.pdf`, pdf)]).toHaveLength(104);
  });

  it('offers the name for download in RFC 5987 form with an ASCII fallback', () => {
    expect(contentDisposition('调解协议书.pdf')).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''%E8%B0%83%E8%A7%A3%E5%8D%8F%E8%AE%AE%E4%B9%A6.pdf`);
    expect(contentDisposition("report (final)'s.pdf")).toBe(`attachment; filename="report (final)'s.pdf"; filename*=UTF-8''report%20%28final%29%27s.pdf`);
    expect(contentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});
