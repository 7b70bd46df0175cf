import type { Db } from '../db/database.ts';
import type { Answer, AnswerKind, AnswerStatus } from '../../shared/schemas/answers.ts';

export interface AnswerRow {
  id: number;
  /** Since migration 016; 1 when withdrawn from the public archive. */
  archive_withdrawn?: number;
  /** Since migration 019: the question it was written for, while merged under another. */
  merged_from?: number | null;
  event_id: number;
  session_id: number;
  question_id: number;
  kind: AnswerKind;
  author_role: 'speaker' | 'moderator' | 'attendee';
  attendee_id: number | null;
  author_name: string;
  text: string;
  status: AnswerStatus;
  accepted: number;
  created_at: string;
  updated_at: string;
}

export type AnswerInsert = Omit<AnswerRow, 'id' | 'accepted'>;

export function presentAnswer(row: AnswerRow): Answer {
  return {
    id: row.id,
    eventId: row.event_id,
    sessionId: row.session_id,
    questionId: row.question_id,
    kind: row.kind,
    text: row.text,
    author: { name: row.author_name, role: row.author_role },
    status: row.status,
    accepted: row.accepted === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.archive_withdrawn === 1 ? { archiveWithdrawn: true as const } : {}),
  };
}

export function createAnswersRepository(db: Db) {
  const byId = db.prepare<[number], AnswerRow>('SELECT * FROM answers WHERE id = ?');
  const insert = db.prepare<AnswerInsert>(`INSERT INTO answers (
      event_id, session_id, question_id, kind, author_role, attendee_id, author_name, text, status,
      created_at, updated_at
    ) VALUES (
      @event_id, @session_id, @question_id, @kind, @author_role, @attendee_id, @author_name, @text,
      @status, @created_at, @updated_at
    )`);
  const byQuestion = db.prepare<[number, number], AnswerRow>(
    'SELECT * FROM answers WHERE question_id = ? ORDER BY accepted DESC, id LIMIT ?',
  );
  const count = db
    .prepare<[number], number>('SELECT count(*) FROM answers WHERE question_id = ?')
    .pluck();
  const acceptedOf = db.prepare<[number], AnswerRow>(
    'SELECT * FROM answers WHERE question_id = ? AND accepted = 1',
  );
  const setText = db.prepare('UPDATE answers SET text = ?, updated_at = ? WHERE id = ?');
  const setStatus = db.prepare('UPDATE answers SET status = ?, updated_at = ? WHERE id = ?');
  const setAccepted = db.prepare('UPDATE answers SET accepted = ?, updated_at = ? WHERE id = ?');
  // Merging: the duplicate's accepted answer gives way to the target's, then all of them move.
  const setAsideAccepted = db.prepare<{ duplicateId: number; targetId: number; at: string }>(
    `UPDATE answers SET accepted = 0, unaccepted_by_merge = @duplicateId, updated_at = @at
     WHERE question_id = @duplicateId AND accepted = 1
       AND EXISTS (SELECT 1 FROM answers WHERE question_id = @targetId AND accepted = 1)`,
  );
  const moveUnder = db.prepare<{ duplicateId: number; targetId: number; at: string }, AnswerRow>(
    `UPDATE answers SET question_id = @targetId, merged_from = coalesce(merged_from, question_id),
       updated_at = @at
     WHERE question_id = @duplicateId RETURNING *`,
  );
  // Unmerging: back under the duplicate go the answers written for it and for the questions
  // merged into it (the merge tree below it), then its accepted answer, if the target's had
  // set it aside and it has none now.
  const moveBack = db.prepare<{ duplicateId: number; targetId: number; at: string }, AnswerRow>(
    `WITH RECURSIVE tree(id) AS (
       SELECT @duplicateId
       UNION SELECT q.id FROM questions q JOIN tree ON q.merged_into = tree.id
     )
     UPDATE answers SET question_id = @duplicateId,
       merged_from = CASE WHEN merged_from = @duplicateId THEN NULL ELSE merged_from END,
       updated_at = @at
     WHERE question_id = @targetId AND merged_from IN (SELECT id FROM tree) RETURNING *`,
  );
  const acceptAgain = db.prepare<{ duplicateId: number; at: string }, AnswerRow>(
    `UPDATE answers SET unaccepted_by_merge = NULL, updated_at = @at,
       accepted = NOT EXISTS (SELECT 1 FROM answers WHERE question_id = @duplicateId AND accepted = 1)
     WHERE unaccepted_by_merge = @duplicateId RETURNING *`,
  );

  return {
    findById: (id: number): AnswerRow | null => byId.get(id) ?? null,
    create(row: AnswerInsert): AnswerRow {
      const id = Number(insert.run(row).lastInsertRowid);
      return byId.get(id)!;
    },
    /** The accepted one first, then oldest first. */
    listByQuestion: (questionId: number, limit: number): AnswerRow[] =>
      byQuestion.all(questionId, limit),
    count: (questionId: number): number => count.get(questionId) ?? 0,
    accepted: (questionId: number): AnswerRow | null => acceptedOf.get(questionId) ?? null,
    setText(id: number, text: string, at: string): void {
      setText.run(text, at, id);
    },
    setStatus(id: number, status: AnswerStatus, at: string): void {
      setStatus.run(status, at, id);
    },
    setAccepted(id: number, accepted: boolean, at: string): void {
      setAccepted.run(accepted ? 1 : 0, at, id);
    },
    /** A duplicate's answers move under its target (in the merge's transaction); those moved. */
    followMerge(duplicateId: number, targetId: number, at: string): AnswerRow[] {
      const params = { duplicateId, targetId, at };
      setAsideAccepted.run(params);
      return moveUnder.all(params);
    },
    /** An unmerge takes them back (in its transaction); every answer that changed. */
    followUnmerge(duplicateId: number, targetId: number, at: string): AnswerRow[] {
      const params = { duplicateId, targetId, at };
      const moved = moveBack.all(params);
      const accepted = acceptAgain.all({ duplicateId, at });
      const ids = new Set(accepted.map((row) => row.id));
      return [...moved.filter((row) => !ids.has(row.id)), ...accepted];
    },
  };
}

export type AnswersRepository = ReturnType<typeof createAnswersRepository>;
