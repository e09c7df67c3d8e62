/**
 * String formats of the API's schemas, as strict as the database and the code behind them
 * (docs/reliability.md, "No 500 for bad input"). They replace ajv-formats' own for every
 * route (`buildApp`: `ajv.onCreate`):
 *
 * - `date`: a day of the real calendar, years 0001-9999 (2026-02-30 and 0000-01-01 are refused;
 *   PostgreSQL has no year 0);
 * - `date-time`: RFC 3339 with seconds 00-59 (JavaScript has no leap second) and an offset of
 *   at most 14 hours (PostgreSQL refuses larger ones), a moment JavaScript can represent;
 * - `uuid`: the 36-character hexadecimal form only (ajv-formats also takes `urn:uuid:…`,
 *   which PostgreSQL does not).
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const leap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

export const isCalendarDay = (s: string): boolean => {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && leap(y) ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0));
};

export const isDateTime = (s: string): boolean => {
  const m = DATE_TIME.exec(s);
  if (!m || !isCalendarDay(m[1] ?? '')) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || sec > 59) return false;
  if (m[7] !== undefined) {
    const [oh, om] = [Number(m[8]), Number(m[9])];
    if (om > 59 || oh * 60 + om > 14 * 60) return false;
  }
  return Number.isFinite(Date.parse(s.replace(' ', 'T')));
};

export const isUuid = (s: string): boolean => UUID.test(s);

/** The minimal surface of Ajv used here (Fastify's Ajv instance is private to its compiler). */
type FormatHost = { addFormat: (name: string, format: { type: 'string'; validate: (s: string) => boolean }) => unknown };

export const addStrictFormats = (ajv: FormatHost): void => {
  ajv.addFormat('date', { type: 'string', validate: isCalendarDay });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('uuid', { type: 'string', validate: isUuid });
};
