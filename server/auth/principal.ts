import type { AttendeeRow, AttendeesRepository } from '../attendees/repository.ts';
import type { EventsRepository } from '../events/repository.ts';
import type { SessionsRepository } from '../sessions/repository.ts';
import { hashToken, safeEqual, TOKEN_PREFIX } from './keys.ts';

/** Who is calling, resolved from one bearer token. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | { kind: 'moderator'; eventId: number; name?: string }
  | { kind: 'speaker'; eventId: number; sessionId: number | null }
  | { kind: 'apiKey'; eventId: number }
  | { kind: 'attendee'; eventId: number; attendee: AttendeeRow };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export interface PrincipalDeps {
  adminToken: string;
  events: EventsRepository;
  sessions: SessionsRepository;
  attendees: AttendeesRepository;
}

/**
 * Resolves a token to a principal, or null when the token is present but matches nothing
 * (the caller answers 401). The prefix picks the one table to look in.
 */
export function createPrincipalResolver(deps: PrincipalDeps) {
  return function resolve(token: string | undefined | null): Principal | null {
    if (!token) return ANONYMOUS;
    if (token.length > 200) return null;
    if (token.startsWith(TOKEN_PREFIX.admin) || !/^bc[a-z]_/.test(token)) {
      return safeEqual(token, deps.adminToken) ? { kind: 'admin' } : null;
    }
    const hash = hashToken(token);
    if (token.startsWith(TOKEN_PREFIX.attendee)) {
      const attendee = deps.attendees.findByTokenHash(hash);
      return attendee ? { kind: 'attendee', eventId: attendee.event_id, attendee } : null;
    }
    if (token.startsWith(TOKEN_PREFIX.moderator)) {
      const event = deps.events.findByKeyHash('moderator', hash);
      return event ? { kind: 'moderator', eventId: event.id } : null;
    }
    if (token.startsWith(TOKEN_PREFIX.apiKey)) {
      const event = deps.events.findByKeyHash('apiKey', hash);
      return event ? { kind: 'apiKey', eventId: event.id } : null;
    }
    if (token.startsWith(TOKEN_PREFIX.speaker)) {
      const session = deps.sessions.findBySpeakerKeyHash(hash);
      if (session) return { kind: 'speaker', eventId: session.event_id, sessionId: session.id };
      const event = deps.events.findByKeyHash('speaker', hash);
      return event ? { kind: 'speaker', eventId: event.id, sessionId: null } : null;
    }
    return null;
  };
}

export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>;

/**
 * How the moderation log names an asker acting on their own question: never by identity, so the
 * log cannot tie an anonymous question to the attendee's posts or other questions.
 */
export const ASKER_ACTOR = 'asker';

/** How the moderation log names who acted. */
export function actorName(principal: Principal): string {
  switch (principal.kind) {
    case 'speaker':
      return principal.sessionId === null ? 'speaker' : `speaker:${principal.sessionId}`;
    case 'attendee':
      return `attendee:${principal.attendee.id}`;
    case 'moderator':
      return principal.name ? `moderator:${principal.name}` : 'moderator';
    default:
      return principal.kind;
  }
}
