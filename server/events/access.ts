import type { EventAccess } from '../../shared/schemas/events.ts';
import type { Domain } from '../context.ts';
import { presentEvent, type EventRow } from './repository.ts';

/**
 * One event's keys and links, built in one place for everyone who hands them out: the admin
 * API (and so the admin page and `npm run events`) and the start banner.
 */
export function accessOf(domain: Domain, row: EventRow): EventAccess {
  return {
    event: presentEvent(row),
    ...domain.events.keysOf(row),
    links: domain.events.linksOf(row),
    sessions: domain.repos.sessions
      .listByEvent(row.id)
      .map((session) => domain.sessions.speakerAccessOf(session)),
  };
}

/** The admin page with the token in the fragment, which browsers never send to the server. */
export function adminPageLink(publicUrl: string, adminToken: string): string {
  return `${publicUrl}/admin#token=${encodeURIComponent(adminToken)}`;
}

/**
 * An event's links as text, aligned for a terminal: the start banner and `npm run events`
 * print the same lines. `maxSessions` keeps the banner short for an event with many talks.
 */
export function accessLines(
  access: EventAccess,
  { maxSessions = Infinity, keys = true }: { maxSessions?: number; keys?: boolean } = {},
): string[] {
  const { event, links } = access;
  const lines = [
    `Event "${event.name}"  join code ${event.code}`,
    `  Attendee app      ${links.attendee}`,
    `  Big screen        ${links.screen}`,
  ];
  if (!keys) {
    lines.push(`  Staff links       on the admin page, or: npm run events -- list`);
    return lines;
  }
  lines.push(`  Moderator console ${links.moderator}`);
  for (const { session, link } of access.sessions.slice(0, maxSessions)) {
    lines.push(`  Speaker view      ${link}   (session "${session.title}")`);
  }
  const more = access.sessions.length - maxSessions;
  if (more > 0)
    lines.push(
      `                    … and ${more} more session${more === 1 ? '' : 's'}: see the admin page or npm run events -- list`,
    );
  lines.push(`  Speaker, any talk ${links.speaker}`);
  lines.push(`  API key           ${access.apiKey}`);
  return lines;
}
