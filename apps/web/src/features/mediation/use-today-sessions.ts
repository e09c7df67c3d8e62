import dayjs from 'dayjs';
import type { CaseRow } from '@fazhi/contracts';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchSessions, type SessionView } from './mediation-api.ts';

export type TodaySession = { session: SessionView; kase: CaseRow };

/**
 * Today's sessions of the given open cases. The server lists sessions per case only, so this
 * asks for each (a mediator has a handful of open cases; capped at 20).
 */
export const useTodaySessions = (cases: readonly CaseRow[] | undefined) => {
  const ids = (cases ?? []).slice(0, 20);
  return useRemote<TodaySession[]>(async () => {
    const lists = await Promise.all(ids.map(async (kase) => ({ kase, items: (await fetchSessions(kase.id)).items })));
    return lists
      .flatMap(({ kase, items }) => items.filter((s) => dayjs(s.heldAt).isSame(dayjs(), 'day')).map((session) => ({ session, kase })))
      .sort((a, b) => a.session.heldAt.localeCompare(b.session.heldAt));
  }, ids.map((c) => c.id).join(','));
};
