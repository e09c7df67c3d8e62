import type { GridEventBody, GridEventCreated, GridMediationBody, GridLinkedCase, GridPetitionBody } from '@fazhi/contracts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { createCase, type CreatedCase, type PartyInput } from '../../platform/cases/create-case.ts';
import { takeTransition, loadCaseHead } from '../../platform/cases/transition.ts';
import { registerLinkedCase } from '../../platform/cases/linked-case.ts';
import { assertCanAt, canAt } from '../../platform/access/scope.ts';
import { gridCategories, type GridChannel } from './grid.workflow.ts';

export const isGridCategory = (c: string): boolean => (gridCategories as readonly string[]).includes(c);

/** Where an event lies and what it counts under: the grid and the village, kept in the case's facts. */
export type GridPlace = { orgId: string; townshipId: string; gridId: string | null; villageId: string | null };

/** The grid, village or township an event is reported at, with its village and township. */
export const placeOf = async (ctx: CaseCtx, orgId: string): Promise<GridPlace | null> => {
  const r = (await ctx.client.query<{ id: string; kind: string; parent_id: string | null; township_id: string | null }>(
    `SELECT o.id, o.kind, o.parent_id, CASE WHEN o.kind = 'township' THEN o.id ELSE o.township_id END AS township_id
       FROM orgs o WHERE o.id = $1 AND o.kind IN ('grid', 'village', 'township')`, [orgId])).rows[0];
  if (!r?.township_id) return null;
  return {
    orgId: r.id, townshipId: r.township_id,
    gridId: r.kind === 'grid' ? r.id : null,
    villageId: r.kind === 'grid' ? r.parent_id : r.kind === 'village' ? r.id : null,
  };
};

/** The title a list shows: the category and the first words of the description. */
const titleOf = (category: string, description: string): string => {
  const t = [...`${category}：${description.replace(/\s+/g, ' ').trim()}`];
  return t.length > 60 ? `${t.slice(0, 59).join('')}…` : t.join('');
};

export type GridEventInput = {
  place: GridPlace; channel: GridChannel; category: string; description: string;
  position?: { lat: number; lng: number } | null; address?: string | null; mediaUrl?: string | null;
  receivedOn?: string; idempotencyKey?: string | null; tracking?: boolean; reporter?: PartyInput | null;
};

/**
 * Opens a grid event through the engine at its grid (or village, or the township when the
 * place is not known): the 受理 clock starts, the 综治中心 is told (the engine tells whoever
 * may handle it), and the grid and village go into the case's facts so the figures count
 * it by where it happened even after it is passed to an office.
 */
export const writeGridEvent = async (ctx: CaseCtx, input: GridEventInput, source: 'grid' | 'staff' | 'public'): Promise<CreatedCase> => {
  if (!isGridCategory(input.category)) throw new AppError('VALIDATION', { field: 'category' });
  const description = input.description.trim();
  const body = [
    `事件类别：${input.category}`, ...(input.address ? [`发生地点：${input.address}`] : []),
    ...(input.position ? [`位置（WGS-84）：${input.position.lat.toFixed(6)}, ${input.position.lng.toFixed(6)}`] : []),
    `事件描述：${description}`,
  ].join('\n');
  const created = await createCase(ctx, {
    type: 'grid_event', orgId: input.place.orgId, source, category: input.category, title: titleOf(input.category, description), body,
    ...(input.receivedOn ? { receivedOn: input.receivedOn } : {}), idempotencyKey: input.idempotencyKey ?? null, tracking: input.tracking ?? false,
    data: {
      channel: input.channel, description,
      ...(input.position ? { lat: input.position.lat, lng: input.position.lng } : {}),
      ...(input.address ? { address: input.address } : {}), ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
    },
    parties: input.reporter ? [input.reporter] : [],
  });
  if (!created.replayed) {
    await ctx.client.query(`UPDATE cases SET facts = facts || jsonb_build_object('grid', $2::jsonb) WHERE id = $1`,
      [created.id, JSON.stringify({ gridId: input.place.gridId, villageId: input.place.villageId, channel: input.channel })]);
  }
  return created;
};

/**
 * 网格员上报: a grid worker (or the 综治中心) reports an event at a grid within the caller's
 * reach (grid.report there; another grid's is out of reach, as if it were not there). One
 * the worker settled on the spot (就地办结) takes that step at once, dated the day it was
 * found: it goes straight to the 综治中心's check and counts as self-handled.
 */
export const reportGridEvent = async (ctx: CaseCtx, b: GridEventBody, idempotencyKey: string | null): Promise<GridEventCreated> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const orgId = b.gridId ?? p.orgId;
  const place = await placeOf(ctx, orgId);
  if (!place) throw new AppError(b.gridId ? 'NOT_FOUND' : 'GRID_REQUIRED', { field: 'gridId' });
  await assertCanAt(ctx.client, p, 'grid.report', orgId);
  const worker = place.gridId !== null && !(await canAt(ctx.client, p, 'grid.dispatch', orgId));
  const created = await writeGridEvent(ctx, {
    place, channel: worker ? 'worker' : 'center', category: b.category, description: b.description,
    position: b.position ?? null, address: b.address?.trim() || null, ...(b.receivedOn ? { receivedOn: b.receivedOn } : {}), idempotencyKey,
  }, worker ? 'grid' : 'staff');
  let status = 'reported';
  if (b.solvedOnSpot && !created.replayed) {
    const r = await takeTransition(ctx, created.id, { transition: 'solve_on_spot', version: 1, fields: { result: b.solvedOnSpot.trim() }, ...(b.receivedOn ? { on: b.receivedOn } : {}) });
    status = r.status;
  }
  return { id: created.id, ref: created.ref, status, replayed: created.replayed };
};

/**
 * A grid event the caller may refer on (to mediation, to the petition office): one the caller
 * reads (else 404) and dispatches (else 403), filed and still open.
 */
const referableEvent = async (ctx: CaseCtx, caseId: string) => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const { head } = await loadCaseHead(ctx, caseId, true);
  if (head.case_type !== 'grid_event') throw new AppError('NOT_FOUND');
  if (!(await canAt(ctx.client, p, 'grid.read', head.org_id, head.created_by))) throw new AppError('NOT_FOUND');
  if (!(await canAt(ctx.client, p, 'grid.dispatch', head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status_kind !== 'open' || head.status === 'reported') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  return { head, p };
};

/**
 * 转人民调解: an event that is a dispute between two parties becomes a people's mediation case
 * at a village's committee or the township (人民调解法 第十七条: with both parties' consent,
 * never against a refusal; 第十八条: a grassroots body may advise the parties to apply). The
 * two cases are linked ("一案一码": each page shows the other) and the event's timeline names
 * the mediation by its reference; the event stays open on its clocks and is closed when the
 * mediation has settled it. Held by the 综治中心 (grid.dispatch at the event's org).
 */
export const referGridEventToMediation = async (ctx: CaseCtx, caseId: string, r: GridMediationBody): Promise<GridLinkedCase> => {
  const { head, p } = await referableEvent(ctx, caseId);
  if (!r.consent) throw new AppError('PETITION_MEDIATION_CONSENT');
  const categories = ctx.engine.types.get('mediation')?.categories ?? [];
  if (categories.length === 0) throw new AppError('PETITION_MEDIATION_UNAVAILABLE');
  if (!categories.includes(r.category)) throw new AppError('VALIDATION', { field: 'category' });
  const ok = (await ctx.client.query<{ ok: boolean }>(
    `SELECT (o.kind = 'village' AND o.township_id = $2) OR (o.kind = 'township' AND o.id = $2) AS ok FROM orgs o WHERE o.id = $1`, [r.orgId, head.township_id])).rows[0];
  if (!ok?.ok) throw new AppError('VALIDATION', { field: 'orgId' });
  const already = (await ctx.client.query<{ ref: string }>(
    `SELECT m.ref FROM case_links l JOIN cases m ON m.id = l.other_case_id WHERE l.case_id = $1 AND m.case_type = 'mediation' AND m.status_kind = 'open'`, [caseId])).rows[0];
  if (already) throw new AppError('GRID_MEDIATION_EXISTS', { ref: already.ref });
  const event = (await ctx.client.query<{ description: string | null }>("SELECT data ->> 'description' AS description FROM cases WHERE id = $1", [caseId])).rows[0];
  const kase = await registerLinkedCase(ctx, { id: caseId, ref: head.ref, township_id: head.township_id }, {
    type: 'mediation', orgId: r.orgId, source: 'grid', category: r.category, title: `${head.title}（网格事件转人民调解）`,
    body: [`网格事件${head.ref}：${event?.description ?? head.title}`, `转调解说明：${r.note.trim()}`].join('\n'),
    data: { intake: 'grid', consent: 'agree' },
    parties: [
      { kind: 'person', role: '申请人', name: r.applicant.name.trim(), phone: r.applicant.phone ?? null },
      { kind: 'person', role: '被申请人', name: r.respondent.name.trim(), phone: r.respondent.phone ?? null },
    ],
  }, { kind: 'mediation_referral', text: '经双方同意，转人民调解', public: true, actorId: p.userId });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'grid.refer_mediation', entity: 'case', entityId: caseId, after: { mediationCaseId: kase.id, ref: kase.ref, orgId: r.orgId } });
  return { id: kase.id, ref: kase.ref };
};

/**
 * 转信访: a demand the event carries that is the petition office's (a 申诉求决 about the
 * government's work, not a dispute between neighbours) is registered there as a petition
 * (信访工作条例 第二十一条: every matter registered; 第二十二条 the office decides how it is
 * handled), the petitioner as its party, received by transfer (转送交办) from the 综治中心 and
 * naming the event. Linked both ways ("一案一码"); the event stays on its own loop. The caller
 * dispatches grid events at the event's org; the petition is created on its behalf, as a
 * mediation referral is (the owner connection).
 */
export const referGridEventToPetition = async (ctx: CaseCtx, caseId: string, r: GridPetitionBody): Promise<GridLinkedCase> => {
  const { head, p } = await referableEvent(ctx, caseId);
  const categories = ctx.engine.types.get('petition')?.categories ?? [];
  if (categories.length === 0) throw new AppError('NOT_FOUND');
  if (!categories.includes(r.category)) throw new AppError('VALIDATION', { field: 'category' });
  const already = (await ctx.client.query<{ ref: string }>(
    `SELECT m.ref FROM case_links l JOIN cases m ON m.id = l.other_case_id WHERE l.case_id = $1 AND m.case_type = 'petition' AND m.status_kind = 'open'`, [caseId])).rows[0];
  if (already) throw new AppError('GRID_PETITION_EXISTS', { ref: already.ref });
  const event = (await ctx.client.query<{ description: string | null; village_id: string | null }>(
    `SELECT k.data ->> 'description' AS description, CASE WHEN o.kind = 'village' THEN o.id WHEN o.kind = 'grid' THEN o.parent_id END AS village_id
       FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.id = $1`, [caseId])).rows[0];
  const kase = await registerLinkedCase(ctx, { id: caseId, ref: head.ref, township_id: head.township_id }, {
    type: 'petition', orgId: head.township_id, source: 'grid', category: r.category, title: `${head.title}（网格事件转信访）`,
    body: [`网格事件${head.ref}：${event?.description ?? head.title}`, `信访请求：${r.request.trim()}`, `转办说明：${r.note.trim()}`].join('\n'),
    data: {
      channel: '转送交办', ...(event?.village_id ? { villageId: event.village_id } : {}), request: r.request.trim(),
      facts: event?.description ?? head.title, referredBy: `综治中心（网格事件${head.ref}）`,
    },
    parties: [{ kind: 'person', role: '信访人', name: r.petitioner.name.trim(), phone: r.petitioner.phone ?? null }],
  }, { kind: 'petition_referral', text: '转信访办按信访程序办理', public: true, actorId: p.userId });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'grid.refer_petition', entity: 'case', entityId: caseId, after: { petitionCaseId: kase.id, ref: kase.ref } });
  return { id: kase.id, ref: kase.ref };
};
