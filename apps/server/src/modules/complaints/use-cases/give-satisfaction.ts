import type { SatisfactionBody, SatisfactionOpen, SatisfactionResult } from '@fazhi/contracts';
import { AppError } from '../../../platform/errors.ts';
import { auditor, runSystem, type Actor, type Platform } from '../../../platform/platform.ts';
import { findTracked, type TrackGuard } from '../../../platform/cases/tracking.ts';
import { takeCitizenTransition } from '../../../platform/cases/transition.ts';

/** The states in which the complainant's rating is awaited. */
const awaiting = new Set(['replied', 'rereplied']);

type Miss = { ok: false; code: 'TRACK_NOT_FOUND' | 'TRACK_THROTTLED'; retryAfter?: number };
/**
 * A wrong pair is answered after the lookup's transaction commits, so that the failed
 * attempt it counted (the tracking throttle) is kept.
 */
const orThrow = <T>(r: { ok: true; value: T } | Miss): T => {
  if (r.ok) return r.value;
  throw new AppError(r.code, r.retryAfter !== undefined ? { retryAfter: r.retryAfter } : undefined);
};

/** Whether the tracked case is a complaint awaiting its complainant's rating (the tracking page asks, to show the form). */
export const satisfactionOpen = async (platform: Platform, no: string, code: string, guard: TrackGuard): Promise<SatisfactionOpen> =>
  orThrow<SatisfactionOpen>(await runSystem(platform, async (c) => {
    const found = await findTracked(c, no, code, guard);
    if (!found.ok) return found;
    const complaint = found.row.case_type === 'complaint';
    const open = complaint && awaiting.has(found.row.status);
    return { ok: true as const, value: { complaint, open, reopensIfUnsatisfied: open && found.row.status === 'replied' } };
  }));

/**
 * The complainant's satisfaction, from the tracking page (number and query code, under the
 * tracking throttle): 满意 or 基本满意 closes the complaint; 不满意 after the first reply reopens
 * it with a new reply clock (重办); after the second reply every grade closes it. Taken as the
 * citizen's step through the engine (takeCitizenTransition): dated today, public, audited.
 */
export const giveSatisfaction = async (platform: Platform, actor: Actor, b: SatisfactionBody, guard: TrackGuard): Promise<SatisfactionResult> =>
  orThrow<SatisfactionResult>(await runSystem(platform, async (c) => {
    const found = await findTracked(c, b.no, b.code, guard);
    if (!found.ok) return found;
    const row = found.row;
    if (row.case_type !== 'complaint' || !awaiting.has(row.status)) throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: row.status });
    const ctx = { client: c, actor, principal: null, audit: auditor(c, actor), engine: platform.cases };
    const comment = b.comment?.trim() || null;
    if (b.satisfaction === '不满意' && row.status === 'replied') {
      const r = await takeCitizenTransition(ctx, row.id, 'reopen', { reason: comment ?? '投诉人通过进度查询页面表示不满意' });
      return { ok: true as const, value: { status: r.status, reopened: true } };
    }
    const r = await takeCitizenTransition(ctx, row.id, 'close', { satisfaction: b.satisfaction, ...(comment ? { comment } : {}) });
    return { ok: true as const, value: { status: r.status, reopened: false } };
  }));
