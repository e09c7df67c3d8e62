import type { AttachmentView } from '@fazhi/contracts';
import type { AttachmentRow } from './attachments.repository.ts';

export const presentAttachment = (r: AttachmentRow, canDelete: boolean): AttachmentView => ({
  id: r.id, fileName: r.file_name, size: Number(r.size), contentType: r.content_type, sm3: r.sm3,
  uploadedBy: r.uploader_name, createdAt: r.created_at.toISOString(), canDelete,
});
