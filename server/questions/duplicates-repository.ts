import type { Db } from '../db/database.ts';
import { LIMITS } from '../../shared/limits.ts';
import { SEARCH_KINDS } from '../search/index.ts';
import type { QuestionRow } from './repository.ts';

const ID_MASK = 2 ** 34 - 1;

/**
 * The SQL of duplicate questions (migration 015): finding candidates in the search index, and
 * merging a duplicate's votes into its target so that they can be taken out again exactly.
 * Call the writes inside a transaction, then `questions.changed()`.
 */
/** `touched` is told of every write, so the questions' cached first pages are read again. */
export function createDuplicatesRepository(db: Db, touched: () => void) {
  const base = `((@eventId * 4 + ${SEARCH_KINDS.question}) << 34)`;
  // The rowid range is narrowed to the session's live questions' ids, so a big event's other
  // sessions cost nothing; the CASTs keep FTS5 using it (see search/index.ts).
  const liveRange = db.prepare<[number], { lo: number | null; hi: number | null }>(
    "SELECT min(id) AS lo, max(id) AS hi FROM questions WHERE session_id = ? AND status = 'approved'",
  );
  const candidates = db.prepare<
    { eventId: number; sessionId: number; match: string; lo: number; hi: number },
    QuestionRow
  >(
    `SELECT q.* FROM search_index JOIN questions q ON q.id = (search_index.rowid & ${ID_MASK})
     WHERE search_index MATCH @match
       AND search_index.rowid BETWEEN CAST(${base} + @lo AS INTEGER) AND CAST(${base} + @hi AS INTEGER)
       AND q.session_id = @sessionId AND q.status = 'approved' AND q.merged_into IS NULL
     ORDER BY bm25(search_index) LIMIT ${LIMITS.similarCandidates}`,
  );
  // A voter of the duplicate who had not voted for the target gets a copy of the vote, held if
  // theirs was; the copy names the duplicate it came from.
  const copyVotes = db.prepare<{ duplicateId: number; targetId: number }>(
    `INSERT OR IGNORE INTO votes (question_id, attendee_id, created_at, held, merged_from)
     SELECT @targetId, attendee_id, created_at, held, @duplicateId FROM votes
     WHERE question_id = @duplicateId`,
  );
  const dropCopies = db.prepare<[number]>('DELETE FROM votes WHERE merged_from = ?');
  const recount = db.prepare<{ id: number }>(
    `UPDATE questions SET votes = (SELECT count(*) FROM votes WHERE question_id = @id AND held = 0)
     WHERE id = @id`,
  );
  const setMerged = db.prepare<{ id: number; targetId: number; at: string }>(
    `UPDATE questions SET merged_into = @targetId, merged_from_status = status, merged_at = @at,
       status = 'dismissed', spotlighted = 0
     WHERE id = @id`,
  );
  const clearMerged = db.prepare<[number]>(
    `UPDATE questions SET status = coalesce(merged_from_status, status), merged_into = NULL,
       merged_from_status = NULL, merged_at = NULL
     WHERE id = ?`,
  );

  return {
    /** The session's live questions that share a word with `match`, best bm25 first. */
    candidates(eventId: number, sessionId: number, match: string): QuestionRow[] {
      const { lo, hi } = liveRange.get(sessionId) ?? { lo: null, hi: null };
      if (lo === null || hi === null) return [];
      return candidates.all({ eventId, sessionId, match, lo, hi });
    },
    /** Merges; how many votes the target gained (voters of both are counted once). */
    merge(duplicateId: number, targetId: number, at: string): number {
      touched();
      const added = copyVotes.run({ duplicateId, targetId }).changes;
      setMerged.run({ id: duplicateId, targetId, at });
      recount.run({ id: targetId });
      return added;
    },
    /** Undoes a merge: the copies go, the duplicate gets its status back; how many votes went. */
    unmerge(duplicateId: number, targetId: number | null): number {
      touched();
      const removed = dropCopies.run(duplicateId).changes;
      clearMerged.run(duplicateId);
      recount.run({ id: duplicateId });
      if (targetId !== null) recount.run({ id: targetId });
      return removed;
    },
  };
}

export type DuplicatesRepository = ReturnType<typeof createDuplicatesRepository>;
