import { named, type Client } from '../db/pools.ts';
import { hmacSm3, sm3 } from '../crypto/sm.ts';

export type AuditEntry = {
  actorId: string | null;
  orgId: string | null;
  townshipId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip: string | null;
  requestId: string | null;
};

const GENESIS = Buffer.alloc(32);
const SECRET_KEY = /pass(word)?|secret|token|_enc$|Enc$|_bidx$|Bidx$|hash$/i;

/** Drops secrets before anything reaches the trail: passwords, tokens, ciphertexts, hashes. */
export const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return undefined;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) continue;
      const r = redact(v);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return value;
};

/** JSON with sorted keys, so a value hashes the same after a round trip through jsonb. */
export const canonical = (value: unknown): string => {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export type ChainedFields = {
  chain: string; seq: number; at: Date; actorId: string | null; orgId: string | null; townshipId: string | null;
  action: string; entity: string; entityId: string | null; before: unknown; after: unknown;
  ip: string | null; requestId: string | null; prevHash: Buffer;
};

const linkInput = (f: ChainedFields): Buffer => Buffer.concat([f.prevHash, Buffer.from(canonical([
  f.chain, String(f.seq), f.at.toISOString(), f.actorId, f.orgId, f.townshipId, f.action, f.entity, f.entityId,
  f.before ?? null, f.after ?? null, f.ip, f.requestId,
]))]);

/** The old, unkeyed link: SM3 over the previous row's hash and every field of this row. Rows before a chain's cut-over only. */
export const rowHash = (f: ChainedFields): Buffer => sm3(linkInput(f));

/** The link of every row from a chain's cut-over on: HMAC-SM3 of the same input, keyed with the chain key. */
export const keyedRowHash = (key: Buffer, f: ChainedFields): Buffer => hmacSm3(key, linkInput(f));

/** The chain key: derived from the master key, never stored in the database. */
export const deriveAuditChainKey = (master: Buffer): Buffer => hmacSm3(master, 'fazhi/audit/chain');

let chainKey: Buffer | null = null;

/**
 * Sets the key the links are computed and verified with, from the master key. The platform
 * (createPlatform) and every command's database (openDatabase) call it; appending or
 * verifying without it fails rather than writing an unkeyed link.
 */
export const useAuditKey = (master: Buffer): void => { chainKey = deriveAuditChainKey(master); };

const requireKey = (): Buffer => {
  if (!chainKey) throw new Error('audit chain key not set (useAuditKey): the audit trail cannot be written or verified without the master key');
  return chainKey;
};

export const chainOf = (townshipId: string | null): string => townshipId ?? 'deployment';

/** The heads of some chains, locked by this transaction until it ends (readAuditHeads). */
export type AuditHeads = Map<string, { seq: number; hash: Buffer }>;

/** Creates the chains that are missing and locks each head until the transaction ends, in name order (two writers never deadlock). */
const lockHeads = async (client: Client, chains: readonly string[]): Promise<AuditHeads> => new Map((await client.query<{ chain: string; seq: number; hash: Buffer }>(named(
  'SELECT chain, seq, hash FROM fazhi_audit_heads($1::text[])', [chains]))).rows
  .map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));

/**
 * Locks the heads of the chains a change is about to append to, as a statement that can go
 * out with the change's others (sendTogether), and returns them for its append
 * (appendAudit's `locked`), which then needs no round trip of its own to read them
 * (createCase). Given to the append that follows in the same transaction and savepoint, never
 * kept: a rollback to a savepoint releases the locks.
 */
export const readAuditHeads = (client: Client, townshipIds: readonly (string | null)[]): Promise<AuditHeads> =>
  lockHeads(client, [...new Set(townshipIds.map(chainOf))].sort());

/**
 * Appends one row to the trail inside the caller's transaction: the audit row commits or
 * rolls back with the change it records. Locks only the head of its township's chain.
 */
export const appendAudit = (client: Client, entry: AuditEntry, locked?: AuditHeads): Promise<void> => appendAuditBatch(client, [entry], locked);

/**
 * Appends rows to the trail in the caller's transaction with two statements, whatever their
 * number: `fazhi_audit_heads` creates missing chains and locks each head once (chains in name
 * order, so two writers never deadlock), the rows are linked in order onto them here with the
 * chain key, and `fazhi_audit_append` — the only writer of the trail, owned by the owner role
 * (db/migrations/20261207100000_audit_append_function.sql) — checks that they continue their
 * chains, stores them and moves the heads. The request role cannot write the tables directly.
 * With `locked` (readAuditHeads, in the same transaction) the heads are not read again.
 */
export const appendAuditBatch = async (client: Client, entries: readonly AuditEntry[], locked?: AuditHeads): Promise<void> => {
  if (entries.length === 0) return;
  const key = requireKey();
  const chains = [...new Set(entries.map((e) => chainOf(e.townshipId)))].sort();
  // Heads the caller locked with readAuditHeads are not read again (a copy: the caller's stay as read).
  const heads = locked && chains.every((chain) => locked.has(chain)) ? new Map(locked) : await lockHeads(client, chains);
  const at = new Date();
  const rows = entries.map((entry) => {
    const chain = chainOf(entry.townshipId);
    const prev = heads.get(chain);
    if (!prev) throw new Error(`audit chain head ${chain} missing`);
    const fields: ChainedFields = {
      chain, seq: prev.seq + 1, at, actorId: entry.actorId, orgId: entry.orgId, townshipId: entry.townshipId,
      action: entry.action, entity: entry.entity, entityId: entry.entityId,
      before: entry.before === undefined ? null : redact(entry.before), after: entry.after === undefined ? null : redact(entry.after),
      ip: entry.ip, requestId: entry.requestId, prevHash: prev.hash,
    };
    const hash = keyedRowHash(key, fields);
    heads.set(chain, { seq: fields.seq, hash });
    return { ...fields, hash };
  });
  const col = <T>(f: (r: (typeof rows)[number]) => T): T[] => rows.map(f);
  await client.query(named(
    `SELECT fazhi_audit_append($1::text[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[],
                               $10::jsonb[], $11::jsonb[], $12::text[], $13::text[], $14::bytea[], $15::bytea[])`,
    [col((r) => r.chain), col((r) => r.seq), col((r) => r.at), col((r) => r.actorId), col((r) => r.orgId), col((r) => r.townshipId),
      col((r) => r.action), col((r) => r.entity), col((r) => r.entityId),
      col((r) => (r.before === null ? null : JSON.stringify(r.before))), col((r) => (r.after === null ? null : JSON.stringify(r.after))),
      col((r) => r.ip), col((r) => r.requestId), col((r) => r.prevHash), col((r) => r.hash)]));
};

export type BrokenRow = { id: string; chain: string; seq: string; reason: string };
export type VerifyResult = { ok: boolean; checked: number; broken: BrokenRow[] };

type StoredRow = {
  id: number; chain: string; seq: number; at: Date; actor_id: string | null; org_id: string | null; township_id: string | null;
  action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; ip: string | null;
  request_id: string | null; prev_hash: Buffer; hash: Buffer;
};

/**
 * Walks every chain in order and recomputes each link: unkeyed SM3 before the chain's
 * cut-over (keyed_from, the rows written before links were keyed), HMAC-SM3 with the chain
 * key from it on, so a row re-hashed by someone without the master key does not verify. Detects an edited row (its hash no
 * longer matches), a deleted row (a gap in seq, or a link to a hash that is not the previous
 * row's), and a deleted tail (the chain head is ahead of the last row). Reads in batches.
 */
export const verifyAudit = async (client: Client, batch = 2000): Promise<VerifyResult> => {
  const key = requireKey();
  const broken: BrokenRow[] = [];
  let checked = 0;
  const heads = (await client.query<{ chain: string; seq: number; hash: Buffer; keyed_from: number }>('SELECT chain, seq, hash, keyed_from FROM audit_chain_heads ORDER BY chain')).rows;
  const chains = new Set([...heads.map((h) => h.chain), ...(await client.query<{ chain: string }>('SELECT DISTINCT chain FROM audit_log')).rows.map((r) => r.chain)]);
  for (const chain of [...chains].sort()) {
    const keyedFrom = Number(heads.find((h) => h.chain === chain)?.keyed_from ?? 1);
    let expectSeq = 1;
    let prevHash: Buffer = GENESIS;
    let after = 0;
    for (;;) {
      const { rows } = await client.query<StoredRow>('SELECT * FROM audit_log WHERE chain = $1 AND seq > $2 ORDER BY seq LIMIT $3', [chain, after, batch]);
      for (const r of rows) {
        checked++;
        const at = { id: String(r.id), chain, seq: String(r.seq) };
        if (Number(r.seq) !== expectSeq) broken.push({ ...at, reason: `missing rows before this one (expected seq ${expectSeq})` });
        if (!r.prev_hash.equals(prevHash)) broken.push({ ...at, reason: 'link to the previous row does not match' });
        const fields: ChainedFields = {
          chain, seq: Number(r.seq), at: r.at, actorId: r.actor_id, orgId: r.org_id, townshipId: r.township_id, action: r.action,
          entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after, ip: r.ip, requestId: r.request_id, prevHash: r.prev_hash,
        };
        const recomputed = Number(r.seq) >= keyedFrom ? keyedRowHash(key, fields) : rowHash(fields);
        if (!recomputed.equals(r.hash)) broken.push({ ...at, reason: 'row content was changed after it was written' });
        prevHash = r.hash;
        expectSeq = Number(r.seq) + 1;
        after = Number(r.seq);
      }
      if (rows.length < batch) break;
    }
    const head = heads.find((h) => h.chain === chain);
    if (!head) broken.push({ id: '-', chain, seq: '-', reason: 'chain head missing' });
    else if (Number(head.seq) !== expectSeq - 1 || !head.hash.equals(prevHash)) {
      broken.push({ id: '-', chain, seq: String(head.seq), reason: `rows at the end of the chain were removed (head at ${head.seq}, last row ${expectSeq - 1})` });
    }
  }
  return { ok: broken.length === 0, checked, broken };
};
