import { LIMITS } from '../../shared/limits.ts';
import type { Question, QuestionSort } from '../../shared/schemas/questions.ts';
import { badRequest } from '../lib/errors.ts';
import {
  presentQuestion,
  type QuestionAfter,
  type QuestionRow,
  type QuestionScope,
  type QuestionsRepository,
} from './repository.ts';

/** The start of the list: before every (votes, id) and every id. */
const START = Number.MAX_SAFE_INTEGER;

/** Cached first pages kept at most; past it the cache starts over. */
const CACHE_ENTRIES = 1000;

export interface RankedPage {
  questions: Question[];
  nextCursor: string | null;
  total: number;
}

/** A page of rows already in rank order and past the cursor, presented. */
export function pageOf(rows: QuestionRow[], sort: QuestionSort, limit: number): RankedPage {
  const shown = rows.slice(0, limit);
  return {
    questions: shown.map(presentQuestion),
    nextCursor: rows.length > limit ? encodeCursor(sort, shown[shown.length - 1]!) : null,
    total: 0,
  };
}

/** Whether a row comes after the cursor in the list's order. */
export function isAfter(row: QuestionRow, after: QuestionAfter): boolean {
  return after.sort === 'votes'
    ? row.votes < after.votes || (row.votes === after.votes && row.id > after.id)
    : row.id < after.id;
}

export function decodeCursor(sort: QuestionSort, cursor: string | undefined): QuestionAfter {
  if (cursor === undefined)
    return sort === 'votes' ? { sort, votes: START, id: 0 } : { sort, id: START };
  const [first, second] = cursor.split('.').map(Number);
  if (sort === 'votes' && second !== undefined) return { sort, votes: first!, id: second };
  if (sort === 'recent' && second === undefined) return { sort, id: first! };
  throw badRequest('validation_failed', `cursor: not a cursor of a list sorted by ${sort}`);
}

function encodeCursor(sort: QuestionSort, last: QuestionRow): string {
  return sort === 'votes' ? `${last.votes}.${last.id}` : String(last.id);
}

/**
 * Pages of a session's ranked questions. The first page of each (session, scope, sort) is
 * what every watcher asks for, so it is kept until any question or vote is written: a socket
 * repeating session:watch costs a map lookup, not a query and a sort of the whole session.
 */
export function createQuestionPager(repo: QuestionsRepository) {
  const firstPages = new Map<string, { generation: number; page: RankedPage }>();

  function read(
    sessionId: number,
    scope: QuestionScope,
    sort: QuestionSort,
    cursor: string | undefined,
    limit: number,
  ): RankedPage {
    const rows = repo.page({
      sessionId,
      scope,
      after: decodeCursor(sort, cursor),
      limit: limit + 1,
    });
    return { ...pageOf(rows, sort, limit), total: repo.count(sessionId, scope) };
  }

  return {
    page(
      sessionId: number,
      scope: QuestionScope,
      sort: QuestionSort,
      cursor: string | undefined,
      limit: number,
    ): RankedPage {
      const cacheable = cursor === undefined && limit === LIMITS.questionPage.default;
      if (!cacheable) return read(sessionId, scope, sort, cursor, limit);
      const key = `${sessionId}:${scope}:${sort}`;
      const generation = repo.generation();
      const hit = firstPages.get(key);
      if (hit && hit.generation === generation) return hit.page;
      const page = read(sessionId, scope, sort, cursor, limit);
      if (firstPages.size >= CACHE_ENTRIES) firstPages.clear();
      firstPages.set(key, { generation, page });
      return page;
    },
  };
}
