import type { CaseView } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { caseCtxOf, runScoped, type Actor, type Platform } from '../../../platform/platform.ts';
import { readCase } from '../../../platform/cases/case-view.ts';
import { loadHandledCase } from '../attachment-access.ts';
import { appendCaseEvent, findAttachment, markAttachmentDeleted } from '../attachments.repository.ts';

/**
 * Takes a file off a case (handle permission). A soft delete: the row, the stored bytes and
 * the audit trail keep it, so what a case once held can always be shown.
 */
export const deleteAttachment = async (opts: { platform: Platform; actor: Actor & { principal: Principal }; caseId: string; attachmentId: string }): Promise<CaseView> => {
  const { platform, actor, caseId, attachmentId } = opts;
  return runScoped(platform, actor, async (tx) => {
    const ctx = caseCtxOf(platform, tx);
    const head = await loadHandledCase(ctx, caseId, true);
    const row = await findAttachment(tx.client, caseId, attachmentId, true);
    if (!row) throw new AppError('NOT_FOUND');
    await markAttachmentDeleted(tx.client, row.id, actor.principal.userId);
    const facts = { attachmentId: row.id, name: row.file_name, size: Number(row.size), sm3: row.sm3 };
    await appendCaseEvent(tx.client, { caseId, townshipId: head.township_id, actorId: actor.principal.userId, kind: 'attachment_delete', payload: facts });
    await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.attachment.delete', entity: 'case', entityId: caseId, before: facts });
    return readCase(ctx, caseId);
  });
};
