import type { Db } from '../db/database.ts';
import type { Attendee } from '../../shared/schemas/attendees.ts';

export interface AttendeeRow {
  id: number;
  event_id: number;
  display_name: string | null;
  token_hash: string;
  blocked: number;
  trusted: number;
  created_at: string;
}

export function presentAttendee(row: AttendeeRow): Attendee {
  return { id: row.id, eventId: row.event_id, displayName: row.display_name };
}

export function createAttendeesRepository(db: Db) {
  const byId = db.prepare<[number], AttendeeRow>('SELECT * FROM attendees WHERE id = ?');
  const byTokenHash = db.prepare<[string], AttendeeRow>('SELECT * FROM attendees WHERE token_hash = ?');
  const insert = db.prepare(
    'INSERT INTO attendees (event_id, display_name, token_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const rename = db.prepare('UPDATE attendees SET display_name = ? WHERE id = ?');

  return {
    findById: (id: number): AttendeeRow | null => byId.get(id) ?? null,
    findByTokenHash: (hash: string): AttendeeRow | null => byTokenHash.get(hash) ?? null,
    create(eventId: number, displayName: string | null, tokenHash: string, createdAt: string): AttendeeRow {
      const id = Number(insert.run(eventId, displayName, tokenHash, createdAt).lastInsertRowid);
      return byId.get(id)!;
    },
    rename(id: number, displayName: string | null): AttendeeRow | null {
      rename.run(displayName, id);
      return byId.get(id) ?? null;
    },
  };
}

export type AttendeesRepository = ReturnType<typeof createAttendeesRepository>;
