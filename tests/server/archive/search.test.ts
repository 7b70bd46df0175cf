import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits.ts';
import type { ArchiveSearchResult } from '../../../shared/schemas/archive.ts';
import { asModerator, build, seedEvent, type SeededEvent, type TestApp } from '../../helper.ts';

/**
 * The archive's public search: only public items are ranked (the public rule is applied before
 * the newest matches are cut to the search window, so held items cannot crowd public ones out),
 * and its pages follow a cursor that is stable while new items arrive.
 */

let t: TestApp;
let event: SeededEvent;
let insert: (text: string, status: string) => number;

const search = async (q: string, cursor?: string) => {
  const query = new URLSearchParams({ q, ...(cursor ? { cursor } : {}) });
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/events/by-code/${event.code}/archive/search?${query}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ArchiveSearchResult;
};

/** Every page of a search, following the cursor; `between` runs after the first page. */
async function everyPage(q: string, between?: () => void) {
  const pages: ArchiveSearchResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await search(q, cursor);
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (pages.length === 1) between?.();
  } while (cursor && pages.length < 50);
  return pages;
}

beforeAll(async () => {
  t = await build();
  event = seedEvent(t.app, { settings: { archive: 'now' } });
  const statement = t.app.db.prepare(
    `INSERT INTO posts (event_id, source, text, author_name, status, author_key, created_at, updated_at)
     VALUES (?, 'api', ?, 'Someone', ?, 'api:someone', ?, ?)`,
  );
  insert = (text, status) => {
    const at = new Date().toISOString();
    return Number(statement.run(event.eventId, text, status, at, at).lastInsertRowid);
  };
});
afterAll(() => t.close());

describe('public search of the archive', () => {
  it('finds public items older than more held matches than the search window holds', async () => {
    const old = insert('The okapi is a forest giraffe', 'approved');
    t.app.db.transaction(() => {
      for (let i = 0; i < LIMITS.searchWindow + 50; i++) insert(`okapi held ${i}`, 'pending');
      for (let i = 0; i < 20; i++) insert(`okapi refused ${i}`, 'rejected');
    })();
    const pages = await everyPage('okapi');
    expect(pages.flatMap((p) => p.hits.map((h) => h.id))).toEqual([old]);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.nextCursor).toBeNull();
  });

  it('leaves out an item withdrawn from the archive, and finds it again once restored', async () => {
    const id = insert('A quokka smiles', 'approved');
    const moderator = asModerator(event.eventId);
    const withdraw = (withdrawn: boolean) =>
      t.app.domain.archive.setWithdrawn(moderator, event.eventId, { kind: 'post', id, withdrawn });
    withdraw(true);
    expect((await search('quokka')).hits).toEqual([]);
    withdraw(false);
    expect((await search('quokka')).hits.map((h) => h.id)).toEqual([id]);
  });

  it('pages by cursor through every public match once, best first', async () => {
    const ids = new Set<number>();
    t.app.db.transaction(() => {
      // Scores differ by how much of each text the word is; many tie.
      for (let i = 0; i < 47; i++)
        ids.add(insert(`narwhal ${'tusk '.repeat(i % 5)}${i}`, 'approved'));
      for (let i = 0; i < 30; i++) insert(`narwhal pending ${i}`, 'pending');
    })();
    const pages = await everyPage('narwhal');
    const seen = pages.flatMap((p) => p.hits.map((h) => h.id));
    expect(pages.length).toBe(Math.ceil(47 / LIMITS.archive.searchPerPage));
    expect(pages.slice(0, -1).every((p) => p.hits.length === LIMITS.archive.searchPerPage)).toBe(
      true,
    );
    expect(seen).toHaveLength(47);
    expect(new Set(seen)).toEqual(ids);
  });

  it('keeps its pages while new matches arrive: no item twice, none missed, none of the new', async () => {
    const before = new Set<number>();
    t.app.db.transaction(() => {
      for (let i = 0; i < 45; i++)
        before.add(insert(`pangolin ${'scale '.repeat(i % 4)}${i}`, 'approved'));
    })();
    const pages = await everyPage('pangolin', () => {
      // Newer and shorter (so better ranked) than everything on the first page.
      for (let i = 0; i < 30; i++) insert(`pangolin`, 'approved');
    });
    const seen = pages.flatMap((p) => p.hits.map((h) => h.id));
    expect(seen).toHaveLength(45);
    expect(new Set(seen)).toEqual(before);
    // A new search sees the new ones.
    const fresh = await everyPage('pangolin');
    expect(fresh.flatMap((p) => p.hits)).toHaveLength(75);
  });

  it('refuses a cursor it did not hand out with 400 validation_failed', async () => {
    for (const cursor of ['5', '1~2~3', 'x~0~1~1~1~1~1', '1~9~99999999999999~1~1~1~1']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/events/by-code/${event.code}/archive/search?q=okapi&cursor=${cursor}`,
      });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().error.id).toBe('validation_failed');
    }
  });

  it('goes to the next page in the HTML search by the cursor, and back to the first', async () => {
    for (let i = 0; i < LIMITS.archive.searchPerPage + 5; i++) insert(`walrus ${i}`, 'approved');
    const first = await t.app.inject({
      method: 'GET',
      url: `/e/${event.code}/archive/search?q=walrus`,
    });
    const next = /href="(search\?q=walrus&(?:amp;)?cursor=[^"]+)" rel="next"/.exec(first.body);
    expect(next).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/e/${event.code}/archive/${next![1]!.replace(/&amp;/g, '&')}`,
    });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('href="search?q=walrus">First page</a>');
  });
});
