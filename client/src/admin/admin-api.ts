import { api } from '../lib/api.ts';
import type {
  ClearedActivity,
  CreateEventBody,
  EventAccess,
  EventAccessList,
  KeyKind,
  Ok,
} from '../lib/types.ts';

const enc = encodeURIComponent;

/** Every event with its keys and links (admin token only). */
export function listEvents(token: string) {
  return api<EventAccessList>('/api/events', { token });
}

/** Makes an event; the answer has the same shape as a listed one. */
export function createEvent(token: string, body: CreateEventBody) {
  return api<EventAccess>('/api/events', { method: 'POST', body, token });
}

/** Deletes an event with everything in it. */
export function deleteEvent(token: string, eventId: number) {
  return api<Ok>(`/api/events/${enc(eventId)}`, { method: 'DELETE', token });
}

/** Clears a rehearsal: the event, its sessions and keys stay. */
export function clearActivity(token: string, eventId: number) {
  return api<ClearedActivity>(`/api/events/${enc(eventId)}/clear-activity`, {
    method: 'POST',
    token,
  });
}

/** Replaces an event's keys (all kinds when `keys` is left out); answers with the new links. */
export function rotateKeys(token: string, eventId: number, keys?: KeyKind[]) {
  return api<EventAccess>(`/api/events/${eventId}/keys/rotate`, {
    method: 'POST',
    body: keys ? { keys } : {},
    token,
  });
}
