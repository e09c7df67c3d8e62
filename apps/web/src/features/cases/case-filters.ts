import type { CaseQuery } from '@fazhi/contracts';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { PageState } from '../../shared/pagination.ts';

/** The query form's values. */
export type CaseFilterForm = {
  q?: string; type?: string; status?: string; orgId?: string; mine?: boolean; due?: 'soon' | 'overdue';
  received?: [Dayjs | null, Dayjs | null] | null;
  /** 已转出: the cases the caller's offices passed on and still read, in place of its own. */
  sent?: boolean;
};

/** A status choice is a state key, or `@open` / `@closed` / `@terminal` for every state of that kind. */
const kindPrefix = '@';
export const statusKinds = ['open', 'closed', 'terminal'] as const;
export const statusKindValue = (kind: (typeof statusKinds)[number]): string => `${kindPrefix}${kind}`;

const keys = ['q', 'type', 'status', 'orgId', 'mine', 'due', 'from', 'to', 'sent'] as const;

/**
 * The filters live in the address bar (?q=…&type=…), so 返回 from a case restores the list,
 * a list can be bookmarked, and a saved view is just the search string.
 */
export const formFromParams = (sp: URLSearchParams): CaseFilterForm => {
  const from = sp.get('from');
  const to = sp.get('to');
  const due = sp.get('due');
  return {
    q: sp.get('q') ?? undefined,
    type: sp.get('type') ?? undefined,
    status: sp.get('status') ?? undefined,
    orgId: sp.get('orgId') ?? undefined,
    mine: sp.get('mine') === '1',
    due: due === 'soon' || due === 'overdue' ? due : undefined,
    received: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
    sent: sp.get('sent') === '1',
  };
};

export const paramsFromForm = (v: CaseFilterForm, paging: PageState): URLSearchParams => {
  const sp = new URLSearchParams();
  const set = (k: string, value: string | undefined | null) => {
    if (value) sp.set(k, value);
  };
  set('q', v.q?.trim());
  set('type', v.type);
  set('status', v.status);
  set('orgId', v.orgId);
  if (v.mine) sp.set('mine', '1');
  if (v.sent) sp.set('sent', '1');
  set('due', v.due);
  set('from', v.received?.[0]?.format('YYYY-MM-DD'));
  set('to', v.received?.[1]?.format('YYYY-MM-DD'));
  if (paging.page > 1) sp.set('page', String(paging.page));
  if (paging.pageSize !== 10) sp.set('pageSize', String(paging.pageSize));
  return sp;
};

export const pagingFromParams = (sp: URLSearchParams): PageState => {
  const page = Number(sp.get('page'));
  const size = Number(sp.get('pageSize'));
  return { page: page >= 1 ? Math.floor(page) : 1, pageSize: [10, 20, 50].includes(size) ? size : 10 };
};

/** Only the filter part of the search string (what a saved view keeps). */
export const filterSearch = (sp: URLSearchParams): string => {
  const out = new URLSearchParams();
  for (const k of keys) {
    const v = sp.get(k);
    if (v) out.set(k, v);
  }
  return out.toString();
};

/** The API query for the list. */
export const apiQuery = (sp: URLSearchParams): CaseQuery => {
  const paging = pagingFromParams(sp);
  const status = sp.get('status') ?? undefined;
  const kind = status?.startsWith(kindPrefix) ? status.slice(kindPrefix.length) : undefined;
  const due = sp.get('due');
  return {
    ...paging,
    q: sp.get('q') ?? undefined,
    type: sp.get('type') ?? undefined,
    status: kind ? undefined : status,
    statusKind: kind === 'open' || kind === 'closed' || kind === 'terminal' ? kind : undefined,
    orgId: sp.get('orgId') ?? undefined,
    assignee: sp.get('mine') === '1' ? 'me' : undefined,
    due: due === 'soon' || due === 'overdue' ? due : undefined,
    from: sp.get('from') ?? undefined,
    to: sp.get('to') ?? undefined,
    transferred: sp.get('sent') === '1' ? 'out' : undefined,
  };
};
