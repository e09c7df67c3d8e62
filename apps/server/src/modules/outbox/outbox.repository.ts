import type { OutboxQuery, OutboxView } from '@fazhi/contracts';
import type { Client } from '../../platform/db/pools.ts';
import { openField, type FieldKeys } from '../../platform/crypto/sm.ts';
import { maskRecipient } from '../../platform/outbox/outbox.ts';

type Row = {
  id: string; township_id: string | null; channel: 'sms' | 'email'; recipient_enc: Buffer; template: string; params: Record<string, unknown>;
  status: OutboxView['status']; attempts: number; last_error: string | null; next_attempt_at: Date; sent_at: Date | null; created_at: Date;
};
const cols = 'id, township_id, channel, recipient_enc, template, params, status, attempts, last_error, next_attempt_at, sent_at, created_at';

/** The administrators' view: the recipient masked, secret parameters never (they are not in `params`). */
const present = (keys: FieldKeys, r: Row): OutboxView => ({
  id: r.id, townshipId: r.township_id, channel: r.channel, recipientMasked: maskRecipient(r.channel, openField(keys, r.recipient_enc)),
  template: r.template, params: r.params, status: r.status, attempts: r.attempts, lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at.toISOString(), sentAt: r.sent_at?.toISOString() ?? null, createdAt: r.created_at.toISOString(),
});

/** Owner connection: the outbox is platform-internal. Newest first. */
export const listOutbox = async (c: Client, keys: FieldKeys, q: OutboxQuery): Promise<{ items: OutboxView[]; total: number }> => {
  const pageSize = q.pageSize ?? 20;
  const filter = [q.status ?? null, q.channel ?? null];
  const where = '($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR channel = $2)';
  const total = Number((await c.query<{ n: number }>(`SELECT count(*) AS n FROM outbox WHERE ${where}`, filter)).rows[0]?.n ?? 0);
  const { rows } = await c.query<Row>(`SELECT ${cols} FROM outbox WHERE ${where} ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
    [...filter, pageSize, ((q.page ?? 1) - 1) * pageSize]);
  return { items: rows.map((r) => present(keys, r)), total };
};

export const readOutbox = async (c: Client, keys: FieldKeys, id: string): Promise<OutboxView | null> => {
  const r = (await c.query<Row>(`SELECT ${cols} FROM outbox WHERE id = $1`, [id])).rows[0];
  return r ? present(keys, r) : null;
};
