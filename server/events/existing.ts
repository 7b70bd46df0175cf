import { requireModerator } from '../auth/guards.ts';
import type { Principal } from '../auth/principal.ts';
import { notFound } from '../lib/errors.ts';
import type { EventRow, EventsRepository } from './repository.ts';

type Events = Pick<EventsRepository, 'findById'>;

/** The event, or the 404 every path answers for an id that names none. */
export function existingEvent(events: Events, eventId: number): EventRow {
  const event = events.findById(eventId);
  if (!event) throw notFound('event_not_found', `No event with id ${eventId}`);
  return event;
}

/**
 * The event, for one of its moderators. A missing event is a 404 whoever asks (ids are not
 * secret); then anyone else is refused (401 without a credential, 403 with another).
 */
export function eventForModerator(events: Events, principal: Principal, eventId: number): EventRow {
  const event = existingEvent(events, eventId);
  requireModerator(principal, eventId);
  return event;
}
