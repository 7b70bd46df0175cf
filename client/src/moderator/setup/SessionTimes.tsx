import { clockIn, fromZonedInput, toZonedInput } from '../../../../shared/schedule.ts';
import type { Session } from '../../lib/types.ts';

/** Start and end as <input type="datetime-local"> values in the event's zone; '' is unset. */
export interface TimesDraft {
  start: string;
  end: string;
}

export const timesOf = (session: Session | null, zone: string): TimesDraft => ({
  start: toZonedInput(session?.startsAt ?? null, zone),
  end: toZonedInput(session?.endsAt ?? null, zone),
});

/** The draft as the API takes it, or a problem to show instead. */
export function timesBody(
  draft: TimesDraft,
  zone: string,
): { startsAt: string | null; endsAt: string | null } | { problem: string } {
  const startsAt = draft.start ? fromZonedInput(draft.start, zone) : null;
  const endsAt = draft.end ? fromZonedInput(draft.end, zone) : null;
  if (draft.start && !startsAt) return { problem: 'The start is not a date and time.' };
  if (draft.end && !endsAt) return { problem: 'The end is not a date and time.' };
  if (endsAt && !startsAt) return { problem: 'Give a start as well as an end.' };
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
    return { problem: 'The end must be after the start.' };
  return { startsAt, endsAt };
}

/** "Sat 1 Jun 09:30–10:15" in the event's zone, or null when the session is not on the schedule. */
export function timeRange(session: Session, zone: string): string | null {
  if (!session.startsAt) return null;
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(new Date(session.startsAt));
  const end = session.endsAt ? `–${clockIn(session.endsAt, zone)}` : '';
  return `${day} ${clockIn(session.startsAt, zone)}${end}`;
}

export function SessionTimesFields({
  draft,
  onChange,
  zone,
  idPrefix,
}: {
  draft: TimesDraft;
  onChange: (next: TimesDraft) => void;
  zone: string;
  idPrefix: string;
}) {
  return (
    <div className="field-row">
      <label className="field">
        <span>Starts ({zone})</span>
        <input
          type="datetime-local"
          data-testid={`${idPrefix}-starts`}
          value={draft.start}
          onChange={(e) => onChange({ ...draft, start: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Ends ({zone})</span>
        <input
          type="datetime-local"
          data-testid={`${idPrefix}-ends`}
          value={draft.end}
          onChange={(e) => onChange({ ...draft, end: e.target.value })}
        />
      </label>
    </div>
  );
}
