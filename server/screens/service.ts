import type { Screen, ScreenMode } from '../../shared/schemas/screens.ts';
import type { Db } from '../db/database.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { ModerationLogRepository } from '../moderation/repository.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { conflict } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { LIMITS } from '../../shared/limits.ts';

export function createScreensRepository(db: Db) {
  const list = db.prepare<[number], { name: string; mode: ScreenMode }>(
    'SELECT name, mode FROM screens WHERE event_id = ? ORDER BY name',
  );
  const upsert = db.prepare(
    `INSERT INTO screens (event_id, name, mode, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, name) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
  );
  const count = db
    .prepare<[number], number>('SELECT count(*) FROM screens WHERE event_id = ?')
    .pluck();
  const exists = db
    .prepare<[number, string], number>('SELECT 1 FROM screens WHERE event_id = ? AND name = ?')
    .pluck();
  return {
    list: (eventId: number): Screen[] => list.all(eventId),
    count: (eventId: number): number => count.get(eventId) ?? 0,
    exists: (eventId: number, name: string): boolean => exists.get(eventId, name) === 1,
    set: (eventId: number, name: string, mode: ScreenMode): void =>
      void upsert.run(eventId, name, mode, nowIso()),
  };
}

/** Screen modes, switched by moderators and pushed to every screen of the event at once. */
export function createScreensService(
  repo: ScreensRepository,
  log: ModerationLogRepository,
  broadcast: Broadcaster,
) {
  return {
    list: repo.list,
    set(principal: Principal, eventId: number, name: string, mode: ScreenMode): Screen {
      requireModerator(principal, eventId);
      // Every screen of an event goes into each snapshot: a new name past the cap is refused.
      if (!repo.exists(eventId, name) && repo.count(eventId) >= LIMITS.screensPerEvent)
        throw conflict(
          'too_many_screens',
          `This event has ${LIMITS.screensPerEvent} screens, the most it can have`,
        );
      repo.set(eventId, name, mode);
      log.append({
        eventId,
        actor: actorName(principal),
        action: 'screen_mode',
        itemType: 'event',
        itemId: eventId,
        detail: { screen: name, mode },
      });
      const screen = { name, mode };
      broadcast.screenUpdated(eventId, screen);
      return screen;
    },
  };
}

export type ScreensRepository = ReturnType<typeof createScreensRepository>;
export type ScreensService = ReturnType<typeof createScreensService>;
