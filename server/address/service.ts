import type { AddressNotice, PublicAddress } from '../../shared/schemas/address.ts';
import type { Role } from '../../shared/socket-events.ts';
import type { DomainDeps } from '../context.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { eventForModerator } from '../events/existing.ts';

const ACTION = 'address_notice';

/**
 * The public address clients build their links from, and the big screens' notice about it. A
 * moderator's dismissal is a logged decision, and the log is where it is kept: it holds for the
 * address it was made about, so a restart on another address shows the notice again.
 */
export function createAddressService({ config, repos, broadcast }: DomainDeps) {
  /** Per event: the address whose notice is dismissed, or null; read from the log once. */
  const dismissed = new Map<number, string | null>();

  function dismissedFor(eventId: number): string | null {
    if (!dismissed.has(eventId)) {
      const row = repos.log.latest(eventId, ACTION);
      const detail = row ? (JSON.parse(row.detail) as { url?: string; dismissed?: boolean }) : {};
      dismissed.set(eventId, detail.dismissed === true ? (detail.url ?? null) : null);
    }
    return dismissed.get(eventId)!;
  }

  function noticeOf(eventId: number): AddressNotice {
    return { noticeDismissed: dismissedFor(eventId) === config.publicUrl };
  }

  return {
    of(eventId: number, role: Role): PublicAddress {
      return {
        url: config.publicUrl,
        configured: config.publicUrlConfigured,
        lanUrl: role === 'moderator' && !config.publicUrlConfigured ? config.lanUrl : null,
        ...noticeOf(eventId),
      };
    },

    setNoticeDismissed(principal: Principal, eventId: number, on: boolean): AddressNotice {
      eventForModerator(repos.events, principal, eventId);
      if (noticeOf(eventId).noticeDismissed === on) return noticeOf(eventId);
      repos.log.append({
        eventId,
        actor: actorName(principal),
        action: ACTION,
        itemType: 'event',
        itemId: eventId,
        detail: { url: config.publicUrl, dismissed: on },
      });
      dismissed.set(eventId, on ? config.publicUrl : null);
      const notice = noticeOf(eventId);
      broadcast.addressNotice(eventId, notice);
      return notice;
    },
  };
}

export type AddressService = ReturnType<typeof createAddressService>;
