import { createReadStream } from 'node:fs';
import type { AttachmentView } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { caseCtxOf, runScoped, type Actor, type Platform } from '../../../platform/platform.ts';
import { stageUpload, stagingDirOf, type StagedFile } from '../../../platform/files/staging.ts';
import { sniffFile } from '../../../platform/files/sniff.ts';
import { displayFileName } from '../../../platform/files/file-name.ts';
import { loadHandledCase } from '../attachment-access.ts';
import { appendCaseEvent, insertAttachment } from '../attachments.repository.ts';
import { presentAttachment } from '../attachments.presenter.ts';

/** The uploaded file as the route hands it over: read only after the caller is allowed. */
export type IncomingFile = { fileName: string; content: AsyncIterable<Buffer> };

export type UploadAttachmentOptions = {
  platform: Platform;
  actor: Actor & { principal: Principal };
  caseId: string;
  receive: () => Promise<IncomingFile>;
};

/**
 * Adds a file to a case. In order: the caller must be able to handle the case (before a
 * byte is read); the upload is staged, counted, hashed and its type sniffed (refused files
 * leave nothing behind); the bytes go to the file store; then the row, the timeline event
 * and the audit row are written in one transaction, which re-checks access. If that
 * transaction fails, the stored file is removed again; if storing fails, nothing is written.
 */
export const uploadAttachment = async ({ platform, actor, caseId, receive }: UploadAttachmentOptions): Promise<AttachmentView> => {
  await runScoped(platform, actor, (tx) => loadHandledCase(caseCtxOf(platform, tx), caseId));
  const incoming = await receive();
  const staged = await stageUpload(incoming.content, stagingDirOf(platform.config.dataDir), platform.config.maxUploadBytes);
  try {
    return await keep(platform, actor, caseId, incoming.fileName, staged);
  } finally {
    await staged.dispose();
  }
};

const keep = async (platform: Platform, actor: UploadAttachmentOptions['actor'], caseId: string, sentName: string, staged: StagedFile): Promise<AttachmentView> => {
  if (staged.size === 0) throw new AppError('FILE_EMPTY');
  const sniffed = await sniffFile(staged.path, sentName, staged.utf8Text);
  if (!sniffed.ok) throw new AppError('FILE_TYPE_NOT_ALLOWED', { detected: sniffed.detected });
  const fileName = displayFileName(sentName, sniffed.kind);
  const contentType = sniffed.kind.contentType;
  let key: string;
  const bytes = createReadStream(staged.path);
  try {
    key = await platform.files.put(bytes, { size: staged.size, sha256: staged.sha256, contentType });
  } catch (err) {
    platform.log.error({ err, store: platform.files.kind }, 'file store: put failed');
    throw new AppError('UNAVAILABLE');
  } finally {
    // A store that failed before reading to the end leaves the file open otherwise.
    bytes.destroy();
  }
  try {
    return await runScoped(platform, actor, async (tx) => {
      const head = await loadHandledCase(caseCtxOf(platform, tx), caseId);
      const row = { case_id: caseId, township_id: head.township_id, file_name: fileName, size: staged.size, content_type: contentType,
        sm3: staged.sm3, sha256: staged.sha256, storage_key: key, uploaded_by: actor.principal.userId };
      const { id, created_at } = await insertAttachment(tx.client, row);
      const facts = { attachmentId: id, name: fileName, size: staged.size, contentType, sm3: staged.sm3 };
      await appendCaseEvent(tx.client, { caseId, townshipId: head.township_id, actorId: actor.principal.userId, kind: 'attachment', payload: facts });
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.attachment.add', entity: 'case', entityId: caseId,
        after: { ...facts, sha256: staged.sha256 } });
      return presentAttachment({ ...row, id, created_at, uploader_name: actor.principal.displayName }, true);
    });
  } catch (e) {
    await platform.files.delete(key).catch((err: unknown) => platform.log.error({ err, key }, 'file store: could not remove the file of a failed upload'));
    throw e;
  }
};
