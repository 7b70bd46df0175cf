import type { Screen, ScreenMode } from '../../shared/schemas/screens.ts';
import type { Db } from '../db/database.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { ModerationLogRepository } from '../moderation/repository.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { nowIso } from '../lib/time.ts';

export function createScreensRepository(db: Db) {
  const list = db.prepare<[number], { name: string; mode: ScreenMode }>('SELECT name, mode FROM screens WHERE event_id = ? ORDER BY name');
  const upsert = db.prepare(
    `INSERT INTO screens (event_id, name, mode, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, name) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
  );
  return {
    list: (eventId: number): Screen[] => list.all(eventId),
    set: (eventId: number, name: string, mode: ScreenMode): void => void upsert.run(eventId, name, mode, nowIso()),
  };
}

/** Screen modes, switched by moderators and pushed to every screen of the event at once. */
export function createScreensService(db: Db, log: ModerationLogRepository, broadcast: Broadcaster) {
  const repo = createScreensRepository(db);
  return {
    list: repo.list,
    set(principal: Principal, eventId: number, name: string, mode: ScreenMode): Screen {
      requireModerator(principal, eventId);
      repo.set(eventId, name, mode);
      log.append({ eventId, actor: actorName(principal), action: 'screen_mode', itemType: 'event', itemId: eventId, detail: { screen: name, mode } });
      const screen = { name, mode };
      broadcast.screenUpdated(eventId, screen);
      return screen;
    },
  };
}

export type ScreensService = ReturnType<typeof createScreensService>;
