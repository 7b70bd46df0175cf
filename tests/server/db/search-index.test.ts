import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../server/db/database.ts';
import { tempDataDir } from '../../helper.ts';

const dir = tempDataDir();
const db = openDatabase(join(dir, 'test.db'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true });
});

db.prepare(
  `INSERT INTO events (code, name, moderator_key_hash, speaker_key_hash, api_key_hash, created_at)
   VALUES ('C1', 'n', 'm', 's', 'a', 'now')`,
).run();
db.prepare(
  `INSERT INTO sessions (event_id, title, speaker_key_hash, created_at) VALUES (1, 't', 'k', 'now')`,
).run();
const insertPost = db.prepare(
  `INSERT INTO posts (event_id, source, text, author_name, status, created_at, updated_at)
   VALUES (1, 'api', ?, 'Writer', 'approved', 'now', 'now')`,
);
const insertQuestion = db.prepare(
  `INSERT INTO questions (event_id, session_id, text, author_name, anonymous, status, created_at)
   VALUES (1, 1, ?, ?, ?, 'approved', 'now')`,
);
const found = (match: string) =>
  db.prepare('SELECT count(*) FROM search_index WHERE search_index MATCH ?').pluck().get(match);

describe('search_index (migration 013)', () => {
  it('indexes an item in the transaction that writes it, and not one that rolled back', () => {
    insertPost.run('Committed walrus');
    expect(found('walrus')).toBe(1);
    expect(() =>
      db.transaction(() => {
        insertPost.run('Rolled back narwhal');
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(found('narwhal')).toBe(0);
  });

  it('follows edits and deletes, and indexes no author for an anonymous question', () => {
    const id = Number(insertQuestion.run('Why penguins?', 'Grace Hopper', 1).lastInsertRowid);
    expect(found('penguin')).toBe(1);
    expect(found('hopper')).toBe(0);
    db.prepare("UPDATE questions SET text = 'Why puffins?' WHERE id = ?").run(id);
    expect(found('penguin')).toBe(0);
    expect(found('puffin')).toBe(1);
    db.prepare("UPDATE questions SET anonymous = 0, author_name = 'Grace Hopper' WHERE id = ?").run(
      id,
    );
    expect(found('hopper')).toBe(1);
    db.prepare('DELETE FROM questions WHERE id = ?').run(id);
    expect(found('puffin OR hopper')).toBe(0);
  });

  it('fills itself from the rows already there when the migration runs', () => {
    insertQuestion.run('Older question about otters', 'Ada', 0);
    db.exec('DROP TABLE search_index');
    for (const name of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'")
      .pluck()
      .all() as string[])
      db.exec(`DROP TRIGGER ${name}`);
    db.prepare('DELETE FROM schema_migrations WHERE version = 13').run();
    expect(migrate(db)).toEqual([13]);
    expect(found('otter')).toBe(1);
    expect(found('walrus')).toBe(1);
  });

  it('goes with its event', () => {
    db.prepare('DELETE FROM events WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM search_index').pluck().get()).toBe(0);
  });
});
