import { forbidden, unauthorized } from '../lib/errors.ts';
import type { Principal } from './principal.ts';

/**
 * Authorisation rules, shared by HTTP routes and socket handlers. Each returns the narrowed
 * principal or throws: 401 when no credential was given, 403 when it was but does not reach.
 */
type Of<K extends Principal['kind']> = Extract<Principal, { kind: K }>;

function deny(principal: Principal): never {
  throw principal.kind === 'anonymous' ? unauthorized() : forbidden();
}

export function requireAdmin(principal: Principal): Of<'admin'> {
  if (principal.kind === 'admin') return principal;
  return deny(principal);
}

export function requireModerator(principal: Principal, eventId: number): Of<'moderator'> {
  if (principal.kind === 'moderator' && principal.eventId === eventId) return principal;
  return deny(principal);
}

/** A moderator of the event, or a speaker whose key covers this session. */
export function requireSessionStaff(
  principal: Principal,
  session: { id: number; eventId: number },
): Of<'moderator'> | Of<'speaker'> {
  if (principal.kind === 'moderator' && principal.eventId === session.eventId) return principal;
  if (
    principal.kind === 'speaker' &&
    principal.eventId === session.eventId &&
    (principal.sessionId === null || principal.sessionId === session.id)
  ) {
    return principal;
  }
  return deny(principal);
}

export function requireAttendee(principal: Principal, eventId: number): Of<'attendee'> {
  if (principal.kind === 'attendee' && principal.eventId === eventId) return principal;
  return deny(principal);
}

/** Who may post to an event's wall: its attendees and its API key. */
export function requirePoster(
  principal: Principal,
  eventId: number,
): Of<'attendee'> | Of<'apiKey'> {
  if (
    (principal.kind === 'attendee' || principal.kind === 'apiKey') &&
    principal.eventId === eventId
  ) {
    return principal;
  }
  return deny(principal);
}
