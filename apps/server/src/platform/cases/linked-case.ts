import type { CaseCtx } from './context.ts';
import { createCase, type CreateCaseInput, type CreatedCase } from './create-case.ts';
import { appendCaseEvent } from './events.ts';

/** The case a new one comes from, as its module has read (and checked) it. */
export type LinkSource = { id: string; ref: string; township_id: string };

/**
 * Registers a case of another type from this one (a petition's dispute referred to people's
 * mediation; a grid event that becomes a mediation case, a petition or an enforcement case):
 * "一案一码" — the new case is created through the engine as the system on the caller's behalf
 * (it reaches the people of the receiving type as an application does), the two are linked
 * once (a link is read from both cases), the source's timeline names the new case by its
 * reference (`kind`, public when a citizen follows the source); the new case's page shows
 * the source among its links (and its body should name it). The caller has checked its own grants on the source and writes its own
 * audit row; everything is in the caller's transaction.
 */
export const registerLinkedCase = async (
  ctx: CaseCtx, source: LinkSource, input: CreateCaseInput,
  event: { kind: string; text: string; public?: boolean; actorId: string | null },
): Promise<CreatedCase> => {
  const c = ctx.client;
  const kase = await createCase({ ...ctx, principal: null }, input);
  await c.query(`INSERT INTO case_links (case_id, other_case_id, township_id, kind, created_by) VALUES ($1,$2,$3,'related',$4) ON CONFLICT DO NOTHING`,
    [source.id, kase.id, source.township_id, event.actorId]);
  await appendCaseEvent(c, { caseId: source.id, townshipId: source.township_id, actorId: event.actorId, kind: event.kind, public: event.public ?? false,
    payload: { otherCaseId: kase.id, ref: kase.ref, text: event.text } });
  return kase;
};
