import type { Session } from './types.ts';

/** The live session of any room, else the next one to start, else the first. */
export function defaultSession(sessions: Session[]): Session | null {
  return sessions.find((s) => s.live) ?? sessions.find((s) => s.startsAt && Date.parse(s.startsAt) > Date.now()) ?? sessions[0] ?? null;
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
