import type { CaseCtx } from '../../platform/cases/context.ts';
import type { PartyInput } from '../../platform/cases/create-case.ts';
import { registerLinkedCase } from '../../platform/cases/linked-case.ts';
import { canAt } from '../../platform/access/scope.ts';
import { openField } from '../../platform/crypto/sm.ts';
import { AppError } from '../../platform/errors.ts';
import { petitionHead } from './petitions.work.ts';

export type MediationReferral = { orgId: string; category: string; respondent: string; respondentPhone?: string; note: string; consent: boolean };

/**
 * 转人民调解: a 申诉求决 matter that is a dispute between the petitioner and another party is
 * mediated with both parties' consent (信访工作条例 第三十三条; 第三十七条: 人民调解、行政调解、
 * 司法调解联动; 人民调解法 第十七条: never against a party's refusal). A people's mediation case
 * is registered at a village of the petition's township or at the township itself, the
 * petitioner as applicant (contact details carried over, sealed) and the other party as
 * respondent; the village's mediators are told, as of any application that reaches them. The
 * two cases are linked and the petition's timeline says where it went; the petition
 * stays accepted on its handling clock (第三十四条) and is answered once the mediation ends.
 *
 * Runs on the owner connection, as the engine's transfer does: the mediation case lies with
 * people the petition office does not act for, and their notices go to other inboxes; the
 * caller's grants are checked here as the scoped path would (read, then handle, at the
 * petition's org).
 */
export const referToMediation = async (ctx: CaseCtx, caseId: string, r: MediationReferral): Promise<{ id: string; ref: string }> => {
  const p = ctx.principal;
  if (!p) throw new AppError('FORBIDDEN');
  const c = ctx.client;
  const { head } = await petitionHead(ctx, caseId, true);
  if (!(await canAt(c, p, 'petition.read', head.org_id, head.created_by))) throw new AppError('NOT_FOUND');
  if (!(await canAt(c, p, 'petition.handle', head.org_id, head.created_by))) throw new AppError('FORBIDDEN');
  if (head.status !== 'accepted') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: head.status });
  if (!r.consent) throw new AppError('PETITION_MEDIATION_CONSENT');
  const categories = ctx.engine.types.get('mediation')?.categories ?? [];
  if (categories.length === 0) throw new AppError('PETITION_MEDIATION_UNAVAILABLE');
  if (!categories.includes(r.category)) throw new AppError('VALIDATION', { field: 'category' });
  const place = (await c.query<{ ok: boolean }>(
    `SELECT (o.kind = 'village' AND o.township_id = $2) OR (o.kind = 'township' AND o.id = $2) AS ok FROM orgs o WHERE o.id = $1`, [r.orgId, head.township_id])).rows[0];
  if (!place?.ok) throw new AppError('VALIDATION', { field: 'orgId' });
  const already = (await c.query<{ ref: string }>(
    `SELECT m.ref FROM case_links l JOIN cases m ON m.id = l.other_case_id WHERE l.case_id = $1 AND m.case_type = 'mediation' AND m.status_kind = 'open'`, [caseId])).rows[0];
  if (already) throw new AppError('PETITION_MEDIATION_EXISTS', { ref: already.ref });

  const petition = (await c.query<{ body: string; request: string | null }>("SELECT body, data ->> 'request' AS request FROM cases WHERE id = $1", [caseId])).rows[0];
  const parties = (await c.query<{ kind: 'person' | 'enterprise'; name: string; id_number_enc: Buffer | null; phone_enc: Buffer | null; address_enc: Buffer | null }>(
    'SELECT kind, name, id_number_enc, phone_enc, address_enc FROM case_parties WHERE case_id = $1 ORDER BY sort_order', [caseId])).rows;
  const open = (b: Buffer | null): string | null => (b ? openField(ctx.engine.keys, b) : null);
  const applicants: PartyInput[] = parties.map((x) => ({ kind: x.kind, role: '申请人', name: x.name, idNumber: open(x.id_number_enc), phone: open(x.phone_enc), address: open(x.address_enc) }));
  const respondent: PartyInput = { kind: 'person', role: '被申请人', name: r.respondent.trim(), phone: r.respondentPhone?.trim() || null };
  // Registered as the system on the clerk's behalf (no principal): it reaches the mediators as an application does.
  const kase = await registerLinkedCase(ctx, { id: caseId, ref: head.ref, township_id: head.township_id }, {
    type: 'mediation', orgId: r.orgId, source: 'transfer', category: r.category, title: `${head.title}（信访转人民调解）`,
    body: [petition?.request ? `信访请求：${petition.request}` : '', petition?.body ?? '', `转调解说明：${r.note.trim()}`].filter(Boolean).join('\n'),
    data: { intake: 'petition', consent: 'agree' },
    parties: [...applicants, respondent],
  }, { kind: 'mediation_referral', text: '经双方同意，转人民调解', public: true, actorId: p.userId });
  await ctx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'petition.refer_mediation', entity: 'case', entityId: caseId, after: { mediationCaseId: kase.id, ref: kase.ref, orgId: r.orgId } });
  return { id: kase.id, ref: kase.ref };
};
