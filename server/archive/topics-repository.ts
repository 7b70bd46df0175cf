import type { Db } from '../db/database.ts';
import { LIMITS } from '../../shared/limits.ts';
import {
  ANSWER_COLUMNS,
  POST_COLUMNS,
  PUBLIC,
  QUESTION_COLUMNS,
  type ArchiveAnswer,
  type ArchivePost,
  type ArchiveQuestion,
} from './repository.ts';

export interface TopicQuestion extends ArchiveQuestion {
  session_tag: string | null;
}

export interface TopicAnswer extends ArchiveAnswer {
  attendee_id: number | null;
  session_speaker: string | null;
  session_tag: string | null;
  question_text: string;
}

/**
 * The public items that may be under a topic, newest (or best) first and cut at the archive's
 * scan limit. The same public rule and public-name columns as every other archive read
 * (repository.ts): these statements only narrow them to a tag. The hashtag test here is a
 * LIKE prefilter; the service confirms each text's hashtags exactly.
 */
export function createTopicRepository(db: Db) {
  type Params = { eventId: number; tag: string; like: string; limit: number };
  const questions = db.prepare<Params, TopicQuestion>(
    `SELECT ${QUESTION_COLUMNS}, s.tag AS session_tag FROM questions q
     JOIN sessions s ON s.id = q.session_id LEFT JOIN attendees a ON a.id = q.attendee_id
     WHERE q.event_id = @eventId AND ${PUBLIC.question}
       AND (lower(s.tag) = @tag OR q.text LIKE @like ESCAPE '\\')
     ORDER BY q.votes DESC, q.id LIMIT @limit`,
  );
  const answers = db.prepare<Params, TopicAnswer>(
    `SELECT ${ANSWER_COLUMNS}, an.attendee_id, s.speaker AS session_speaker,
       s.tag AS session_tag, q.text AS question_text
     FROM answers an JOIN questions q ON q.id = an.question_id
     JOIN sessions s ON s.id = an.session_id LEFT JOIN attendees a ON a.id = an.attendee_id
     WHERE an.event_id = @eventId AND ${PUBLIC.answer} AND ${PUBLIC.question}
       AND (lower(s.tag) = @tag OR q.text LIKE @like ESCAPE '\\' OR an.text LIKE @like ESCAPE '\\')
     ORDER BY an.id DESC LIMIT @limit`,
  );
  const posts = db.prepare<Params, ArchivePost>(
    `SELECT ${POST_COLUMNS} FROM posts p LEFT JOIN attendees a ON a.id = p.attendee_id
     WHERE p.event_id = @eventId AND ${PUBLIC.post} AND p.text LIKE @like ESCAPE '\\'
     ORDER BY p.id DESC LIMIT @limit`,
  );
  const params = (eventId: number, tag: string): Params => ({
    eventId,
    tag,
    like: `%#${tag.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    limit: LIMITS.archive.scan,
  });
  return {
    questions: (eventId: number, tag: string) => questions.all(params(eventId, tag)),
    answers: (eventId: number, tag: string) => answers.all(params(eventId, tag)),
    posts: (eventId: number, tag: string) => posts.all(params(eventId, tag)),
  };
}
