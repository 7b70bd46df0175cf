import type { DomainDeps } from '../context.ts';
import { hashToken, newAttendeeToken } from '../auth/keys.ts';
import { nowIso } from '../lib/time.ts';
import type { AttendeeRow } from './repository.ts';

export function createAttendeesService({ repos }: DomainDeps) {
  return {
    /** Joins an event; the token is returned once and only its hash is kept. */
    join(eventId: number, displayName: string | null): { attendee: AttendeeRow; token: string } {
      const token = newAttendeeToken();
      const attendee = repos.attendees.create(eventId, displayName, hashToken(token), nowIso());
      return { attendee, token };
    },
    rename(attendeeId: number, displayName: string | null): AttendeeRow | null {
      return repos.attendees.rename(attendeeId, displayName);
    },
  };
}

export type AttendeesService = ReturnType<typeof createAttendeesService>;
