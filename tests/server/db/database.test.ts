import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrationFiles, openDatabase } from '../../../server/db/database.ts';
import { tempDataDir } from '../../helper.ts';

describe('openDatabase', () => {
  it('has one migration file per number, applied in order', () => {
    const versions = migrationFiles().map((name) => Number.parseInt(name, 10));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('opens in WAL mode with NORMAL sync and foreign keys on, and applies every migration once', () => {
    const dir = tempDataDir();
    const db = openDatabase(join(dir, 'test.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 = NORMAL: safe across a process crash (tests/reliability); see the measured trade-off in database.ts.
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'events',
        'sessions',
        'attendees',
        'posts',
        'questions',
        'votes',
        'moderation_log',
      ]),
    );
    expect(migrate(db)).toEqual([]);
    db.close();
    rmSync(dir, { recursive: true });
  });

  it('enforces one live session per room', () => {
    const dir = tempDataDir();
    const db = openDatabase(join(dir, 'test.db'));
    db.prepare(
      `INSERT INTO events (code, name, moderator_key_hash, speaker_key_hash, api_key_hash, created_at) VALUES ('C1', 'n', 'm', 's', 'a', 'now')`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO sessions (event_id, title, room, live, speaker_key_hash, created_at) VALUES (1, 't', ?, ?, ?, 'now')`,
    );
    insert.run('A', 1, 'k1');
    insert.run('B', 1, 'k2');
    insert.run('A', 0, 'k3');
    expect(() => insert.run('A', 1, 'k4')).toThrow(/UNIQUE/);
    db.close();
    rmSync(dir, { recursive: true });
  });
});
