import { describe, expect, it } from 'vitest';
import { attendeeRoom, defaultSession } from '../../client/src/lib/sessions.ts';
import type { Session } from '../../shared/schemas/sessions.ts';

const session = (
  id: number,
  room: string,
  live: boolean,
  startsAt: string | null = null,
): Session => ({
  id,
  eventId: 1,
  title: `Talk ${id}`,
  speaker: '',
  room,
  tag: null,
  startsAt,
  endsAt: null,
  live,
  questionsOpen: true,
});

describe("an attendee's default session", () => {
  const sessions = [
    session(1, 'Hall A', true),
    session(2, 'Hall B', true),
    session(3, 'Hall C', false),
  ];

  it('is the live talk of their room, whatever the case and spacing of the room name', () => {
    expect(defaultSession(sessions, 'hall b ')?.id).toBe(2);
  });

  it('falls back to any live talk when their room has none, or the room is unknown', () => {
    expect(defaultSession(sessions, 'Hall C')?.id).toBe(1);
    expect(defaultSession(sessions, null)?.id).toBe(1);
  });

  it('is the next talk to start when nothing is live, else the first', () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(defaultSession([session(1, 'A', false), session(2, 'B', false, later)])?.id).toBe(2);
    expect(defaultSession([session(1, 'A', false)])?.id).toBe(1);
    expect(defaultSession([])).toBeNull();
  });
});

describe("an attendee's room", () => {
  const memory = () => {
    const values = new Map<string, string>();
    return {
      get: (key: string) => values.get(key) ?? null,
      set: (key: string, value: string) => void values.set(key, value),
    };
  };

  it('comes from the link a room screen QR code carries, and is remembered for the event', () => {
    const store = memory();
    expect(attendeeRoom('ABC', '?room=Hall%20B', store)).toBe('Hall B');
    expect(attendeeRoom('ABC', '', store)).toBe('Hall B');
    expect(attendeeRoom('XYZ', '', store)).toBeNull();
    expect(attendeeRoom('ABC', '?room=Hall%20C', store)).toBe('Hall C');
  });
});
