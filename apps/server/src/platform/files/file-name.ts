import type { FileKind } from './sniff.ts';

const MAX_STEM = 100;
// Control characters, bidirectional overrides (which make "exe.pdf" display as "fdp.exe"),
// zero-width characters and the byte-order mark.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name a file is shown and downloaded under: the last segment of what the browser sent,
 * without invisible characters or characters Windows forbids, at most 100 characters before
 * the extension, and with an extension of what the bytes are (a PNG sent as 合同.pdf becomes
 * 合同.png). Kept for display only: storage uses the store's own keys.
 */
export const displayFileName = (sent: string, kind: FileKind): string => {
  const last = sent.split(/[\\/]/).pop() ?? '';
  const name = last.normalize('NFC').replace(INVISIBLE, '').replace(WINDOWS_FORBIDDEN, '_').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  const m = /^(.+)\.([A-Za-z][A-Za-z0-9]{0,4})$/.exec(name);
  const kept = m?.[2] && kind.exts.includes(m[2].toLowerCase());
  let stem = m?.[1] ?? name;
  const ext = kept && m?.[2] ? m[2] : kind.ext;
  stem = [...stem.replace(/[.\s]+$/, '')].slice(0, MAX_STEM).join('');
  if (stem === '') stem = '附件';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  return `${stem}.${ext}`;
};

/** RFC 6266 with an RFC 5987 `filename*` for Chinese names, and a plain ASCII fallback. */
export const contentDisposition = (fileName: string): string => {
  const ascii = /^[\x20-\x7e]+$/.test(fileName);
  const dot = fileName.lastIndexOf('.');
  const fallback = ascii ? fileName.replace(/["\\]/g, '_') : `attachment${dot > 0 ? fileName.slice(dot) : ''}`.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
