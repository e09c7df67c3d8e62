import type { Client } from '../../platform/db/pools.ts';

export type AttachmentRow = {
  id: string; case_id: string; township_id: string; file_name: string; size: number; content_type: string;
  sm3: string; sha256: string; storage_key: string; uploaded_by: string | null; uploader_name: string | null; created_at: Date;
};

export type NewAttachment = Omit<AttachmentRow, 'id' | 'created_at' | 'uploader_name'>;

const columns = `a.id, a.case_id, a.township_id, a.file_name, a.size, a.content_type, a.sm3, a.sha256, a.storage_key, a.uploaded_by,
  u.display_name AS uploader_name, a.created_at`;

export const insertAttachment = async (c: Client, a: NewAttachment): Promise<{ id: string; created_at: Date }> => {
  const { rows } = await c.query<{ id: string; created_at: Date }>(
    `INSERT INTO case_attachments (case_id, township_id, file_name, size, content_type, sm3, sha256, storage_key, uploaded_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id, created_at`,
    [a.case_id, a.township_id, a.file_name, a.size, a.content_type, a.sm3, a.sha256, a.storage_key, a.uploaded_by]);
  const row = rows[0];
  if (!row) throw new Error('case_attachments insert returned nothing');
  return row;
};

/** A file on the case that has not been deleted; row-level security limits it to the caller's scope. */
export const findAttachment = async (c: Client, caseId: string, id: string, lock = false): Promise<AttachmentRow | null> => {
  const { rows } = await c.query<AttachmentRow>(
    `SELECT ${columns} FROM case_attachments a LEFT JOIN users u ON u.id = a.uploaded_by
      WHERE a.id = $1 AND a.case_id = $2 AND a.deleted_at IS NULL ${lock ? 'FOR UPDATE OF a' : ''}`, [id, caseId]);
  return rows[0] ?? null;
};

export const markAttachmentDeleted = async (c: Client, id: string, userId: string): Promise<void> => {
  await c.query('UPDATE case_attachments SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL', [id, userId]);
};

export { appendCaseEvent } from '../../platform/cases/events.ts';
