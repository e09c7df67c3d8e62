import { Type } from 'typebox';
import { ErrorSchema, PortalInfo } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The stored contact when it names at least a place or a phone; an administrator edits the setting. */
const contactOf = (v: unknown): PortalInfo['contact'] => {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const contact = { name: text(o.name), address: text(o.address), phone: text(o.phone), hours: text(o.hours) };
  return contact.address || contact.phone ? contact : null;
};

/** The public portal's landing data: the township's public face, no personal data. */
export const registerPortalRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/public/portal', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'], summary: '门户首页信息 Public landing data of a township',
      querystring: Type.Object({ township: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })) }),
      response: { 200: PortalInfo, 404: ErrorSchema, 429: ErrorSchema },
    },
  }, async (req) => runSystem(platform, async (c) => {
    const { rows } = await c.query<{ id: string; name: string; county: string | null }>(
      `SELECT t.id, t.name, p.name AS county FROM orgs t LEFT JOIN orgs p ON p.id = t.parent_id
        WHERE t.kind = 'township' AND ($1::text IS NULL OR t.code = $1) ORDER BY t.sort_order, t.code LIMIT 1`, [req.query.township ?? null]);
    const t = rows[0];
    if (!t) throw new AppError('NOT_FOUND');
    const counts = (await c.query<{ villages: number; grids: number }>(
      `SELECT count(*) FILTER (WHERE kind = 'village') AS villages, count(*) FILTER (WHERE kind = 'grid') AS grids FROM orgs WHERE township_id = $1`, [t.id])).rows[0];
    const offices = (await c.query<{ name: string }>(`SELECT name FROM orgs WHERE parent_id = $1 AND kind = 'office' ORDER BY sort_order, code`, [t.id])).rows;
    const villageList = (await c.query<{ id: string; name: string }>(`SELECT id, name FROM orgs WHERE parent_id = $1 AND kind = 'village' ORDER BY sort_order, code`, [t.id])).rows;
    const stored = (await c.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [`portal.contact:${t.id}`])).rows[0]?.value;
    return { township: { name: t.name, county: t.county ?? '' }, villages: Number(counts?.villages ?? 0), grids: Number(counts?.grids ?? 0), offices, contact: contactOf(stored), villageList };
  }));
};
