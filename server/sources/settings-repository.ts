import type { Db } from '../db/database.ts';
import { nowIso } from '../lib/time.ts';
import type { TokenSeal } from './token-seal.ts';

/**
 * The source_settings and source_tokens rows: what each event takes in, and its tokens, which
 * are stored sealed (see token-seal.ts) and come out opened.
 */
export function createSourceSettingsRepository(db: Db, seal: TokenSeal) {
  const get = db
    .prepare<[number], string>('SELECT settings FROM source_settings WHERE event_id = ?')
    .pluck();
  const put = db.prepare<[number, string, string]>(
    `INSERT INTO source_settings (event_id, settings, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
  );
  const tokens = db.prepare<[number], { origin: string; token: string }>(
    'SELECT origin, token FROM source_tokens WHERE event_id = ? ORDER BY origin',
  );
  const putToken = db.prepare<[number, string, string, string]>(
    `INSERT INTO source_tokens (event_id, origin, token, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, origin) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at`,
  );
  const deleteToken = db.prepare<[number, string]>(
    'DELETE FROM source_tokens WHERE event_id = ? AND origin = ?',
  );
  const everyToken = db.prepare<[], { event_id: number; origin: string; token: string }>(
    'SELECT event_id, origin, token FROM source_tokens',
  );
  const rewrite = db.prepare<[string, number, string]>(
    'UPDATE source_tokens SET token = ? WHERE event_id = ? AND origin = ?',
  );
  // Rows written before tokens were sealed hold the token itself: sealed here, once (SQL alone
  // cannot encrypt, so this is the migration for them).
  db.transaction(() => {
    for (const row of everyToken.all())
      if (!seal.isSealed(row.token))
        rewrite.run(seal.seal(row.token, row.event_id, row.origin), row.event_id, row.origin);
  })();

  return {
    settings: (eventId: number): string | null => get.get(eventId) ?? null,
    /** The tokens that open with this server's secret; one that does not reads as not set. */
    tokens(eventId: number): Map<string, string> {
      const opened = new Map<string, string>();
      for (const row of tokens.all(eventId)) {
        const token = seal.open(row.token, eventId, row.origin);
        if (token !== null) opened.set(row.origin, token);
      }
      return opened;
    },
    /** Settings and tokens in one transaction: a refused write leaves both as they were. */
    save(eventId: number, settings: string, tokenChanges: Map<string, string | null>): void {
      db.transaction(() => {
        const at = nowIso();
        put.run(eventId, settings, at);
        for (const [origin, token] of tokenChanges) {
          if (token === null) deleteToken.run(eventId, origin);
          else putToken.run(eventId, origin, seal.seal(token, eventId, origin), at);
        }
      })();
    },
  };
}
export type SourceSettingsRepository = ReturnType<typeof createSourceSettingsRepository>;
