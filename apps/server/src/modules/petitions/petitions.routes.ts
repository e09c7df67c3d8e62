import { Type } from 'typebox';
import {
  AppliedCaseView, CreateCaseBody, CreatedCase, ErrorSchema, PetitionApplicationBody, PetitionBreakdownQuery, PetitionBreakdowns, PetitionRepeatList, PetitionRepeatQuery,
  RecusalBody, RecusalList, SuperviseBody, MediationReferralBody, MediationReferralView,
} from '@fazhi/contracts';
import type { TypedApp } from '../../platform/http/types.ts';
import { auditor, caseCtxOf, runScoped, runSystem, type Platform } from '../../platform/platform.ts';
import { signedInActor } from '../../platform/http/access.ts';
import { assertCanAt, defaultOrgOf } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { townshipsOf } from '../../platform/metrics/metrics.ts';
import { findRepeats } from './petitions.repeats.ts';
import { listRecusals, petitionHead, recordRecusal, supervise } from './petitions.work.ts';
import { submitPetition } from './petitions.apply-online.ts';
import { referToMediation } from './petitions.mediation.ts';
import { petitionBreakdowns } from './petitions.metrics.ts';
import { createCase } from '../../platform/cases/create-case.ts';

const tags = ['petitions'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const registerPetitionRoutes = (app: TypedApp, platform: Platform): void => {
  app.post('/api/petitions', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '登记信访事项（给予受理编号和查询码） Register a petition with a tracking number and query code (Idempotency-Key supported)', body: CreateCaseBody, response: { 200: CreatedCase, ...errors } },
  }, async (req) => {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key))) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
    if (req.body.type !== 'petition') throw new AppError('VALIDATION', { field: 'type' });
    // 阳光信访 (第二十一条): a petitioner registered at the counter follows the matter like one who came online.
    return runScoped(platform, signedInActor(req), (tx) => createCase(caseCtxOf(platform, tx), { ...req.body, idempotencyKey: key ?? null, tracking: true }));
  });

  app.post('/api/petitions/repeats', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '登记前查重（第十九条、第三十六条） Earlier petitions the new one may repeat', body: PetitionRepeatQuery, response: { 200: PetitionRepeatList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const b = req.body;
    await assertCanAt(tx.client, tx.principal, 'petition.handle', b.orgId);
    const org = (await tx.client.query<{ township_id: string | null }>("SELECT CASE WHEN kind = 'township' THEN id ELSE township_id END AS township_id FROM orgs WHERE id = $1", [b.orgId])).rows[0];
    if (!org?.township_id) throw new AppError('NOT_FOUND');
    const items = await findRepeats(tx.client, platform.keys.fields, org.township_id, [{ name: '', role: '信访人', idNumber: b.idNumber ?? null, phone: b.phone ?? null }], `${b.title} ${b.request ?? ''}`);
    return { items };
  }));

  app.get('/api/petitions/:id/repeats', {
    config: { access: { permission: 'petition.read' } },
    schema: { tags, summary: '与本件可能重复的信访事项 Earlier petitions this one may repeat', params: IdParams, response: { 200: PetitionRepeatList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const { head } = await petitionHead(caseCtxOf(platform, tx), req.params.id);
    const parties = (await tx.client.query<{ id_number_bidx: Buffer | null; phone_bidx: Buffer | null }>(
      'SELECT id_number_bidx, phone_bidx FROM case_parties WHERE case_id = $1', [head.id])).rows;
    const body = (await tx.client.query<{ request: string | null; received_on: string }>(
      "SELECT data ->> 'request' AS request, to_char(received_on, 'YYYY-MM-DD') AS received_on FROM cases WHERE id = $1", [head.id])).rows[0];
    // The parties' numbers are sealed: the earlier petitions are found by their blind indexes directly.
    const same = parties.length === 0 ? [] : (await tx.client.query<{ id: string }>(
      `SELECT DISTINCT q.case_id AS id FROM case_parties q WHERE q.case_id <> $1
          AND (q.id_number_bidx = ANY($2::bytea[]) OR q.phone_bidx = ANY($3::bytea[]))`,
      [head.id, parties.flatMap((p) => (p.id_number_bidx ? [p.id_number_bidx] : [])), parties.flatMap((p) => (p.phone_bidx ? [p.phone_bidx] : []))])).rows.map((r) => r.id);
    const similar = await findRepeats(tx.client, platform.keys.fields, head.township_id, [], `${head.title} ${body?.request ?? ''}`, head.id);
    const byText = new Map(similar.map((r) => [r.id, r]));
    const sameCases = same.length === 0 ? [] : (await tx.client.query<{ id: string; ref: string; title: string; status: string; received_on: string }>(
      `SELECT id, ref, title, status, to_char(received_on, 'YYYY-MM-DD') AS received_on FROM cases
        WHERE id = ANY($1::uuid[]) AND case_type = 'petition' AND ((status_kind = 'open' AND steps ? 'accept') OR status = 'finalized')`, [same])).rows;
    const items = [
      ...sameCases.map((r) => ({ id: r.id, ref: r.ref, title: r.title, status: r.status, receivedOn: r.received_on, samePerson: true,
        similarity: byText.get(r.id)?.similarity ?? 0, standing: r.status === 'finalized' ? 'final' as const : 'in_hand' as const })),
      ...similar.filter((r) => !same.includes(r.id)),
    ];
    return { items };
  }));

  app.get('/api/petitions/:id/recusals', {
    config: { access: { permission: 'petition.read' } },
    schema: { tags, summary: '回避记录 Recusals', params: IdParams, response: { 200: RecusalList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), (tx) => listRecusals(caseCtxOf(platform, tx), req.params.id)));

  app.post('/api/petitions/:id/recusals', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '记录承办人回避 Record a handler\'s recusal', params: IdParams, body: RecusalBody, response: { 200: RecusalList, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    await recordRecusal(ctx, req.params.id, req.body.userId, req.body.reason);
    return listRecusals(ctx, req.params.id);
  }));

  app.post('/api/petitions/:id/supervise', {
    config: { access: { permission: 'petition.approve' } },
    schema: { tags, summary: '督办 A head\'s supervision note', params: IdParams, body: SuperviseBody, response: { 204: Type.Null(), ...errors } },
  }, async (req, reply) => {
    // As the engine's transfer: on the system connection (the notice goes to other people's inboxes), the
    // caller's read permission and petition.approve checked at the case's org by supervise().
    const actor = signedInActor(req);
    await runSystem(platform, (c) => supervise({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id, req.body.note));
    return reply.status(204).send(null);
  });

  app.post('/api/petitions/:id/mediation', {
    config: { access: { permission: 'petition.handle' } },
    schema: { tags, summary: '转人民调解 Refer the dispute to people\'s mediation (linked case)', params: IdParams, body: MediationReferralBody, response: { 200: MediationReferralView, ...errors } },
  }, async (req) => {
    const actor = signedInActor(req);
    return runSystem(platform, (c) => referToMediation({ client: c, actor, principal: actor.principal, audit: auditor(c, actor), engine: platform.cases }, req.params.id, req.body));
  });

  app.get('/api/petitions/breakdowns', {
    config: { access: { permission: 'petition.read' } },
    schema: { tags, summary: '信访事项分渠道、类别、村、法定途径统计 The year by channel, category, village and route', querystring: PetitionBreakdownQuery, response: { 200: PetitionBreakdowns, ...errors } },
  }, async (req) => runScoped(platform, signedInActor(req), async (tx) => {
    const orgId = req.query.orgId ?? defaultOrgOf(tx.principal, 'petition.read');
    await assertCanAt(tx.client, tx.principal, 'petition.read', orgId);
    const r = (await tx.client.query<{ by_channel: Record<string, number>; by_category: Record<string, number>; by_village: Record<string, number>; by_route: Record<string, number> }>(
      petitionBreakdowns, [req.query.year, await townshipsOf(tx.client, orgId), orgId])).rows[0];
    return { year: req.query.year, byChannel: r?.by_channel ?? {}, byCategory: r?.by_category ?? {}, byVillage: r?.by_village ?? {}, byRoute: r?.by_route ?? {} };
  }));

  app.post('/api/public/petitions', {
    config: { access: { public: true, rateLimitPerMinute: 10 } },
    schema: { tags: ['public'], summary: '我要信访 Submit a petition online (Idempotency-Key supported)', body: PetitionApplicationBody, response: { 200: AppliedCaseView, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema } },
  }, async (req) => {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,100}$/.test(key))) throw new AppError('VALIDATION', { field: 'Idempotency-Key' });
    return submitPetition(platform, { principal: null, ip: req.ip, requestId: String(req.id) }, req.body, key ?? null);
  });
};
