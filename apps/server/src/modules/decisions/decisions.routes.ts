import { Type } from 'typebox';
import {
  DecisionAnswerBody, DecisionCommentBody, DecisionCommentList, DecisionCommentReceipt, ErrorSchema, PublicDecision, PublicDecisionList, PublicDecisionsQuery,
  type PublicDecisionItem,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { auditor, caseCtxOf, runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { Client } from '../../platform/db/pools.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import { appendCaseEvent } from '../../platform/cases/events.ts';
import { openField, sealField } from '../../platform/crypto/sm.ts';
import { maskName, maskPhone } from '../../platform/crypto/mask.ts';
import { townshipByCode } from '../../platform/cases/public-intake.ts';

const tags = ['decisions'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const publicErrors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CommentParams = Type.Object({ id: Type.String({ format: 'uuid' }), commentId: Type.String({ format: 'uuid' }) });
const ContactView = Type.Object({ name: Type.Union([Type.String(), Type.Null()]), phone: Type.Union([Type.String(), Type.Null()]) });

/** States in which a decision is on the portal: open for comment, or published (and after). */
const publishedStates = ['published', 'evaluated', 'archived'];

/** The portal's columns of a decision: from the engine's record of its steps and its comment clock. */
const publicColumns = `
  k.id, k.ref, k.title, k.category, k.status, k.steps,
  k.steps -> 'start' ->> 'leadUnit' AS lead_unit,
  (SELECT to_char(d.due_date, 'YYYY-MM-DD') FROM case_deadlines d WHERE d.case_id = k.id AND d.key IN ('comment', 'comment_short') ORDER BY d.start_date DESC LIMIT 1) AS comment_until,
  (SELECT e.payload ->> 'on' FROM case_events e WHERE e.case_id = k.id AND e.transition = 'publish' ORDER BY e.id DESC LIMIT 1) AS published_on`;
type PublicRow = { id: string; ref: string; title: string; category: string | null; status: string; steps: Record<string, Record<string, unknown>>; lead_unit: string | null; comment_until: string | null; published_on: string | null };

const itemOf = (r: PublicRow): PublicDecisionItem => ({
  id: r.id, ref: r.ref, title: r.title, category: r.category, leadUnit: r.lead_unit,
  status: r.status === 'commenting' ? 'commenting' : 'published',
  commentUntil: r.comment_until, publishedOn: r.status === 'commenting' ? null : r.published_on,
});
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** A decision as the portal shows it, or 404 when it is neither open for comment nor published. */
const publicDecision = async (c: Client, id: string): Promise<PublicRow> => {
  const row = (await c.query<PublicRow>(
    `SELECT ${publicColumns} FROM cases k WHERE k.id = $1 AND k.case_type = 'decision' AND (k.status = 'commenting' OR k.status = ANY($2::text[]))`, [id, publishedStates])).rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
};

/** A decision the caller may see (404 otherwise, as every case read). */
const decisionHead = async (ctx: CaseCtx, caseId: string, lock = false) => {
  const loaded = await loadCaseHead(ctx, caseId, lock);
  if (loaded.head.case_type !== 'decision') throw new AppError('NOT_FOUND');
  return loaded;
};

const listComments = async (ctx: CaseCtx, platform: Platform, caseId: string): Promise<DecisionCommentList> => {
  await decisionHead(ctx, caseId);
  const { rows } = await ctx.client.query<{ id: string; body: string; submitted_at: Date; name_enc: Buffer | null; phone_enc: Buffer | null;
    answer: string | null; adoption: string | null; answered_at: Date | null; answered_by: string | null }>(
    `SELECT c.id, c.body, c.submitted_at, c.name_enc, c.phone_enc, c.answer, c.adoption, c.answered_at, u.display_name AS answered_by
       FROM decision_comments c LEFT JOIN users u ON u.id = c.answered_by WHERE c.case_id = $1 ORDER BY c.submitted_at, c.id`, [caseId]);
  const keys = platform.keys.fields;
  return {
    items: rows.map((r) => ({
      id: r.id, body: r.body, submittedAt: r.submitted_at.toISOString(),
      // Masked on screen (个人信息保护法 第五十一条); the whole value only through the logged reveal.
      name: r.name_enc ? maskName(openField(keys, r.name_enc)) : null,
      phone: r.phone_enc ? maskPhone(openField(keys, r.phone_enc)) : null,
      answer: r.answer, adoption: r.adoption, answeredAt: r.answered_at?.toISOString() ?? null, answeredBy: r.answered_by,
    })),
    unanswered: rows.filter((r) => r.answer === null).length,
  };
};

/**
 * Major administrative decisions on the portal and in the office:
 * - the public list of drafts open for comment and of decisions published, a draft's page
 *   and a comment on it while it is open (重大行政决策程序暂行条例 第十五条; rate-limited like
 *   every public form; a name and phone given are sealed at rest);
 * - the office's list of the comments (masked), the reveal of one commenter's contact
 *   (pii.unmask, logged as a pii.view), and an answer to each, published with the decision
 *   (第三十二条: how the public's comments were taken up).
 */
export const registerDecisionRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/public/decisions', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '重大行政决策公开征求意见与决策公布 Drafts open for comment and decisions published', querystring: PublicDecisionsQuery, response: { 200: PublicDecisionList, ...publicErrors } },
  }, async (req) => runSystem(platform, async (c) => {
    const found = await townshipByCode(c, req.query.township ?? null);
    const t = found ? { id: found.townshipId, name: found.township } : undefined;
    if (!t) throw new AppError('NOT_FOUND');
    const { rows } = await c.query<PublicRow>(
      `SELECT ${publicColumns} FROM cases k
        WHERE k.case_type = 'decision' AND k.township_id = $1 AND (k.status = 'commenting' OR k.status = ANY($2::text[]))
        ORDER BY k.received_on DESC, k.ref DESC LIMIT 200`, [t.id, publishedStates]);
    const items = rows.map(itemOf);
    return {
      township: t.name,
      open: items.filter((i) => i.status === 'commenting'),
      published: items.filter((i) => i.status === 'published').sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '')),
    };
  }));

  app.get('/api/public/decisions/:id', {
    config: { access: { public: true, rateLimitPerMinute: 60 } },
    schema: { tags: ['public'], summary: '决策草案及说明、公布的决策和意见答复 A draft, or a published decision with the answers to the comments', params: IdParams, response: { 200: PublicDecision, ...publicErrors } },
  }, async (req) => runSystem(platform, async (c) => {
    const r = await publicDecision(c, req.params.id);
    const published = r.status !== 'commenting';
    const s = r.steps;
    // The answers go out with the decision (第三十二条); before, the page shows the draft only.
    const comments = published ? (await c.query<{ body: string; submitted_on: string; answer: string; adoption: string }>(
      `SELECT body, to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS submitted_on, answer, adoption
         FROM decision_comments WHERE case_id = $1 AND answer IS NOT NULL ORDER BY submitted_at, id`, [r.id])).rows
      .map((x) => ({ body: x.body, submittedOn: x.submitted_on, answer: x.answer, adoption: x.adoption })) : [];
    // A matter not put to public comment because it is not to be disclosed (第十四条) shows the decision only, never its draft.
    const draftPublic = !s.skip_comment;
    return {
      ...itemOf(r),
      draft: draftPublic ? str(s.draft?.draft) ?? '' : '', explanation: draftPublic ? str(s.draft?.explanation) ?? '' : '', options: draftPublic ? str(s.draft?.options) : null,
      channels: str(s.open_comment?.channels) ?? str(s.open_comment_short?.channels),
      shortReason: str(s.open_comment_short?.shortReason),
      decision: published ? str(s.decide?.decision) : null, docNo: published ? str(s.publish?.docNo) : null,
      adoptionNote: published ? str(s.publish?.adoptionNote) : null,
      comments,
    };
  }));

  app.post('/api/public/decisions/:id/comments', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    schema: { tags: ['public'], summary: '对决策草案提出意见 Comment on a draft open for comment', params: IdParams, body: DecisionCommentBody, response: { 200: DecisionCommentReceipt, ...publicErrors } },
  }, async (req) => {
    const actor = { principal: null, ip: req.ip ?? null, requestId: String(req.id) };
    return runSystem(platform, async (c) => {
      const r = await publicDecision(c, req.params.id);
      if (r.status !== 'commenting') throw new AppError('DECISION_COMMENT_CLOSED');
      const keys = platform.keys.fields;
      const b = req.body;
      const head = (await c.query<{ township_id: string; org_id: string }>('SELECT township_id, org_id FROM cases WHERE id = $1 FOR SHARE', [r.id])).rows[0];
      if (!head) throw new AppError('NOT_FOUND');
      const id = (await c.query<{ id: string }>(
        'INSERT INTO decision_comments (case_id, township_id, body, name_enc, phone_enc) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [r.id, head.township_id, b.body.trim(), b.name ? sealField(keys, b.name.trim()) : null, b.phone ? sealField(keys, b.phone) : null])).rows[0]?.id ?? '';
      await appendCaseEvent(c, { caseId: r.id, townshipId: head.township_id, actorId: null, kind: 'public_comment', public: false, payload: { commentId: id } });
      await auditor(c, actor)({ orgId: head.org_id, townshipId: head.township_id, action: 'decision.comment', entity: 'case', entityId: r.id, after: { commentId: id, citizen: true } });
      return { id, commentUntil: r.comment_until };
    });
  });

  app.get('/api/decisions/:id/comments', {
    config: { access: { permission: 'decision.read' } },
    schema: { tags, summary: '公众意见及答复（姓名、电话已遮蔽） Public comments and answers (masked)', params: IdParams, response: { 200: DecisionCommentList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => listComments(caseCtxOf(platform, tx), platform, req.params.id)));

  // A POST with the CSRF header: the view of the name and phone in full is logged (pii.view), which no link elsewhere may trigger.
  app.post('/api/decisions/:id/comments/:commentId/reveal', {
    config: { access: { permission: 'pii.unmask' } },
    schema: { tags, summary: '查看意见人的完整姓名和电话（留痕） Reveal a commenter\'s name and phone (logged)', params: CommentParams, response: { 200: ContactView, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const { head } = await decisionHead(caseCtxOf(platform, tx), req.params.id);
    await assertCanAt(tx.client, tx.principal, 'pii.unmask', head.org_id, head.created_by);
    const row = (await tx.client.query<{ name_enc: Buffer | null; phone_enc: Buffer | null }>(
      'SELECT name_enc, phone_enc FROM decision_comments WHERE id = $1 AND case_id = $2', [req.params.commentId, head.id])).rows[0];
    if (!row) throw new AppError('NOT_FOUND');
    await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'pii.view', entity: 'decision_comment', entityId: req.params.commentId, after: { field: 'name,phone', caseId: head.id } });
    const keys = platform.keys.fields;
    return { name: row.name_enc ? openField(keys, row.name_enc) : null, phone: row.phone_enc ? openField(keys, row.phone_enc) : null };
  }));

  app.post('/api/decisions/:id/comments/:commentId/answer', {
    config: { access: { permission: 'decision.handle' } },
    schema: { tags, summary: '答复公众意见（随决策公布） Answer a comment (published with the decision)', params: CommentParams, body: DecisionAnswerBody, response: { 200: DecisionCommentList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const { head, type } = await decisionHead(ctx, req.params.id, true);
    await assertCanAt(tx.client, tx.principal, type.handlePermission, head.org_id, head.created_by);
    // Once published, the answers are part of the published record.
    if (head.status_kind !== 'open' || publishedStates.includes(head.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
    const updated = await tx.client.query(
      `UPDATE decision_comments SET answer = $3, adoption = $4, answered_by = $5, answered_at = now() WHERE id = $1 AND case_id = $2 AND answer IS NULL`,
      [req.params.commentId, head.id, req.body.answer.trim(), req.body.adoption, tx.principal.userId]);
    if (updated.rowCount === 0) {
      const exists = await tx.client.query('SELECT 1 FROM decision_comments WHERE id = $1 AND case_id = $2', [req.params.commentId, head.id]);
      throw new AppError(exists.rowCount ? 'DECISION_COMMENT_ANSWERED' : 'NOT_FOUND');
    }
    await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'decision.comment_answer', entity: 'case', entityId: head.id,
      after: { commentId: req.params.commentId, adoption: req.body.adoption } });
    return listComments(ctx, platform, head.id);
  }));
};
