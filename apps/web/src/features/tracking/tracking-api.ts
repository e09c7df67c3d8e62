import type { RatingBody, TrackLookup, TrackQuery } from '@fazhi/contracts';
import { api } from '../../api/client.ts';

/** Public: no session, so a 401 is never expected and never redirects to the staff sign-in. */
export const trackCase = (q: TrackQuery) => api.post<TrackLookup>('/public/track', q, { skipAuthRedirect: true });
export const rateCase = (body: RatingBody) => api.post<void>('/public/track/rating', body, { skipAuthRedirect: true });
