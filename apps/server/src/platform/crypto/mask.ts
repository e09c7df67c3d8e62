import { openField, type FieldKeys } from './sm.ts';

/**
 * Masking for screens and exports (个人信息保护法 第五十一条: security measures such as
 * de-identification). Keeps just enough for a clerk to tell two people apart.
 */
export const maskPhone = (v: string): string =>
  v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '*'.repeat(v.length);

/** 410421199001011234 → 4104**********1234 */
export const maskIdNumber = (v: string): string =>
  v.length > 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '*'.repeat(v.length);

/** Keeps the administrative part (up to 镇/乡/街道/村), hides the rest. */
export const maskAddress = (v: string): string => {
  const m = /^(.*?(?:村|社区))/.exec(v) ?? /^(.*?(?:街道|镇|乡))/.exec(v);
  const keep = m?.[1] ?? v.slice(0, Math.min(6, Math.floor(v.length / 2)));
  return `${keep}${v.length > keep.length ? '****' : ''}`;
};

export const maskName = (v: string): string => (v.length <= 1 ? v : `${v[0]}${'*'.repeat(v.length - 1)}`);

/** zhangsan@example.cn → zh***@example.cn: the domain tells a clerk which provider bounced. */
export const maskEmail = (v: string): string => {
  const at = v.lastIndexOf('@');
  if (at < 1) return '*'.repeat(v.length);
  const local = v.slice(0, at);
  return `${local.slice(0, local.length > 2 ? 2 : 1)}***${v.slice(at)}`;
};

/**
 * A contact phone as a published list shows it (the grids' duty list, the villages' legal
 * advisors): an office line as it is, else the sealed personal mobile masked.
 */
export const shownPhone = (keys: FieldKeys, official: string | null, sealed: Buffer | null): string | null =>
  official ?? (sealed ? maskPhone(openField(keys, sealed)) : null);
