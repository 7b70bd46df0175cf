/**
 * Sessions as a schedule: which session of a room the clock says is live, and the wall-clock
 * arithmetic of an event's time zone. Pure and zod-free, so the scheduler, the forms and the
 * report share one rule.
 */

export interface Scheduled {
  id: number;
  room: string;
  startsAt: string | null;
  endsAt: string | null;
}

const ms = (iso: string | null): number | null => {
  if (!iso) return null;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
};

/**
 * The session the schedule makes live in one room at `now`: started, not yet ended (a session
 * without an end runs until the next one starts), the latest start winning. Sessions without a
 * start time are not on the schedule. `sessions` must all be of that room.
 */
export function scheduledSession<S extends Scheduled>(sessions: S[], now: number): S | null {
  let best: S | null = null;
  let bestStart = -Infinity;
  for (const session of sessions) {
    const start = ms(session.startsAt);
    const end = ms(session.endsAt);
    if (start === null || start > now || (end !== null && end <= now)) continue;
    if (start > bestStart || (start === bestStart && best !== null && session.id > best.id)) {
      best = session;
      bestStart = start;
    }
  }
  return best;
}

/** The latest start or end in these sessions at or before `now`, or null before the first. */
export function lastBoundary(sessions: Scheduled[], now: number): number | null {
  let latest: number | null = null;
  for (const session of sessions) {
    if (ms(session.startsAt) === null) continue;
    for (const time of [ms(session.startsAt), ms(session.endsAt)]) {
      if (time !== null && time <= now && (latest === null || time > latest)) latest = time;
    }
  }
  return latest;
}

export const DEFAULT_TIME_ZONE = 'UTC';

/** True for an IANA zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(zone: string, at: number): Record<string, number> {
  let format = partsFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(zone: string, at: number): number {
  const p = partsIn(zone, at);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - (at - (at % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of an <input type="datetime-local"> in the zone: "2026-05-04T09:30". */
export function toZonedInput(iso: string | null, zone: string): string {
  const at = ms(iso);
  if (at === null) return '';
  const p = partsIn(zone, at);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
}

/**
 * A wall-clock time in the zone ("2026-05-04T09:30") as an ISO instant, or null when it is not
 * one. A time skipped by a daylight-saving change lands just after the change.
 */
export function fromZonedInput(value: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  if (Number.isNaN(wall)) return null;
  // Two passes: the offset at the first guess may differ from the one at the answer near a change.
  let at = wall - offsetAt(zone, wall);
  at = wall - offsetAt(zone, at);
  return new Date(at).toISOString();
}

/** "09:30" (24-hour) in the zone. */
export function clockIn(iso: string | null, zone: string): string {
  const at = ms(iso);
  if (at === null) return '';
  const p = partsIn(zone, at);
  return `${pad(p.hour!)}:${pad(p.minute!)}`;
}

/** "2026-05-04 09:30" in the zone: unambiguous and sortable, for reports. */
export function dateTimeIn(iso: string | null, zone: string): string {
  const at = ms(iso);
  if (at === null) return '';
  const p = partsIn(zone, at);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)} ${pad(p.hour!)}:${pad(p.minute!)}`;
}
