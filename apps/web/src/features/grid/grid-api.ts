import type {
  CaseList, CaseQuery, GridEventBody, GridEventCreated, GridLinkedCase, GridMediationBody, GridMemberList, GridPetitionBody, GridPosition, MyGrids, PublicGridReportBody, PublicGridReportCreated,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

/** The desk's lists are the engine's case list, filtered to grid events (row-level security keeps a worker to his grid). */
export const fetchGridEvents = (query: Omit<CaseQuery, 'type'>) => api.get<CaseList>(`/cases${toQuery({ ...query, type: 'grid_event' })}`);
export const fetchMyGrids = () => api.get<MyGrids>('/grid/mine');
/** 转人民调解: a linked mediation case registered from the event (both parties' consent). */
export const referGridEventToMediation = (id: string, body: GridMediationBody) => api.post<GridLinkedCase>(`/grid/events/${id}/mediation`, body);
/** 转信访: a linked petition registered at the township's petition office. */
export const referGridEventToPetition = (id: string, body: GridPetitionBody) => api.post<GridLinkedCase>(`/grid/events/${id}/petition`, body);
/** The key makes a double tap (or a retry on a weak signal) return the first event. */
export const reportGridEvent = (body: GridEventBody, idempotencyKey: string) =>
  api.post<GridEventCreated>('/grid/events', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export const submitGridReport = (body: PublicGridReportBody, idempotencyKey: string) =>
  api.post<PublicGridReportCreated>('/public/grid/reports', body, { skipAuthRedirect: true, headers: { 'Idempotency-Key': idempotencyKey } });
export const fetchPublicGridMembers = () => api.get<GridMemberList>('/public/grid/members', { skipAuthRedirect: true });

/** The browser's position (WGS-84, as GPS gives it), or null when refused or unavailable. */
export const currentPosition = (): Promise<GridPosition | null> => new Promise((resolve) => {
  if (!('geolocation' in navigator)) { resolve(null); return; }
  navigator.geolocation.getCurrentPosition(
    (p) => resolve({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6 }),
    () => resolve(null), { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 });
});

/**
 * A photo shrunk on the phone before it is sent: at most 1600 px on the long side, JPEG, so a
 * 5 MB camera picture goes as a few hundred KB over a village's mobile signal.
 */
export const shrinkPhoto = async (file: File, maxSide = 1600, quality = 0.8): Promise<Blob> => {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('photo'))), 'image/jpeg', quality));
};
export const blobToDataUrl = (b: Blob): Promise<string> => new Promise((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(typeof r.result === 'string' ? r.result : '');
  r.onerror = () => reject(r.error ?? new Error('photo'));
  r.readAsDataURL(b);
});
