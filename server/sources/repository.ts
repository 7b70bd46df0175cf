import type { SourceName } from '../../shared/schemas/sources.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../lib/time.ts';

/**
 * Where each outside source got to per event (source_state), and what it has brought in
 * (read from posts), so the status survives a restart.
 */
export function createSourcesRepository(db: Db) {
  const getCursor = db
    .prepare<[number, string], string>(
      'SELECT cursor FROM source_state WHERE event_id = ? AND source = ?',
    )
    .pluck();
  const putCursor = db.prepare<[number, string, string, string]>(
    `INSERT INTO source_state (event_id, source, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  const itemsSince = db
    .prepare<[number, string, string], number>(
      'SELECT count(*) FROM posts WHERE event_id = ? AND source = ? AND created_at >= ?',
    )
    .pluck();
  const lastItem = db
    .prepare<[number, string], string | null>(
      'SELECT max(created_at) FROM posts WHERE event_id = ? AND source = ?',
    )
    .pluck();

  const getSourceCursor = db
    .prepare<[string], string>('SELECT cursor FROM source_cursors WHERE source = ?')
    .pluck();
  const putSourceCursor = db.prepare<[string, string, string]>(
    `INSERT INTO source_cursors (source, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );

  return {
    /** A cursor that belongs to a connection rather than an event (Jetstream, a Mastodon timeline). */
    sourceCursor: (key: string): string | null => getSourceCursor.get(key) ?? null,
    setSourceCursor(key: string, cursor: string): void {
      putSourceCursor.run(key, cursor, nowIso());
    },
    cursor: (eventId: number, source: SourceName): string | null =>
      getCursor.get(eventId, source) ?? null,
    setCursor(eventId: number, source: SourceName, cursor: string): void {
      putCursor.run(eventId, source, cursor, nowIso());
    },
    itemsSince: (eventId: number, source: SourceName, since: string): number =>
      itemsSince.get(eventId, source, since) ?? 0,
    lastItemAt: (eventId: number, source: SourceName): string | null =>
      lastItem.get(eventId, source) ?? null,
  };
}

export type SourcesRepository = ReturnType<typeof createSourcesRepository>;
