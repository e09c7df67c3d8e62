import type { Client } from '../../../platform/db/pools.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { AppError } from '../../../platform/errors.ts';

type Step = Record<string, unknown>;

/** Everything a decision's documents are filled from: the engine's record of its steps and their days, and the answered comments (never who wrote them). */
export type DecisionFile = {
  caseId: string; ref: string; title: string; category: string | null; body: string; township: string; orgName: string;
  steps: Readonly<Record<string, Step>>;
  /** The day each transition was last taken. */
  on: ReadonlyMap<string, string>;
  facts: { meeting?: { membersDue: number; present: number; needed: number; rule: string; quorate: boolean; againstMajority: boolean } };
  comments: { body: string; answer: string; adoption: string }[];
  commentCount: number;
  /** No sealed personal data is printed. */
  parties: { id: string; sealedFields: string[] }[];
};

/** Loads a decision for its documents, in the caller's transaction (row-level security applies). */
export const loadDecisionFile = async (c: Client, _keys: FieldKeys, caseId: string): Promise<DecisionFile> => {
  const k = (await c.query<{ id: string; ref: string; title: string; category: string | null; body: string; township: string; org_name: string; steps: Record<string, Step>; facts: DecisionFile['facts'] }>(
    `SELECT k.id, k.ref, k.title, k.category, k.body, t.name AS township, o.name AS org_name, k.steps, k.facts
       FROM cases k JOIN orgs o ON o.id = k.org_id JOIN orgs t ON t.id = k.township_id WHERE k.id = $1 AND k.case_type = 'decision'`, [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const days = (await c.query<{ transition: string; on: string }>(
    `SELECT transition, coalesce(payload ->> 'on', to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS on FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id`, [caseId])).rows;
  const comments = (await c.query<{ body: string; answer: string | null; adoption: string | null }>(
    'SELECT body, answer, adoption FROM decision_comments WHERE case_id = $1 ORDER BY submitted_at, id', [caseId])).rows;
  return {
    caseId: k.id, ref: k.ref, title: k.title, category: k.category, body: k.body, township: k.township, orgName: k.org_name,
    steps: k.steps, on: new Map(days.map((d) => [d.transition, d.on])), facts: k.facts,
    comments: comments.flatMap((x) => (x.answer && x.adoption ? [{ body: x.body, answer: x.answer, adoption: x.adoption }] : [])),
    commentCount: comments.length, parties: [],
  };
};
