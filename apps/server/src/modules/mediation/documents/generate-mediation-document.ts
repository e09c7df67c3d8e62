import type { Actor, Platform } from '../../../platform/platform.ts';
import { caseCtxOf, runScoped } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { assertCanAt, canAt } from '../../../platform/access/scope.ts';
import { loadCaseHead } from '../../../platform/cases/transition.ts';
import { sm3 } from '../../../platform/crypto/sm.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadMediationFile } from './mediation-file.ts';
import { documentFileName, mediationDocuments, type MediationDocumentKind } from './mediation-documents.ts';
import { insertDocumentEvent } from './mediation-file.repository.ts';

export type GenerateDocumentInput = {
  caseId: string;
  kind: MediationDocumentKind;
  /** 调解笔录 of one session; all sessions when absent. */
  sessionId?: string;
  /** Keep it on the case: a timeline entry with the SM3 of the bytes (needs mediation.handle). */
  keep: boolean;
  /** Masked personal data even for a caller who may see it in full. */
  masked?: boolean;
};
export type GeneratedDocument = { fileName: string; bytes: Buffer; sm3: string; kept: boolean; fullPersonalData: boolean };

/**
 * Fills one of a mediation case's documents. The case must be visible to the caller (404
 * otherwise, as every case read). Parties' ID numbers, phones and addresses are printed in
 * full only for a caller with pii.unmask at the case's org, and each party so shown writes
 * a pii.view audit row; everyone else gets them masked. Keeping the document records its
 * SM3 on the case's timeline, in the same transaction as its audit row.
 */
export const generateMediationDocument = (platform: Platform, actor: Actor & { principal: Principal }, input: GenerateDocumentInput): Promise<GeneratedDocument> =>
  runScoped(platform, actor, async (tx) => {
    const { head } = await loadCaseHead(caseCtxOf(platform, tx), input.caseId);
    if (head.case_type !== 'mediation') throw new AppError('NOT_FOUND');
    if (input.keep) await assertCanAt(tx.client, tx.principal, 'mediation.handle', head.org_id, head.created_by);
    const def = mediationDocuments[input.kind];
    const full = def.personalData && !input.masked && (await canAt(tx.client, tx.principal, 'pii.unmask', head.org_id, head.created_by));
    const file = await loadMediationFile(tx.client, platform.keys.fields, head.id, full);
    const reason = def.unavailable(file, input.sessionId);
    if (reason) throw new AppError('DOCUMENT_NOT_AVAILABLE', { kind: input.kind, reason });
    const bytes = await def.render(file, input.sessionId);
    const hash = sm3(bytes).toString('hex');
    const fileName = documentFileName(file, def.title(file));
    const revealed = full ? file.parties.filter((p) => p.sealedFields.length > 0) : [];
    for (const p of revealed) {
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'pii.view', entity: 'case_party', entityId: p.id,
        after: { fields: p.sealedFields, caseId: head.id, document: input.kind } });
    }
    if (input.keep) {
      const payload = { kind: input.kind, title: def.title(file), fileName, sm3: hash, size: bytes.length, fullPersonalData: revealed.length > 0, sessionId: input.sessionId ?? null };
      const eventId = await insertDocumentEvent(tx.client, { caseId: head.id, townshipId: head.township_id, actorId: tx.principal.userId, payload });
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.document', entity: 'case', entityId: head.id, after: { ...payload, eventId } });
    }
    return { fileName, bytes, sm3: hash, kept: input.keep, fullPersonalData: revealed.length > 0 };
  });
