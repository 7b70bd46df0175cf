import type { Session } from './types.ts';

export const sameRoom = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The live session of the attendee's room (the room whose screen they scanned), else the live
 * session of any room, else the next one to start, else the first.
 */
export function defaultSession(sessions: Session[], room: string | null = null): Session | null {
  const live = sessions.filter((s) => s.live);
  const inRoom = room ? live.find((s) => sameRoom(s.room, room)) : undefined;
  return (
    inRoom ??
    live[0] ??
    sessions.find((s) => s.startsAt && Date.parse(s.startsAt) > Date.now()) ??
    sessions[0] ??
    null
  );
}

/**
 * The room an attendee is in: `?room=` from the QR code on a room's screen, remembered for the
 * event so a reload or a later visit without it still opens on that room's talk.
 */
export function attendeeRoom(
  code: string,
  search: string,
  store: { get(key: string): string | null; set(key: string, value: string): void },
): string | null {
  const key = `bc:room:${code}`;
  const fromLink = new URLSearchParams(search).get('room')?.trim();
  if (fromLink) {
    store.set(key, fromLink.slice(0, 80));
    return fromLink.slice(0, 80);
  }
  return store.get(key);
}

export function sessionLabel(session: Session): string {
  const parts = [session.title];
  if (session.speaker) parts.push(session.speaker);
  if (session.room) parts.push(session.room);
  return `${parts.join(' · ')}${session.live ? ' (live)' : ''}`;
}

/** Normalised the way the server stores codes (JoinCode upper-cases). */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}
