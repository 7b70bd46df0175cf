import type { ArchiveNaming, WithdrawBody } from '../../../shared/schemas/archive.ts';
import type { Profile, ProfileBody } from '../../../shared/schemas/people.ts';
import { api } from './api.ts';

/**
 * The public archive's writes: a moderator withdrawing an item, an attendee choosing a name and
 * (once named) their affiliation and link.
 */

export function setWithdrawn(eventId: number, token: string, body: WithdrawBody) {
  return api<WithdrawBody>(`/api/events/${eventId}/archive/withdrawn`, {
    method: 'POST',
    body,
    token,
  });
}

export function getArchiveNaming(eventId: number, token: string) {
  return api<ArchiveNaming>(`/api/events/${eventId}/attendees/me/archive`, { token });
}

export function setArchiveNaming(eventId: number, token: string, named: boolean) {
  return api<ArchiveNaming>(`/api/events/${eventId}/attendees/me/archive`, {
    method: 'PUT',
    body: { named },
    token,
  });
}

export function getProfile(eventId: number, token: string) {
  return api<Profile>(`/api/events/${eventId}/attendees/me/profile`, { token });
}

export function setProfile(eventId: number, token: string, body: ProfileBody) {
  return api<Profile>(`/api/events/${eventId}/attendees/me/profile`, {
    method: 'PUT',
    body,
    token,
  });
}
