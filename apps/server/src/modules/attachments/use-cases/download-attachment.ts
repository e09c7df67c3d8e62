import type { Readable } from 'node:stream';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { caseCtxOf, runScoped, type Actor, type Platform } from '../../../platform/platform.ts';
import { loadCaseHead } from '../../../platform/cases/transition.ts';
import { findAttachment } from '../attachments.repository.ts';

export type Download = { fileName: string; contentType: string; size: number; stream: Readable };

/**
 * A file of a case the caller may read (else 404, the file too). Each download is on the
 * audit trail: attachments carry ID card scans and signed agreements, logged like any
 * view of full personal data.
 */
export const downloadAttachment = async (opts: { platform: Platform; actor: Actor & { principal: Principal }; caseId: string; attachmentId: string }): Promise<Download> => {
  const { platform, actor, caseId, attachmentId } = opts;
  const opened: { stream: Readable | null } = { stream: null };
  try {
    return await runScoped(platform, actor, async (tx) => {
      const { head } = await loadCaseHead(caseCtxOf(platform, tx), caseId);
      const row = await findAttachment(tx.client, caseId, attachmentId);
      if (!row) throw new AppError('NOT_FOUND');
      opened.stream = await platform.files.get(row.storage_key);
      if (!opened.stream) throw new Error(`file store: attachment ${row.id} (key ${row.storage_key}) is missing; restore the files backup`);
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.attachment.download', entity: 'case', entityId: caseId,
        after: { attachmentId: row.id, name: row.file_name } });
      return { fileName: row.file_name, contentType: row.content_type, size: Number(row.size), stream: opened.stream };
    });
  } catch (e) {
    opened.stream?.destroy();
    throw e;
  }
};
