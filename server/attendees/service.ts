import { attendeeName } from '../../shared/askers.ts';
import type { DomainDeps } from '../context.ts';
import { hashToken, newAttendeeToken } from '../auth/keys.ts';
import { isReservedName } from '../../shared/names.ts';
import { AppError, forbidden, unauthorized } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { refuseIfBlocked } from '../moderation/authors.ts';
import type { Attendee, Me } from '../../shared/schemas/attendees.ts';
import type { Question } from '../../shared/schemas/questions.ts';
import { requireAttendee } from '../auth/guards.ts';
import type { Principal } from '../auth/principal.ts';
import { presentAttendee, type AttendeeRow } from './repository.ts';

/** Where a join came from, as keyed hashes: a browser's device cookie and the network address. */
export interface JoinOrigin {
  deviceHash: string | null;
  addressHash: string | null;
}

const NOWHERE: JoinOrigin = { deviceHash: null, addressHash: null };

/**
 * An address from which at most this many identities joined the event (counting the new one)
 * is taken to be one person's (a home line, a phone's mobile connection); a venue's NAT, shared
 * by hundreds, is not, and a block does not follow anyone through it.
 */
export const PERSONAL_ADDRESS_MAX = 3;

/** What the attendees service uses: its repositories, the broadcaster, and the caller's questions. */
export interface AttendeesDeps extends Pick<DomainDeps, 'repos' | 'broadcast'> {
  myQuestions: (attendee: AttendeeRow) => Question[];
}

export function createAttendeesService({ repos, broadcast, myQuestions }: AttendeesDeps) {
  /** A name that imitates staff or the event is refused (shared/names.ts). */
  function refuseReservedName(eventId: number, displayName: string | null): void {
    if (displayName === null) return;
    if (isReservedName(displayName, repos.events.findById(eventId)?.name))
      throw new AppError(
        400,
        'name_reserved',
        'That name is kept for the event’s staff: choose another one',
      );
  }

  /**
   * Why a new identity inherits a block: the browser that joined it (its device cookie) made a
   * blocked identity before, or its address did and that address is one person's.
   */
  function inheritedBlock(eventId: number, origin: JoinOrigin) {
    if (origin.deviceHash) {
      const sibling = repos.attendees.blockedSibling(eventId, 'device', origin.deviceHash);
      if (sibling) return { sibling, reason: 'same_device' as const };
    }
    if (
      origin.addressHash &&
      repos.attendees.countFromAddress(eventId, origin.addressHash, PERSONAL_ADDRESS_MAX + 1) <=
        PERSONAL_ADDRESS_MAX
    ) {
      const sibling = repos.attendees.blockedSibling(eventId, 'address', origin.addressHash);
      if (sibling) return { sibling, reason: 'same_address' as const };
    }
    return null;
  }

  return {
    /** Joins an event; the token is returned once and only its hash is kept. */
    join(
      eventId: number,
      displayName: string | null,
      origin: JoinOrigin = NOWHERE,
    ): { attendee: AttendeeRow; token: string } {
      refuseReservedName(eventId, displayName);
      const token = newAttendeeToken();
      const attendee = repos.attendees.create(
        eventId,
        displayName,
        hashToken(token),
        nowIso(),
        origin,
      );
      const inherited = inheritedBlock(eventId, origin);
      if (inherited) {
        const authorKey = `attendee:${attendee.id}`;
        const shown = attendeeName(displayName ?? inherited.sibling.display_name);
        repos.authors.set(eventId, authorKey, shown, 'blocked', nowIso());
        repos.log.append({
          eventId,
          actor: 'system',
          action: 'author_block',
          itemType: 'attendee',
          itemId: null,
          detail: {
            authorKey,
            displayName: shown,
            reason: inherited.reason,
            sameAs: `attendee:${inherited.sibling.id}`,
          },
        });
        broadcast.authorRuled({ eventId, authorKey, displayName: shown, rule: 'blocked' });
      }
      return { attendee, token };
    },
    /** The calling attendee and their own questions (an attendee token of any event). */
    me(principal: Principal): Me {
      if (principal.kind === 'anonymous') throw unauthorized('An attendee token is required');
      if (principal.kind !== 'attendee') throw forbidden('Only an attendee token has a /me');
      const { attendee } = principal;
      return { attendee: presentAttendee(attendee), questions: myQuestions(attendee) };
    },
    /** An attendee changes the name shown with their posts and questions. */
    rename(principal: Principal, eventId: number, displayName: string | null): Attendee {
      const { attendee } = requireAttendee(principal, eventId);
      refuseIfBlocked(repos.authors, attendee.event_id, attendee.id);
      refuseReservedName(attendee.event_id, displayName);
      return presentAttendee(repos.attendees.rename(attendee.id, displayName)!);
    },
  };
}

export type AttendeesService = ReturnType<typeof createAttendeesService>;
