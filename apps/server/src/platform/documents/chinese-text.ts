/** Chinese numbers and dates as official documents write them. */

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: heading numbers and 一式三份. */
export const chineseNumber = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
};

/**
 * 2023-12-31 → 2023年12月31日: Arabic numerals, the year in full, no leading zeros
 * (GB/T 9704-2012 7.3.5.1 成文日期).
 */
export const chineseDate = (isoDate: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
};

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The Beijing calendar day of an instant, as 2023-12-31. */
export const beijingIsoDate = (at: Date): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** An instant as Beijing time in words: 2023年3月5日9时30分. */
export const chineseDateTime = (at: Date): string => {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return `${chineseDate(b.toISOString())}${b.getUTCHours()}时${String(b.getUTCMinutes()).padStart(2, '0')}分`;
};

/**
 * Width of a text in full-width characters: CJK and full-width punctuation count 1,
 * ASCII (digits of a date) counts ½. Used to centre the issuing organ over the date.
 */
export const displayWidth = (text: string): number => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
