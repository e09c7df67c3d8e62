import type { RatingBody, TrackQuery, TrackView } from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** Public: no session, so a 401 is never expected and never redirects to the staff sign-in. */
export const trackCase = (q: TrackQuery) => api.get<TrackView>(`/public/track${toQuery(q)}`, { skipAuthRedirect: true });
export const rateCase = (body: RatingBody) => api.post<void>('/public/track/rating', body, { skipAuthRedirect: true });
