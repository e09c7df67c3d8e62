import { Type } from 'typebox';
import { DisclosureRemedyBody, DisclosureRemedyList, DisclosureRemedyResultBody, ErrorSchema } from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { caseCtxOf, runScoped, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { appendCaseEvent } from '../../platform/cases/events.ts';
import { loadCaseHead } from '../../platform/cases/transition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';

const tags = ['disclosure'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const RemedyParams = Type.Object({ id: Type.String({ format: 'uuid' }), remedyId: Type.String({ format: 'uuid' }) });

const requestHead = async (ctx: CaseCtx, caseId: string, lock = false) => {
  const loaded = await loadCaseHead(ctx, caseId, lock);
  if (loaded.head.case_type !== 'disclosure') throw new AppError('NOT_FOUND');
  return loaded;
};

const listRemedies = async (ctx: CaseCtx, caseId: string): Promise<DisclosureRemedyList> => {
  const { rows } = await ctx.client.query<{ id: string; kind: 'review' | 'lawsuit' | 'lawsuit_after_review'; authority: string; filed_on: string;
    result: 'upheld' | 'corrected' | 'other' | null; decided_on: string | null; note: string | null; created_by: string | null }>(
    `SELECT r.id, r.kind, r.authority, to_char(r.filed_on, 'YYYY-MM-DD') AS filed_on, r.result, to_char(r.decided_on, 'YYYY-MM-DD') AS decided_on,
            r.note, u.display_name AS created_by
       FROM disclosure_remedies r LEFT JOIN users u ON u.id = r.created_by WHERE r.case_id = $1 ORDER BY r.filed_on, r.created_at`, [caseId]);
  return { items: rows.map((r) => ({ id: r.id, kind: r.kind, authority: r.authority, filedOn: r.filed_on, result: r.result, decidedOn: r.decided_on, note: r.note, createdBy: r.created_by })) };
};

/**
 * The applicant's remedies against a disclosure request's handling (政府信息公开条例 第五十一条:
 * administrative review or a lawsuit), recorded on the request by its office and counted in
 * the yearly report's fourth table (第五十条第三项). Dates are checked on every write: brought
 * no earlier than the request was received and not in the future; decided no earlier than
 * brought and not in the future. A lawsuit after review needs the review recorded first.
 */
export const registerRemedyRoutes = (app: TypedApp, platform: Platform): void => {
  app.get('/api/disclosure/cases/:id/remedies', {
    config: { access: { permission: 'disclosure.read' } },
    schema: { tags, summary: '行政复议、行政诉讼 Reviews and lawsuits about a request', params: IdParams, response: { 200: DisclosureRemedyList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const { head } = await requestHead(ctx, req.params.id);
    return listRemedies(ctx, head.id);
  }));

  app.post('/api/disclosure/cases/:id/remedies', {
    config: { access: { permission: 'disclosure.handle' } },
    schema: { tags, summary: '登记行政复议或行政诉讼 Record a review or lawsuit', params: IdParams, body: DisclosureRemedyBody, response: { 200: DisclosureRemedyList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const { head, type } = await requestHead(ctx, req.params.id, true);
    await assertCanAt(tx.client, tx.principal, type.handlePermission, head.org_id, head.created_by);
    const b = req.body;
    const received = (await tx.client.query<{ received_on: string }>("SELECT to_char(received_on, 'YYYY-MM-DD') AS received_on FROM cases WHERE id = $1", [head.id])).rows[0]?.received_on ?? '';
    if (b.filedOn < received || b.filedOn > ctx.engine.today()) throw new AppError('DISCLOSURE_REMEDY_DATE_INVALID', { field: 'filedOn' });
    if (b.kind === 'lawsuit_after_review') {
      const review = await tx.client.query("SELECT 1 FROM disclosure_remedies WHERE case_id = $1 AND kind = 'review' AND filed_on <= $2", [head.id, b.filedOn]);
      if (!review.rowCount) throw new AppError('DISCLOSURE_REMEDY_NO_REVIEW', { field: 'kind' });
    }
    const id = (await tx.client.query<{ id: string }>(
      `INSERT INTO disclosure_remedies (case_id, township_id, kind, authority, filed_on, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [head.id, head.township_id, b.kind, b.authority.trim(), b.filedOn, b.note?.trim() || null, tx.principal.userId])).rows[0]?.id ?? '';
    await appendCaseEvent(tx.client, { caseId: head.id, townshipId: head.township_id, actorId: tx.principal.userId, kind: 'disclosure_remedy', public: false,
      payload: { remedyId: id, kind: b.kind, authority: b.authority.trim(), filedOn: b.filedOn } });
    await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'disclosure.remedy', entity: 'case', entityId: head.id, after: { remedyId: id, kind: b.kind, filedOn: b.filedOn } });
    return listRemedies(ctx, head.id);
  }));

  app.post('/api/disclosure/cases/:id/remedies/:remedyId/result', {
    config: { access: { permission: 'disclosure.handle' } },
    schema: { tags, summary: '登记复议决定或判决结果 Record the outcome', params: RemedyParams, body: DisclosureRemedyResultBody, response: { 200: DisclosureRemedyList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const { head, type } = await requestHead(ctx, req.params.id, true);
    await assertCanAt(tx.client, tx.principal, type.handlePermission, head.org_id, head.created_by);
    const r = (await tx.client.query<{ filed_on: string; result: string | null }>(
      "SELECT to_char(filed_on, 'YYYY-MM-DD') AS filed_on, result FROM disclosure_remedies WHERE id = $1 AND case_id = $2 FOR UPDATE", [req.params.remedyId, head.id])).rows[0];
    if (!r) throw new AppError('NOT_FOUND');
    if (r.result !== null) throw new AppError('DISCLOSURE_REMEDY_DECIDED');
    const b = req.body;
    if (b.decidedOn < r.filed_on || b.decidedOn > ctx.engine.today()) throw new AppError('DISCLOSURE_REMEDY_DATE_INVALID', { field: 'decidedOn' });
    await tx.client.query(
      `UPDATE disclosure_remedies SET result = $2, decided_on = $3, decided_by = $4, note = coalesce($5, note) WHERE id = $1`,
      [req.params.remedyId, b.result, b.decidedOn, tx.principal.userId, b.note?.trim() || null]);
    await appendCaseEvent(tx.client, { caseId: head.id, townshipId: head.township_id, actorId: tx.principal.userId, kind: 'disclosure_remedy_result', public: false,
      payload: { remedyId: req.params.remedyId, result: b.result, decidedOn: b.decidedOn } });
    await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'disclosure.remedy_result', entity: 'case', entityId: head.id,
      after: { remedyId: req.params.remedyId, result: b.result, decidedOn: b.decidedOn } });
    return listRemedies(ctx, head.id);
  }));
};
