import { api } from '../lib/api.ts';
import type { CreateEventBody, EventAccess, EventAccessList } from '../lib/types.ts';

/** Every event with its keys and links (admin token only). */
export function listEvents(token: string) {
  return api<EventAccessList>('/api/events', { token });
}

/** Makes an event; the answer has the same shape as a listed one. */
export function createEvent(token: string, body: CreateEventBody) {
  return api<EventAccess>('/api/events', { method: 'POST', body, token });
}
