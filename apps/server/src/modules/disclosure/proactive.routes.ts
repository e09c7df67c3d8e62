import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ErrorSchema, PublicItemList, PublicItemsQuery } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { runSystem, type Platform } from '../../platform/platform.ts';
import { AppError } from '../../platform/errors.ts';
import { contentDisposition } from '../../platform/files/file-name.ts';
import { queryTerms } from '../../platform/cases/search-text.ts';
import { proactiveCategories } from './proactive.workflow.ts';
import { townshipByCode } from '../../platform/cases/public-intake.ts';

const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) });
const FileBytes = Type.Unsafe<Readable>({ type: 'string', format: 'binary' });

/**
 * The files published with an item: those on it when it was published (the secrecy review of
 * 第十七条 covered them), not deleted; a file added later waits for no review and stays internal.
 */
const publishedFiles = `
  SELECT a.id, a.case_id, a.file_name, a.size, a.content_type, a.storage_key FROM case_attachments a
   WHERE a.deleted_at IS NULL
     AND a.created_at <= (SELECT min(e.at) FROM case_events e WHERE e.case_id = a.case_id AND e.transition = 'publish')`;

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The public site of proactive disclosure: a township's published items by category, newest
 * first, with search in titles and content (Chinese substrings); a withdrawn item stays
 * listed as withdrawn with its public reason and without its content. No personal data:
 * items carry no parties.
 */
export const registerProactiveRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/public/disclosure/items', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '主动公开目录 Published items by category, with search', querystring: PublicItemsQuery, response: { 200: PublicItemList, 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => runSystem(platform, async (c) => {
    const found = await townshipByCode(c, req.query.township ?? null);
    const t = found ? { id: found.townshipId, name: found.township } : undefined;
    if (!t) throw new AppError('NOT_FOUND');
    const page = req.query.page ?? 1;
    const size = req.query.pageSize ?? 20;
    const text = req.query.q?.trim() ?? '';
    const q = text ? `%${likeLiteral(text)}%` : null;
    // Chinese full text (jieba's words in the case's index, every word must occur) or the phrase itself.
    const terms = text ? queryTerms(text).join(' ') : null;
    const base = `FROM cases k
      CROSS JOIN LATERAL (SELECT e.payload ->> 'on' AS published_on FROM case_events e WHERE e.case_id = k.id AND e.transition = 'publish' ORDER BY e.id DESC LIMIT 1) p
      WHERE k.case_type = 'proactive' AND k.township_id = $1 AND k.status IN ('published', 'withdrawn')`;
    // A withdrawn item is found by its title only: its content is no longer public.
    const filter = `${base} AND ($2::text IS NULL OR k.category = $2)
      AND ($3::text IS NULL OR k.title ILIKE $3 OR (k.status = 'published'
           AND (k.data ->> 'content' ILIKE $3 OR ($6::text <> '' AND k.search_tsv @@ plainto_tsquery('simple', $6)))))`;
    const { rows } = await c.query<{ id: string; ref: string; title: string; category: string | null; stage: string | null; published_on: string; status: 'published' | 'withdrawn';
      content: string | null; withdrawn_on: string | null; withdraw_reason: string | null; total: number }>(
      `SELECT k.id, k.ref, k.title, k.category, k.data ->> 'stage' AS stage, p.published_on, k.status,
              CASE WHEN k.status = 'published' THEN k.data ->> 'content' END AS content,
              CASE WHEN k.status = 'withdrawn' THEN to_char(k.ended_on, 'YYYY-MM-DD') END AS withdrawn_on,
              k.steps -> 'withdraw' ->> 'reason' AS withdraw_reason, count(*) OVER ()::int AS total
         ${filter} ORDER BY p.published_on DESC, k.ref DESC LIMIT $4 OFFSET $5`,
      [t.id, req.query.category ?? null, q, size, (page - 1) * size, terms ?? '']);
    const files = new Map<string, { id: string; name: string; size: number; contentType: string }[]>();
    const shown = rows.filter((r) => r.status === 'published').map((r) => r.id);
    if (shown.length > 0) {
      for (const f of (await c.query<{ id: string; case_id: string; file_name: string; size: string; content_type: string }>(
        `${publishedFiles} AND a.case_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`, [shown])).rows) {
        files.set(f.case_id, [...(files.get(f.case_id) ?? []), { id: f.id, name: f.file_name, size: Number(f.size), contentType: f.content_type }]);
      }
    }
    const counts = new Map((await c.query<{ category: string; n: number }>(
      `SELECT k.category, count(*)::int AS n ${base} AND k.status = 'published' GROUP BY 1`, [t.id])).rows.map((r) => [r.category, r.n]));
    return {
      township: t.name,
      categories: proactiveCategories.map((name) => ({ name, count: counts.get(name) ?? 0 })),
      items: rows.map((r) => ({ id: r.id, ref: r.ref, title: r.title, category: r.category, stage: r.stage, publishedOn: r.published_on, status: r.status,
        content: r.content, withdrawnOn: r.withdrawn_on, withdrawReason: r.status === 'withdrawn' ? r.withdraw_reason : null, files: files.get(r.id) ?? [] })),
      total: rows[0]?.total ?? 0,
    };
  }));

  app.get('/api/public/disclosure/items/:id/files/:fileId', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '主动公开事项的附件 A file published with an item', params: FileParams, response: { 200: FileBytes, 404: ErrorSchema, 429: ErrorSchema } },
  }, async (req, reply) => {
    const file = await runSystem(platform, async (c) => (await c.query<{ file_name: string; size: string; content_type: string; storage_key: string }>(
      `${publishedFiles} AND a.id = $2 AND a.case_id = $1
         AND EXISTS (SELECT 1 FROM cases k WHERE k.id = a.case_id AND k.case_type = 'proactive' AND k.status = 'published')`, [req.params.id, req.params.fileId])).rows[0]);
    if (!file) throw new AppError('NOT_FOUND');
    const stream = await platform.files.get(file.storage_key);
    if (!stream) throw new AppError('NOT_FOUND');
    return reply.header('content-type', file.content_type).header('content-length', Number(file.size))
      .header('content-disposition', contentDisposition(file.file_name)).header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox").send(stream);
  });
};
