import { api, toQuery } from '../../api/client.ts';

/** One row of the sign-in log (contracts: SignInEvent). */
export type SignInEventView = {
  id: string;
  at: string;
  username: string;
  userId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
};
export type SignInQuery = { page: number; pageSize: number; username?: string; outcome?: string };

export const signInOutcomes = ['success', 'bad_password', 'locked', 'unknown_user', 'disabled'] as const;
export type SignInOutcome = (typeof signInOutcomes)[number];
export const isSignInOutcome = (v: string): v is SignInOutcome => (signInOutcomes as readonly string[]).includes(v);

export const fetchSignIns = (query: SignInQuery) =>
  api.get<{ items: SignInEventView[]; total: number }>(`/sign-ins${toQuery(query)}`);
