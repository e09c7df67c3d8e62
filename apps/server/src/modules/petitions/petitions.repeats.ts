import type { Client } from '../../platform/db/pools.ts';
import { blindIndex, type FieldKeys } from '../../platform/crypto/sm.ts';
import { segmentForIndex } from '../../platform/cases/search-text.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import type { IntakeCheckInput } from '../../platform/cases/definition.ts';

/** An earlier petition a new one may repeat. */
export type RepeatCandidate = {
  id: string; ref: string; title: string; status: string; receivedOn: string;
  /** The same petitioner: an ID number or phone whose blind index matches. */
  samePerson: boolean;
  /** Share of the new matter's words found in the earlier one's (0–1). */
  similarity: number;
  /** Accepted and still open (within its limit), or closed after 复核. */
  standing: 'in_hand' | 'final';
};

/** At or above this share of shared words, two matters are the same matter. */
export const SIMILAR = 0.5;

/** The words of a matter that say what it is about: two characters or more, without repeats. */
export const matterWords = (text: string): string[] =>
  [...new Set(segmentForIndex(text).split(' ').filter((w) => [...w].length >= 2))].slice(0, 64);

/**
 * Earlier petitions of the township that the new one may repeat: accepted and still within
 * their limit (open), or closed after 复核 (finalized), whose petitioner is the same person (the
 * blind index of the ID number or phone: the numbers themselves are sealed) or whose matter
 * shares at least half of its words (jieba words in the full-text index, the same words the
 * case search uses). Read in the caller's transaction: a clerk sees only what row-level security
 * lets them see.
 */
export const findRepeats = async (
  c: Client, keys: FieldKeys, townshipId: string, parties: IntakeCheckInput['parties'], text: string, exceptId: string | null = null,
): Promise<RepeatCandidate[]> => {
  const ids = parties.flatMap((p) => (p.idNumber ? [blindIndex(keys, p.idNumber)] : []));
  const phones = parties.flatMap((p) => (p.phone ? [blindIndex(keys, p.phone)] : []));
  const words = matterWords(text);
  const query = words.map((w) => `'${w.replace(/'/g, "''")}'`).join(' | ');
  const { rows } = await c.query<{ id: string; ref: string; title: string; status: string; received_on: string; same_person: boolean; shared: number }>(
    `SELECT k.id, k.ref, k.title, k.status, to_char(k.received_on, 'YYYY-MM-DD') AS received_on,
            EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = k.id AND (p.id_number_bidx = ANY($2::bytea[]) OR p.phone_bidx = ANY($3::bytea[]))) AS same_person,
            (SELECT count(DISTINCT w)::int FROM unnest(tsvector_to_array(k.search_tsv)) w WHERE w = ANY($4::text[])) AS shared
       FROM cases k
      WHERE k.case_type = 'petition' AND k.township_id = $1 AND ($6::uuid IS NULL OR k.id <> $6)
        AND ((k.status_kind = 'open' AND k.steps ? 'accept') OR k.status = 'finalized')
        AND (EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = k.id AND (p.id_number_bidx = ANY($2::bytea[]) OR p.phone_bidx = ANY($3::bytea[])))
             OR ($5 <> '' AND k.search_tsv @@ to_tsquery('simple', $5)))
      ORDER BY k.received_on DESC LIMIT 50`,
    [townshipId, ids, phones, words, query, exceptId]);
  return rows
    .map((r) => ({ id: r.id, ref: r.ref, title: r.title, status: r.status, receivedOn: r.received_on, samePerson: r.same_person,
      similarity: words.length === 0 ? 0 : Math.round((r.shared / words.length) * 100) / 100, standing: r.status === 'finalized' ? 'final' as const : 'in_hand' as const }))
    .filter((r) => r.samePerson || r.similarity >= SIMILAR);
};

/**
 * The intake rule (the case type's `intakeCheck`): the same petitioner's same matter (a similar
 * matter) already accepted and within its limit is not accepted again (信访工作条例 第十九条),
 * nor one closed after 复核 (第三十六条), unless the clerk registers it as a new matter and says
 * why (`newMatterReason`). A group visit sends at most 5 representatives (第二十条).
 */
export const checkPetitionIntake = async (ctx: CaseCtx, input: IntakeCheckInput): Promise<void> => {
  const d = input.data as { group?: boolean; representatives?: number; newMatterReason?: string; request?: string; facts?: string };
  if (d.group && (d.representatives ?? 0) > 5) throw new AppError('PETITION_GROUP_REPRESENTATIVES', { field: 'representatives' });
  if (d.newMatterReason && d.newMatterReason.trim() !== '') return;
  const repeats = await findRepeats(ctx.client, ctx.engine.keys, input.townshipId, input.parties, `${input.title} ${d.request ?? ''}`);
  const same = repeats.filter((r) => r.samePerson && r.similarity >= SIMILAR);
  const final = same.filter((r) => r.standing === 'final');
  if (final.length > 0) throw new AppError('PETITION_FINAL', { repeats: final.map((r) => ({ id: r.id, ref: r.ref })) });
  if (same.length > 0) throw new AppError('PETITION_REPEAT', { repeats: same.map((r) => ({ id: r.id, ref: r.ref })) });
};
