import type {
  CameraCreated, CameraList, CameraQuery, CameraUpdateBody, CameraView, CameraViewBody, CameraViewGranted, RegisterKindList, SafetyPersonBody, SafetyPersonCreated,
  SafetyPersonList, SafetyPersonQuery, SafetyPersonRevealed, SafetyPersonView, SafetyVisitBody,
} from '@fazhi/contracts';
import { api, toQuery } from '../../api/client.ts';

export const fetchRegisterKinds = () => api.get<RegisterKindList>('/safety/register-kinds');
export const fetchPersons = (q: SafetyPersonQuery) => api.get<SafetyPersonList>(`/safety/persons${toQuery({ ...q, overdue: q.overdue ? 'true' : undefined })}`);
export const createPerson = (body: SafetyPersonBody) => api.post<SafetyPersonCreated>('/safety/persons', body);
/** Opening a person's page is logged on the server. */
export const fetchPerson = (id: string) => api.get<SafetyPersonView>(`/safety/persons/${id}`);
/** The whole personal data: a POST, logged as a pii.view. */
export const revealPerson = (id: string) => api.post<SafetyPersonRevealed>(`/safety/persons/${id}/reveal`);
export const addVisit = (id: string, body: SafetyVisitBody) => api.post<SafetyPersonView>(`/safety/persons/${id}/visits`, body);

export const fetchCameras = (q: CameraQuery) => api.get<CameraList>(`/safety/cameras${toQuery({ ...q, filingOverdue: q.filingOverdue ? 'true' : undefined })}`);
export const fetchCamera = (id: string) => api.get<CameraView>(`/safety/cameras/${id}`);
export const updateCamera = (id: string, body: CameraUpdateBody) => api.patch<CameraCreated>(`/safety/cameras/${id}`, body);
/** A view is recorded with its reason before any stream is returned. */
export const requestCameraView = (id: string, body: CameraViewBody) => api.post<CameraViewGranted>(`/safety/cameras/${id}/views`, body);
