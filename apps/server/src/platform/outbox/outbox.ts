import { randomUUID } from 'node:crypto';
import type { Client } from '../db/pools.ts';
import { openField, sealField, type FieldKeys } from '../crypto/sm.ts';
import { maskEmail, maskPhone } from '../crypto/mask.ts';
import { runSystem, type Platform } from '../platform.ts';
import { isMessageTemplate, messageTemplates, paramStrings, renderMessage, type MessageTemplate, type Params } from '../notifications/templates.ts';
import { disabledReason, type Channel, type Senders } from './senders.ts';
import { queueJob } from '../jobs/queue.ts';
import { classifyDatabaseError } from '../db/db-errors.ts';

/** The graphile-worker task that delivers one outbox row (platform/jobs/tasks.ts). */
export const DELIVER_TASK = 'outbox-deliver';

/** A row left in 'sending' this long belongs to a worker that died mid-send: it may be taken again. */
const LEASE_SECONDS = 600;
/** Exponential backoff between attempts: 1, 2, 4, 8 … minutes, never more than 6 hours. */
export const backoffSeconds = (attempt: number): number => Math.min(60 * 2 ** Math.max(0, attempt - 1), 6 * 3600);

export const maskRecipient = (channel: Channel, to: string): string => (channel === 'sms' ? maskPhone(to) : maskEmail(to));

export type Message = { channel: Channel; to: string; template: MessageTemplate; params: Params; townshipId: string | null };

/**
 * Queues the delivery job for an outbox row, in the caller's transaction (graphile-worker's
 * add_job is transactional: the job exists exactly when the row does). The job key keeps one
 * queued job per row however often it is scheduled.
 */
export const scheduleDelivery = async (c: Client, id: string, runAt: Date | null = null): Promise<void> => {
  await queueJob(c, DELIVER_TASK, { id }, { runAt, jobKey: `outbox:${id}`, maxAttempts: 5 });
};

/**
 * Puts a message in the outbox, inside the caller's transaction on the owner connection (the
 * request role has no access to the outbox or to the job queue). The text is rendered once
 * here, so a missing parameter fails the caller rather than the delivery. The recipient and
 * the template's secret parameters are sealed (个人信息保护法 第五十一条).
 */
export const enqueueMessage = async (c: Client, keys: FieldKeys, m: Message): Promise<string> => {
  renderMessage(m.template, m.params, 'zh');
  const secretNames: readonly string[] = messageTemplates[m.template].secret;
  const open: Params = {};
  const secret: Params = {};
  for (const [k, v] of Object.entries(m.params)) (secretNames.includes(k) ? secret : open)[k] = v;
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO outbox (township_id, channel, recipient_enc, template, params, secrets_enc) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
    [m.townshipId, m.channel, sealField(keys, m.to), m.template, JSON.stringify(open),
      Object.keys(secret).length > 0 ? sealField(keys, JSON.stringify(secret)) : null]);
  const id = rows[0]?.id ?? '';
  await scheduleDelivery(c, id);
  return id;
};

type Claimed = { id: string; channel: Channel; recipient_enc: Buffer; template: string; params: Params; secrets_enc: Buffer | null; attempts: number };

const describe = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${e.message} (${cause.code ?? cause.message ?? 'cause unknown'})` : e.message;
};

/** How long an outcome already reached is retried while the database is unreachable (a restart). */
const RECORD_FOR_MS = 120_000;

/**
 * Runs a write that records what already happened outside (an SMS the provider accepted),
 * again and again while the database is unavailable (1 s, 2 s, 4 s … at most 10 s apart, for
 * two minutes); any other error, or one past the two minutes, is thrown.
 */
export const untilRecorded = async <T>(write: () => Promise<T>, forMs = RECORD_FOR_MS, firstWaitMs = 1000): Promise<T> => {
  const until = Date.now() + forMs;
  for (let wait = firstWaitMs; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      return await write();
    } catch (e) {
      if (classifyDatabaseError(e) !== 'DATABASE_UNAVAILABLE' || Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
};

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'disabled' | 'skipped';

/**
 * Delivers one outbox row (the `outbox-deliver` job; tests call it directly). The row is
 * claimed ('sending', one more attempt, this delivery's token) in its own statement, so two
 * workers never send it together, and the provider call holds no transaction open. Then:
 * sent; or back to pending with the error and the next attempt after the backoff (a job is
 * queued for it); or, at FAZHI_OUTBOX_MAX_ATTEMPTS, failed, for an administrator to look at
 * and retry. A disabled channel leaves the row pending, attempts unchanged, with the reason.
 *
 * PostgreSQL restarting (docs/reliability.md) must not strand a row in 'sending': every
 * write here is retried while the database is unavailable (untilRecorded). A claim whose
 * answer was lost is taken again by its own token, once (attempts count it once); an outcome
 * is written as soon as the database is back. Only a delivery that gives up after two
 * minutes leaves its row for the sweep, after the lease.
 */
export const deliverOutbox = async (platform: Platform, senders: Senders, id: string): Promise<DeliveryOutcome> => {
  const { system, keys } = platform;
  const claim = randomUUID();
  const row = (await untilRecorded(() => system.query<Claimed>(
    `UPDATE outbox SET attempts = attempts + CASE WHEN status = 'sending' AND claim = $3 THEN 0 ELSE 1 END,
            status = 'sending', claim = $3, updated_at = now()
      WHERE id = $1 AND ((status = 'pending' AND next_attempt_at <= now())
                      OR (status = 'sending' AND (claim = $3 OR updated_at < now() - make_interval(secs => $2))))
      RETURNING id, channel, recipient_enc, template, params, secrets_enc, attempts`, [id, LEASE_SECONDS, claim]))).rows[0];
  if (!row) return 'skipped';
  const sender = senders[row.channel];
  if (!sender) {
    await untilRecorded(() => system.query(`UPDATE outbox SET status = 'pending', attempts = attempts - 1, claim = NULL, last_error = $2, updated_at = now() WHERE id = $1`, [id, disabledReason[row.channel]]));
    return 'disabled';
  }
  let to = '';
  let error: string | null = null;
  try {
    // Inside the try: a row that cannot be opened or rendered is a failed attempt like any other.
    to = openField(keys.fields, row.recipient_enc);
    if (!isMessageTemplate(row.template)) throw new Error(`unknown template "${row.template}"`);
    const secrets = row.secrets_enc ? (JSON.parse(openField(keys.fields, row.secrets_enc)) as Params) : {};
    const params = { ...row.params, ...secrets };
    const { subject, text } = renderMessage(row.template, params, 'zh');
    await sender.send({ id: row.id, to, template: row.template, params: paramStrings(params, 'zh'), subject, text });
  } catch (e) {
    // Providers echo the address in their errors; the list shows errors to administrators.
    const text = describe(e);
    error = (to ? text.replaceAll(to, maskRecipient(row.channel, to)) : text).slice(0, 500);
  }
  if (error === null) {
    // The provider has it: the record must say so even if the database went away meanwhile
    // (a restart during the send), or a retry would find it claimed and skip it, and the sweep
    // would send it a second time after the lease.
    await untilRecorded(() => system.query(`UPDATE outbox SET status = 'sent', sent_at = now(), claim = NULL, last_error = NULL, secrets_enc = NULL, updated_at = now() WHERE id = $1`, [id]));
    return 'sent';
  }
  if (row.attempts >= platform.config.outbox.maxAttempts) {
    await untilRecorded(() => system.query(`UPDATE outbox SET status = 'failed', claim = NULL, last_error = $2, updated_at = now() WHERE id = $1`, [id, error]));
    platform.log.warn({ outboxId: id, attempts: row.attempts }, 'outbox: message failed after the last attempt');
    return 'failed';
  }
  await untilRecorded(() => runSystem(platform, async (c) => {
    const { rows } = await c.query<{ next: Date }>(
      `UPDATE outbox SET status = 'pending', claim = NULL, last_error = $2, next_attempt_at = now() + make_interval(secs => $3), updated_at = now()
        WHERE id = $1 RETURNING next_attempt_at AS next`, [id, error, backoffSeconds(row.attempts)]);
    await scheduleDelivery(c, id, rows[0]?.next ?? null);
  }));
  return 'retry';
};

/**
 * Queues a job for every message that is due but has none: messages of a channel that was
 * just configured, and messages whose worker died mid-send. Runs at start and every 10 minutes.
 */
export const sweepOutbox = (platform: Platform, senders: Senders): Promise<number> => runSystem(platform, async (c) => {
  const channels = (['sms', 'email'] as const).filter((ch) => senders[ch] !== null);
  if (channels.length === 0) return 0;
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM outbox WHERE channel = ANY ($1::text[])
        AND ((status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND updated_at < now() - make_interval(secs => $2)))
      ORDER BY next_attempt_at LIMIT 1000`, [channels, LEASE_SECONDS]);
  for (const r of rows) await scheduleDelivery(c, r.id);
  return rows.length;
});

/**
 * An administrator sends a failed (or waiting) message again: a fresh set of attempts from
 * now, in the same transaction as its job. Sent messages and those being sent are left alone.
 * Returns the row's state before, or null when it does not exist.
 */
export const requeueMessage = async (c: Client, id: string): Promise<{ status: string; attempts: number } | 'not-retryable' | null> => {
  const before = (await c.query<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!before) return null;
  if (before.status !== 'failed' && before.status !== 'pending') return 'not-retryable';
  await c.query(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now() WHERE id = $1`, [id]);
  await scheduleDelivery(c, id);
  return before;
};
