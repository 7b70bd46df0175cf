import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/database.ts';

/**
 * Paging every post of an event, newest or oldest first, must be a range read on an index: a
 * plan that sorts (USE TEMP B-TREE) reads and sorts the whole event for every page.
 */
const db = openDatabase(':memory:');
afterAll(() => db.close());

const SELECT =
  'SELECT p.*, q.id AS question_id FROM posts p LEFT JOIN questions q ON q.post_id = p.id';
const plan = (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
    .map((row) => row.detail)
    .join(' | ');

describe('query plans', () => {
  it.each([
    [
      'the moderators list, newest first',
      `${SELECT} WHERE p.event_id = 1 AND p.id < 500 ORDER BY p.id DESC LIMIT 50`,
    ],
    [
      'the moderators list of one status',
      `${SELECT} WHERE p.event_id = 1 AND p.status = 'approved' AND p.id < 500 ORDER BY p.id DESC LIMIT 50`,
    ],
    [
      'an export page, oldest first',
      `${SELECT} WHERE p.event_id = 1 AND p.id > 0 ORDER BY p.id LIMIT 500`,
    ],
  ])('page %s without sorting the event', (_name, sql) => {
    const detail = plan(sql);
    expect(detail).toMatch(/SEARCH p USING INDEX posts_event_(id|status) \(event_id=\?/);
    expect(detail).not.toContain('TEMP B-TREE');
  });
});
