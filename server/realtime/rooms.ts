/**
 * Room names, in one place: made here and read back here, never spelled elsewhere. Public rooms
 * carry only what the public may see; staff rooms carry every status. A socket is in exactly the
 * rooms its credential allows (see the connection handler in socket-server.ts).
 */
export const eventRoom = (eventId: number) => `event:${eventId}`;
export const moderatorRoom = (eventId: number) => `event:${eventId}:moderators`;
export const sessionRoom = (sessionId: number) => `session:${sessionId}`;
export const sessionStaffRoom = (sessionId: number) => `session:${sessionId}:staff`;
export const attendeeRoom = (attendeeId: number) => `attendee:${attendeeId}`;

export type Room =
  | { kind: 'event'; eventId: number }
  | { kind: 'moderators'; eventId: number }
  | { kind: 'session'; sessionId: number }
  | { kind: 'sessionStaff'; sessionId: number }
  | { kind: 'attendee'; attendeeId: number };

const PATTERN = /^(event|session|attendee):(\d+)(?::(moderators|staff))?$/;

/** What a room name says, or null for a name these helpers did not make (a socket's own id). */
export function parseRoom(name: string): Room | null {
  const match = PATTERN.exec(name);
  if (!match) return null;
  const [, scope, digits, suffix] = match;
  const id = Number(digits);
  if (scope === 'event' && suffix === undefined) return { kind: 'event', eventId: id };
  if (scope === 'event' && suffix === 'moderators') return { kind: 'moderators', eventId: id };
  if (scope === 'session' && suffix === undefined) return { kind: 'session', sessionId: id };
  if (scope === 'session' && suffix === 'staff') return { kind: 'sessionStaff', sessionId: id };
  if (scope === 'attendee' && suffix === undefined) return { kind: 'attendee', attendeeId: id };
  return null;
}

/** A session's audience or staff room: the rooms a socket leaves when it watches another session. */
export function isSessionRoom(name: string): boolean {
  const kind = parseRoom(name)?.kind;
  return kind === 'session' || kind === 'sessionStaff';
}

/** The event whose moderators meet in this room, or null when it is no moderator room. */
export function moderatorRoomEvent(name: string): number | null {
  const room = parseRoom(name);
  return room?.kind === 'moderators' ? room.eventId : null;
}
