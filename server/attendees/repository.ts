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
  device_hash: string | null;
  address_hash: string | null;
}

export function presentAttendee(row: AttendeeRow): Attendee {
  return { id: row.id, eventId: row.event_id, displayName: row.display_name };
}

export function createAttendeesRepository(db: Db) {
  const byId = db.prepare<[number], AttendeeRow>('SELECT * FROM attendees WHERE id = ?');
  const byTokenHash = db.prepare<[string], AttendeeRow>(
    'SELECT * FROM attendees WHERE token_hash = ?',
  );
  const insert = db.prepare(
    `INSERT INTO attendees (event_id, display_name, token_hash, created_at, device_hash, address_hash)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const rename = db.prepare('UPDATE attendees SET display_name = ? WHERE id = ?');
  const blockedSibling = (column: 'device_hash' | 'address_hash') =>
    db.prepare<[number, string], { id: number; display_name: string | null }>(
      `SELECT a.id, a.display_name FROM attendees a
       JOIN author_rules r ON r.event_id = a.event_id AND r.author_key = 'attendee:' || a.id
       WHERE a.event_id = ? AND a.${column} = ? AND r.rule = 'blocked' LIMIT 1`,
    );
  const blockedByDevice = blockedSibling('device_hash');
  const blockedByAddress = blockedSibling('address_hash');
  const fromAddress = db
    .prepare<[number, string, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM attendees WHERE event_id = ? AND address_hash = ? LIMIT ?)',
    )
    .pluck();

  const removeByEvent = db.prepare<[number]>('DELETE FROM attendees WHERE event_id = ?');

  return {
    /** Rehearsal data cleared: the phones that joined join again with a fresh identity. */
    deleteByEvent: (eventId: number): number => removeByEvent.run(eventId).changes,
    findById: (id: number): AttendeeRow | null => byId.get(id) ?? null,
    findByTokenHash: (hash: string): AttendeeRow | null => byTokenHash.get(hash) ?? null,
    create(
      eventId: number,
      displayName: string | null,
      tokenHash: string,
      createdAt: string,
      origin: { deviceHash: string | null; addressHash: string | null },
    ): AttendeeRow {
      const id = Number(
        insert.run(
          eventId,
          displayName,
          tokenHash,
          createdAt,
          origin.deviceHash,
          origin.addressHash,
        ).lastInsertRowid,
      );
      return byId.get(id)!;
    },
    /** A blocked identity of the event that joined from this device, or this address. */
    blockedSibling(
      eventId: number,
      by: 'device' | 'address',
      hash: string,
    ): { id: number; display_name: string | null } | null {
      return (by === 'device' ? blockedByDevice : blockedByAddress).get(eventId, hash) ?? null;
    },
    /** How many identities of the event joined from this address, counting up to `upTo`. */
    countFromAddress: (eventId: number, hash: string, upTo: number): number =>
      fromAddress.get(eventId, hash, upTo) ?? 0,
    rename(id: number, displayName: string | null): AttendeeRow | null {
      rename.run(displayName, id);
      return byId.get(id) ?? null;
    },
  };
}

export type AttendeesRepository = ReturnType<typeof createAttendeesRepository>;
