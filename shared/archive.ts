/**
 * When an event's public archive is open: a rule the server (pages, feeds, search, static
 * export) and the console (what the setting will do) share. Zod-free.
 *
 * - `off`: never.
 * - `now`: from now on.
 * - `after_end`: from the end of the event's last session: the latest `endsAt` of its sessions,
 *   a session without an end counting by its `startsAt`. An event whose sessions have no times
 *   has no end, and its archive does not open until the setting is changed to `now`.
 */
export const ARCHIVE_MODES = ['off', 'now', 'after_end'] as const;
export type ArchiveMode = (typeof ARCHIVE_MODES)[number];

export interface Timed {
  startsAt: string | null;
  endsAt: string | null;
}

/** The end of the event (ms since the epoch), or null when no session has a time. */
export function eventEndsAt(sessions: readonly Timed[]): number | null {
  let end: number | null = null;
  for (const session of sessions) {
    const at = Date.parse(session.endsAt ?? session.startsAt ?? '');
    if (!Number.isNaN(at) && (end === null || at > end)) end = at;
  }
  return end;
}

/** Whether the archive may be read at `now` (ms since the epoch). */
export function isArchiveOpen(mode: ArchiveMode, sessions: readonly Timed[], now: number): boolean {
  if (mode === 'now') return true;
  if (mode === 'off') return false;
  const end = eventEndsAt(sessions);
  return end !== null && now >= end;
}

/** The items a moderator can withdraw from the archive. */
export const ARCHIVE_ITEM_KINDS = ['post', 'question', 'answer'] as const;
export type ArchiveItemKind = (typeof ARCHIVE_ITEM_KINDS)[number];
