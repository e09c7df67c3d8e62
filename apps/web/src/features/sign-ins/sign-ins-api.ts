import type { SignInList, SignInQuery } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchSignIns = (query: SignInQuery) => api.get<SignInList>(`/sign-ins${toQuery(query)}`);
