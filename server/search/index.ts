import type { Db } from '../db/database.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  SEARCH_CURSOR_PATTERN,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  snippetParts,
  toFtsQuery,
  type SnippetPart,
} from '../../shared/search.ts';
import { badRequest } from '../lib/errors.ts';

/**
 * The FTS5 search index (migration 013). Items are indexed by triggers in the transactions
 * that write them; this module only reads. A rowid is ((event_id * 4 + kind) << 34) + item id,
 * so one event's items of one kind are one rowid range.
 */
export const SEARCH_KINDS = { post: 0, question: 1, answer: 2, reply: 3 } as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

const ID_MASK = 2 ** 34 - 1;

/** An upto that leaves nothing out: the largest id a rowid holds. */
export const EVERY_ID = ID_MASK;

/** bm25 weights: a word in the text counts twice what it counts in the author's name. */
const SCORE = 'bm25(search_index, 1.0, 0.5)';

/** Which items a window may hold, beyond matching: SQL joined to the indexed item's row. */
export interface HitScope {
  /** Joins from `search_index` to the item's row, e.g. `JOIN posts p ON p.id = ${ITEM_ID}`. */
  join: string;
  /** A condition on the joined rows (bound parameters are the caller's). */
  where: string;
}

/** The item id of the `search_index` row being read, for a scope's join. */
export const ITEM_ID = `(search_index.rowid & ${ID_MASK})`;

/**
 * A CTE `<name>(id, score)`: the newest LIMITS.searchWindow matches of `@match` among one
 * event's items of `kind` that pass `scope` (so a search for public or pending items ranks the
 * newest of those, however many others are newer), with their bm25 score (lower is better).
 * Ranking only the newest keeps a search for a word in half the posts as cheap as a rare one;
 * the window is wide enough that a page of the best is drawn from everything a person will
 * page through. Items newer than `@upto<kind>` are left out, so the pages of one search are
 * drawn from the same items however many arrive meanwhile (see `uptoNow`). Bind `@eventId`,
 * `@match` and the upto.
 */
export function hitsCte(kind: SearchKind, scope?: HitScope, name = 'hits'): string {
  const base = `((@eventId * 4 + ${SEARCH_KINDS[kind]}) << 34)`;
  return `${name} AS (
    SELECT ${ITEM_ID} AS id, ${SCORE} AS score FROM search_index ${scope?.join ?? ''}
    WHERE search_index MATCH @match
      AND search_index.rowid BETWEEN ${base} + 1 AND CAST(${base} + @upto${kind} AS INTEGER)
      ${scope ? `AND (${scope.where})` : ''}
    ORDER BY search_index.rowid DESC LIMIT ${LIMITS.searchWindow}
  )`;
}

/**
 * Keyset paging over a CTE `ranked(kind, id, score)`: CTEs ending in `page(kind, id, score)`,
 * best first (score, then kind, then newest), after the cursor's item. The cursor names the
 * last item shown, and that item's score is read again in the same query: bm25 scores move
 * together as the index grows (every insert changes the word statistics), so comparing with the
 * score it had when its page was served would repeat or skip items at the edge. Bind
 * `@afterKind`, `@afterId`, `@afterScore` (null for a first page) and `@limit`.
 */
export const KEYSET = `pivot AS (SELECT score FROM ranked WHERE kind = @afterKind AND id = @afterId),
  page AS (SELECT kind, id, score FROM ranked
    WHERE @afterId IS NULL
      OR (score, kind, -id) > (coalesce((SELECT score FROM pivot), @afterScore), @afterKind, -@afterId)
    ORDER BY score, kind, id DESC LIMIT @limit)`;

/** Where the next page of a ranked search starts, and the newest item each kind may show. */
export interface SearchCursor {
  score: number;
  kind: number;
  id: number;
  upto: Record<SearchKind, number>;
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  const { upto } = cursor;
  return [cursor.score, cursor.kind, cursor.id, upto.post, upto.question, upto.answer, upto.reply]
    .map(String)
    .join('~');
}

/** The cursor a client sent back; 400 when it is not one this server handed out. */
export function decodeSearchCursor(text: string): SearchCursor {
  const parts = SEARCH_CURSOR_PATTERN.test(text) ? text.split('~').map(Number) : [];
  const [score, kind, id, post, question, answer, reply] = parts;
  const whole = [kind, id, post, question, answer, reply];
  if (
    score === undefined ||
    !Number.isFinite(score) ||
    !whole.every((n) => n !== undefined && Number.isSafeInteger(n) && n >= 0 && n <= ID_MASK)
  )
    throw badRequest('validation_failed', 'cursor: a cursor from a previous page');
  return {
    score,
    kind: kind!,
    id: id!,
    upto: { post: post!, question: question!, answer: answer!, reply: reply! },
  };
}

/** The parameters of KEYSET and hitsCte for a first page (no cursor) or a next one. */
export function keysetParams(cursor: SearchCursor | null, upto: Record<SearchKind, number>) {
  return {
    afterScore: cursor?.score ?? null,
    afterKind: cursor?.kind ?? null,
    afterId: cursor?.id ?? null,
    uptopost: upto.post,
    uptoquestion: upto.question,
    uptoanswer: upto.answer,
    uptoreply: upto.reply,
  };
}
export type KeysetParams = ReturnType<typeof keysetParams>;

/** The MATCH expression for what was typed; 400 when nothing in it can be searched for. */
export function matchFor(text: string): string {
  const match = toFtsQuery(text);
  if (match === null)
    throw badRequest('validation_failed', 'q: needs a letter or a digit to look for');
  return match;
}

export function createSearchIndex(db: Db) {
  // One pass over the page's stretch of the index, not one lookup per hit: each lookup reloads
  // the query's doclists, which for a prefix costs milliseconds. The CASTs matter: better-sqlite3
  // binds a JS number as a REAL, and FTS5 takes a rowid constraint on a REAL and then ignores
  // it, returning every match.
  const base = '((@eventId * 4 + @kind) << 34)';
  const snippets = db.prepare<
    { eventId: number; kind: number; lo: number; hi: number; ids: string; match: string },
    { id: number; marked: string }
  >(
    `SELECT rowid & ${ID_MASK} AS id,
       snippet(search_index, 0, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 48) AS marked
     FROM search_index WHERE search_index MATCH @match
     AND rowid BETWEEN CAST(${base} + @lo AS INTEGER) AND CAST(${base} + @hi AS INTEGER)
     AND (rowid & ${ID_MASK}) IN (SELECT value FROM json_each(@ids))`,
  );

  const newest = db.prepare<[], { post: number; question: number; answer: number }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM posts) AS post,
       (SELECT coalesce(max(id), 0) FROM questions) AS question,
       (SELECT coalesce(max(id), 0) FROM answers) AS answer`,
  );

  return {
    /** The newest id of each kind now: what a new search's pages are drawn from. */
    uptoNow(): Record<SearchKind, number> {
      const row = newest.get()!;
      return { post: row.post, question: row.question, answer: row.answer, reply: row.answer };
    },

    /**
     * The paging of a ranked search from the cursor a client sent back (400 when it is not one
     * of ours): the query parameters, and the cursor to hand out after a page's last item (pass
     * it only when more follow).
     */
    paging(cursorText: string | undefined) {
      const cursor = cursorText === undefined ? null : decodeSearchCursor(cursorText);
      const upto = cursor?.upto ?? this.uptoNow();
      return {
        params: keysetParams(cursor, upto),
        next: (last: { kind: number; id: number; score: number } | undefined): string | null =>
          last ? encodeSearchCursor({ ...last, upto }) : null,
      };
    },

    /**
     * Each item's text with the words that matched marked, cut to its best stretch, keyed by
     * id (JSON object keys are strings). An item that matched only by its author gets its text
     * unmarked.
     */
    snippets(
      eventId: number,
      kind: SearchKind,
      ids: number[],
      match: string,
    ): Record<string, SnippetPart[]> {
      const out: Record<string, SnippetPart[]> = {};
      if (ids.length === 0) return out;
      const rows = snippets.all({
        eventId,
        kind: SEARCH_KINDS[kind],
        lo: Math.min(...ids),
        hi: Math.max(...ids),
        ids: JSON.stringify(ids),
        match,
      });
      for (const row of rows) out[String(row.id)] = snippetParts(row.marked);
      return out;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
