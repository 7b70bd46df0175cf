import type { Db } from '../db/database.ts';
import type { Session } from '../../shared/schemas/sessions.ts';
import { createPatcher } from '../lib/sql.ts';

export interface SessionRow {
  id: number;
  event_id: number;
  title: string;
  speaker: string;
  room: string;
  tag: string | null;
  starts_at: string | null;
  ends_at: string | null;
  live: number;
  questions_open: number;
  speaker_key_hash: string;
  created_at: string;
}

export type SessionInsert = Omit<SessionRow, 'id'>;
export type SessionPatch = Partial<Omit<SessionRow, 'id' | 'event_id' | 'created_at'>>;

export function presentSession(row: SessionRow): Session {
  return {
    id: row.id,
    eventId: row.event_id,
    title: row.title,
    speaker: row.speaker,
    room: row.room,
    tag: row.tag,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    live: row.live === 1,
    questionsOpen: row.questions_open === 1,
  };
}

export function createSessionsRepository(db: Db) {
  const byId = db.prepare<[number], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const byEvent = db.prepare<[number], SessionRow>(
    'SELECT * FROM sessions WHERE event_id = ? ORDER BY starts_at IS NULL, starts_at, id',
  );
  const byKeyHash = db.prepare<[string], SessionRow>(
    'SELECT * FROM sessions WHERE speaker_key_hash = ?',
  );
  const liveInRoom = db.prepare<[number, string], SessionRow>(
    'SELECT * FROM sessions WHERE event_id = ? AND room = ? AND live = 1',
  );
  const byTag = db.prepare<[number, string], SessionRow>(
    'SELECT * FROM sessions WHERE event_id = ? AND tag = ?',
  );
  const liveInEvent = db.prepare<[number], SessionRow>(
    'SELECT * FROM sessions WHERE event_id = ? AND live = 1 ORDER BY id',
  );
  const insert = db.prepare<SessionInsert>(`INSERT INTO sessions (
      event_id, title, speaker, room, tag, starts_at, ends_at, live, questions_open, speaker_key_hash, created_at
    ) VALUES (
      @event_id, @title, @speaker, @room, @tag, @starts_at, @ends_at, @live, @questions_open, @speaker_key_hash, @created_at
    )`);
  const patch = createPatcher<SessionRow>(db, 'sessions', [
    'title',
    'speaker',
    'room',
    'tag',
    'starts_at',
    'ends_at',
    'live',
    'questions_open',
    'speaker_key_hash',
  ]);

  const remove = db.prepare<[number]>('DELETE FROM sessions WHERE id = ?');
  const roomSchedule = db.prepare<[number, string], string>(
    'SELECT settled_at FROM room_schedule WHERE event_id = ? AND room = ?',
  );
  const settle = db.prepare<[number, string, string]>(
    `INSERT INTO room_schedule (event_id, room, settled_at) VALUES (?, ?, ?)
     ON CONFLICT (event_id, room) DO UPDATE SET settled_at = excluded.settled_at`,
  );
  const timedEvents = db
    .prepare<[], number>('SELECT DISTINCT event_id FROM sessions WHERE starts_at IS NOT NULL')
    .pluck();

  return {
    /** The session's questions (and their votes) go with it. */
    delete: (id: number): boolean => remove.run(id).changes > 0,
    /** The latest schedule boundary settled in a room (see room_schedule), or null. */
    settledAt: (eventId: number, room: string): string | null =>
      roomSchedule.pluck().get(eventId, room) ?? null,
    settle(eventId: number, room: string, at: string): void {
      settle.run(eventId, room, at);
    },
    /** Events with at least one session on the schedule. */
    eventsWithSchedule: (): number[] => timedEvents.all(),
    findById: (id: number): SessionRow | null => byId.get(id) ?? null,
    findBySpeakerKeyHash: (hash: string): SessionRow | null => byKeyHash.get(hash) ?? null,
    listByEvent: (eventId: number): SessionRow[] => byEvent.all(eventId),
    findLiveInRoom: (eventId: number, room: string): SessionRow | null =>
      liveInRoom.get(eventId, room) ?? null,
    listLive: (eventId: number): SessionRow[] => liveInEvent.all(eventId),
    findByTag: (eventId: number, tag: string): SessionRow | null => byTag.get(eventId, tag) ?? null,
    create(row: SessionInsert): SessionRow {
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    update(id: number, changes: SessionPatch): SessionRow | null {
      patch(id, changes);
      return byId.get(id) ?? null;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
