import type { Db } from '../db/database.ts';
import { nowIso } from '../lib/time.ts';

export interface LogEntry {
  eventId: number;
  actor: string;
  action: string;
  itemType: 'post' | 'question' | 'answer' | 'session' | 'event' | 'attendee';
  itemId: number | null;
  detail?: Record<string, unknown>;
}

export interface LogRow {
  id: number;
  event_id: number;
  actor: string;
  action: string;
  item_type: string;
  item_id: number | null;
  detail: string;
  created_at: string;
}

export function createModerationLogRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO moderation_log (event_id, actor, action, item_type, item_id, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const page = db.prepare<[number, number, number], LogRow>(
    'SELECT * FROM moderation_log WHERE event_id = ? AND id < ? ORDER BY id DESC LIMIT ?',
  );
  const latest = db.prepare<[number, string], LogRow>(
    'SELECT * FROM moderation_log WHERE event_id = ? AND action = ? ORDER BY id DESC LIMIT 1',
  );
  const removeByEvent = db.prepare<[number]>('DELETE FROM moderation_log WHERE event_id = ?');

  return {
    /** The newest entry of one action for an event, or null. */
    latest: (eventId: number, action: string): LogRow | null => latest.get(eventId, action) ?? null,
    deleteByEvent: (eventId: number): number => removeByEvent.run(eventId).changes,
    append(entry: LogEntry): void {
      insert.run(
        entry.eventId,
        entry.actor,
        entry.action,
        entry.itemType,
        entry.itemId,
        JSON.stringify(entry.detail ?? {}),
        nowIso(),
      );
    },
    list(eventId: number, before: number, limit: number): LogRow[] {
      return page.all(eventId, before, limit);
    },
  };
}

export type ModerationLogRepository = ReturnType<typeof createModerationLogRepository>;
