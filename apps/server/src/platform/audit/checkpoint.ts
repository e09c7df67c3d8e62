import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { Client } from '../db/pools.ts';
import { hmacSm3 } from '../crypto/sm.ts';
import { canonical, type BrokenRow } from './audit.ts';

/**
 * Signed checkpoints of the audit chains, kept outside the database (issue 10): every chain's
 * head (seq, hash, cut-over) signed with HMAC-SM3 under a key derived from the master key,
 * one file a day in `<FAZHI_DATA_DIR>/audit-checkpoints/YYYY-MM-DD.json` (or
 * FAZHI_AUDIT_CHECKPOINT_DIR). `fazhi audit verify` checks the latest one: every chain must
 * still hold the checkpointed row with the checkpointed hash, so a chain rewritten or cut
 * short from before the checkpoint is caught even by someone who holds the key, as long as
 * the files are copied off the machine (docs/operations.md).
 */

export type CheckpointChain = { chain: string; seq: number; hash: string; keyedFrom: number };
export type Checkpoint = { version: 1; at: string; chains: CheckpointChain[]; signature: string };

export const checkpointDir = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.FAZHI_AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints'));

const signingKey = (master: Buffer): Buffer => hmacSm3(master, 'fazhi/audit/checkpoint');
const sign = (master: Buffer, body: Omit<Checkpoint, 'signature'>): string => hmacSm3(signingKey(master), canonical(body)).toString('hex');

/** Writes today's checkpoint (replacing an earlier one of the same day) and returns its path. */
export const writeCheckpoint = async (client: Client, master: Buffer, dir: string, now = new Date()): Promise<{ file: string; chains: number }> => {
  const heads = (await client.query<{ chain: string; seq: number; hash: Buffer; keyed_from: number }>(
    'SELECT chain, seq, hash, keyed_from FROM audit_chain_heads ORDER BY chain')).rows;
  const body = {
    version: 1 as const, at: now.toISOString(),
    chains: heads.map((h) => ({ chain: h.chain, seq: Number(h.seq), hash: h.hash.toString('hex'), keyedFrom: Number(h.keyed_from) })),
  };
  const checkpoint: Checkpoint = { ...body, signature: sign(master, body) };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${body.at.slice(0, 10)}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return { file, chains: heads.length };
};

const NAME = /^\d{4}-\d{2}-\d{2}\.json$/;

/** The newest checkpoint file in dir, or null when there is none (or no folder). */
export const latestCheckpoint = (dir: string): string | null => {
  let names: string[];
  try { names = readdirSync(dir).filter((n) => NAME.test(n)).sort(); } catch { return null; }
  const last = names.at(-1);
  return last ? path.join(dir, last) : null;
};

export type CheckpointResult = { file: string | null; at: string | null; broken: BrokenRow[] };

/**
 * Checks the trail against the latest checkpoint: its signature, and for every chain in it
 * that the chain still has the checkpointed row with the checkpointed hash and the same
 * cut-over. No checkpoint yet is no finding (file null).
 */
export const verifyCheckpoint = async (client: Client, master: Buffer, dir: string): Promise<CheckpointResult> => {
  const file = latestCheckpoint(dir);
  if (!file) return { file: null, at: null, broken: [] };
  const at = { id: '-', seq: '-' };
  let cp: Checkpoint;
  try {
    cp = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch {
    return { file, at: null, broken: [{ ...at, chain: '-', reason: `checkpoint ${path.basename(file)} cannot be read` }] };
  }
  const { signature, ...body } = cp;
  const expected = sign(master, body);
  if (typeof signature !== 'string' || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return { file, at: cp.at, broken: [{ ...at, chain: '-', reason: `checkpoint ${path.basename(file)} has a wrong signature (edited, or written with another master key)` }] };
  }
  const broken: BrokenRow[] = [];
  const heads = new Map((await client.query<{ chain: string; seq: number; keyed_from: number }>('SELECT chain, seq, keyed_from FROM audit_chain_heads')).rows
    .map((h) => [h.chain, h]));
  // Every checkpointed row in one statement (one row per chain in the checkpoint; id null when it is gone).
  const marked = cp.chains.filter((c) => c.seq !== 0);
  const rows = new Map((await client.query<{ chain: string; id: number | null; hash: Buffer | null }>(
    `SELECT m.chain, l.id, l.hash FROM unnest($1::text[], $2::bigint[]) AS m(chain, seq)
       LEFT JOIN audit_log l ON l.chain = m.chain AND l.seq = m.seq`,
    [marked.map((c) => c.chain), marked.map((c) => c.seq)])).rows.map((r) => [r.chain, r]));
  const name = path.basename(file);
  for (const c of cp.chains) {
    const head = heads.get(c.chain);
    if (!head) { broken.push({ ...at, chain: c.chain, reason: `chain missing, checkpoint ${name} has it at seq ${c.seq}` }); continue; }
    if (Number(head.keyed_from) !== c.keyedFrom) broken.push({ ...at, chain: c.chain, reason: `cut-over to keyed links moved from seq ${c.keyedFrom} to ${head.keyed_from} since checkpoint ${name}` });
    if (c.seq === 0) continue;
    if (Number(head.seq) < c.seq) broken.push({ ...at, chain: c.chain, seq: String(head.seq), reason: `chain cut short: head at ${head.seq}, checkpoint ${name} has it at seq ${c.seq}` });
    const row = rows.get(c.chain);
    if (!row?.id || !row.hash) broken.push({ ...at, chain: c.chain, seq: String(c.seq), reason: `row seq ${c.seq} of checkpoint ${name} is gone` });
    else if (row.hash.toString('hex') !== c.hash) {
      broken.push({ id: String(row.id), chain: c.chain, seq: String(c.seq), reason: `chain rewritten: row seq ${c.seq} no longer has the hash of checkpoint ${name}` });
    }
  }
  return { file, at: cp.at, broken };
};
