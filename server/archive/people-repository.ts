import type { Db } from '../db/database.ts';
import { LIMITS } from '../../shared/limits.ts';
import { ACCEPTED_WEIGHT } from '../../shared/people.ts';
import {
  ANSWER_COLUMNS,
  LISTED,
  POST_COLUMNS,
  PUBLIC,
  QUESTION_COLUMNS,
  type ArchiveAnswer,
  type ArchivePost,
  type ArchiveQuestion,
} from './repository.ts';

/** A listed attendee with what the archive counts for them. */
export interface ListedAttendee {
  id: number;
  public_id: string;
  display_name: string;
  affiliation: string | null;
  link: string | null;
  questions: number;
  answers: number;
  accepted: number;
  posts: number;
}

export interface SpeakerAnswerCounts {
  answers: number;
  accepted: number;
}

export interface PersonAnswer extends ArchiveAnswer {
  /** null when the question was asked anonymously: never shown on a person. */
  question_text: string | null;
}

/** A text and the tag of its session, to count a person's topics. */
export interface TaggedText {
  text: string;
  extra: string | null;
  session_tag: string | null;
}

export interface AttendeeProfileRow {
  archive_named: number;
  affiliation: string | null;
  link: string | null;
  public_id: string | null;
}

// What counts for an attendee: their questions asked under their name, their answers and
// replies, their posts; each public by the archive's one rule (repository.ts). An anonymous
// question is never among them, nor in any count.
const OWN_QUESTIONS = `FROM questions q WHERE q.attendee_id = a.id AND q.anonymous = 0
  AND ${PUBLIC.question}`;
const OWN_ANSWERS = `FROM answers an JOIN questions q ON q.id = an.question_id
  WHERE an.attendee_id = a.id AND an.author_role = 'attendee' AND ${PUBLIC.answer}
  AND ${PUBLIC.question}`;
const OWN_POSTS = `FROM posts p WHERE p.attendee_id = a.id AND ${PUBLIC.post}`;

// A blocked author keeps the public items moderators approved, but their own words about
// themselves (affiliation, link) are not published any more.
const BLOCKED = `EXISTS (SELECT 1 FROM author_rules r WHERE r.event_id = a.event_id
  AND r.author_key = 'attendee:' || a.id AND r.rule = 'blocked')`;

const LISTED_COLUMNS = `a.id, a.public_id, a.display_name,
  CASE WHEN NOT ${BLOCKED} THEN a.affiliation END AS affiliation,
  CASE WHEN NOT ${BLOCKED} THEN a.link END AS link,
  (SELECT count(*) ${OWN_QUESTIONS}) AS questions,
  (SELECT count(*) ${OWN_ANSWERS}) AS answers,
  (SELECT count(*) ${OWN_ANSWERS} AND an.accepted = 1) AS accepted,
  (SELECT count(*) ${OWN_POSTS}) AS posts`;

/**
 * The people pages' reads. An attendee appears only when listed (named, with a name and a
 * public id) and with at least one public item of their own; everything about them is read
 * through the archive's public rule. Speakers are found by their sessions (people.ts).
 */
export function createPeopleRepository(db: Db) {
  const attendees = db.prepare<{ eventId: number; limit: number }, ListedAttendee>(
    `SELECT * FROM (SELECT ${LISTED_COLUMNS} FROM attendees a
       WHERE a.event_id = @eventId AND ${LISTED})
     WHERE questions + answers + posts > 0
     -- shared/people.ts byKnowledge, in SQL so that the cut keeps the best known
     ORDER BY ${ACCEPTED_WEIGHT} * accepted + answers - accepted DESC, accepted DESC,
       display_name, public_id
     LIMIT @limit`,
  );
  const attendee = db.prepare<{ eventId: number; publicId: string }, ListedAttendee>(
    `SELECT * FROM (SELECT ${LISTED_COLUMNS} FROM attendees a
       WHERE a.event_id = @eventId AND a.public_id = @publicId AND ${LISTED})
     WHERE questions + answers + posts > 0`,
  );
  type Paged = { attendeeId: number; limit: number; offset: number };
  const questions = db.prepare<Paged, ArchiveQuestion>(
    `SELECT ${QUESTION_COLUMNS} FROM questions q JOIN attendees a ON a.id = q.attendee_id
     WHERE q.attendee_id = @attendeeId AND q.anonymous = 0 AND ${PUBLIC.question}
     ORDER BY q.id DESC LIMIT @limit OFFSET @offset`,
  );
  const answers = db.prepare<Paged, PersonAnswer>(
    `SELECT ${ANSWER_COLUMNS}, CASE WHEN q.anonymous = 0 THEN q.text END AS question_text
     FROM answers an JOIN questions q ON q.id = an.question_id
     JOIN attendees a ON a.id = an.attendee_id
     WHERE an.attendee_id = @attendeeId AND an.author_role = 'attendee' AND ${PUBLIC.answer}
       AND ${PUBLIC.question}
     ORDER BY an.id DESC LIMIT @limit OFFSET @offset`,
  );
  const posts = db.prepare<Paged, ArchivePost>(
    `SELECT ${POST_COLUMNS} FROM posts p JOIN attendees a ON a.id = p.attendee_id
     WHERE p.attendee_id = @attendeeId AND ${PUBLIC.post}
     ORDER BY p.id DESC LIMIT @limit OFFSET @offset`,
  );
  // The newest texts of each kind, for the person's topics; a question's text counts for its
  // answers too (the topic rule of topics.ts), but never an anonymous question's: nothing of it
  // is on anyone's page, not even its hashtags.
  const attendeeTexts = db.prepare<{ attendeeId: number; limit: number }, TaggedText>(
    `SELECT * FROM (SELECT q.text, NULL AS extra, s.tag AS session_tag FROM questions q
       JOIN sessions s ON s.id = q.session_id
       WHERE q.attendee_id = @attendeeId AND q.anonymous = 0 AND ${PUBLIC.question}
       ORDER BY q.id DESC LIMIT @limit)
     UNION ALL SELECT * FROM (SELECT an.text, CASE WHEN q.anonymous = 0 THEN q.text END AS extra, s.tag AS session_tag
       FROM answers an JOIN questions q ON q.id = an.question_id
       JOIN sessions s ON s.id = an.session_id
       WHERE an.attendee_id = @attendeeId AND an.author_role = 'attendee' AND ${PUBLIC.answer}
         AND ${PUBLIC.question}
       ORDER BY an.id DESC LIMIT @limit)
     UNION ALL SELECT * FROM (SELECT p.text, NULL AS extra, NULL AS session_tag FROM posts p
       WHERE p.attendee_id = @attendeeId AND ${PUBLIC.post} ORDER BY p.id DESC LIMIT @limit)`,
  );

  // A speaker's answers: written with a speaker key in one of their sessions.
  type Sessions = { sessions: string };
  const SPEAKER_ANSWERS = `FROM answers an JOIN questions q ON q.id = an.question_id
    LEFT JOIN attendees a ON a.id = an.attendee_id
    WHERE an.session_id IN (SELECT value FROM json_each(@sessions))
      AND an.author_role = 'speaker' AND ${PUBLIC.answer} AND ${PUBLIC.question}`;
  const speakerCounts = db.prepare<Sessions, SpeakerAnswerCounts>(
    `SELECT count(*) AS answers, coalesce(sum(an.accepted), 0) AS accepted ${SPEAKER_ANSWERS}`,
  );
  const speakerAnswers = db.prepare<Sessions & { limit: number; offset: number }, PersonAnswer>(
    `SELECT ${ANSWER_COLUMNS}, CASE WHEN q.anonymous = 0 THEN q.text END AS question_text
     ${SPEAKER_ANSWERS} ORDER BY an.id DESC LIMIT @limit OFFSET @offset`,
  );
  const speakerTexts = db.prepare<Sessions & { limit: number }, TaggedText>(
    `SELECT an.text, CASE WHEN q.anonymous = 0 THEN q.text END AS extra, NULL AS session_tag ${SPEAKER_ANSWERS}
     ORDER BY an.id DESC LIMIT @limit`,
  );

  const profile = db.prepare<[number], AttendeeProfileRow>(
    'SELECT archive_named, affiliation, link, public_id FROM attendees WHERE id = ?',
  );
  const setProfile = db.prepare<[string | null, string | null, number]>(
    'UPDATE attendees SET affiliation = ?, link = ? WHERE id = ?',
  );

  const per = LIMITS.archive.personPerPage;
  const paged = (attendeeId: number, page: number): Paged => ({
    attendeeId,
    limit: per,
    offset: (page - 1) * per,
  });
  return {
    /** Listed attendees with a public item, best known first, cut at the people limit. */
    attendees: (eventId: number): ListedAttendee[] =>
      attendees.all({ eventId, limit: LIMITS.archive.people }),
    attendee: (eventId: number, publicId: string): ListedAttendee | null =>
      attendee.get({ eventId, publicId }) ?? null,
    questions: (attendeeId: number, page: number) => questions.all(paged(attendeeId, page)),
    answers: (attendeeId: number, page: number) => answers.all(paged(attendeeId, page)),
    posts: (attendeeId: number, page: number) => posts.all(paged(attendeeId, page)),
    attendeeTexts: (attendeeId: number): TaggedText[] =>
      attendeeTexts.all({ attendeeId, limit: LIMITS.archive.scan }),
    speakerCounts: (sessionIds: number[]): SpeakerAnswerCounts =>
      speakerCounts.get({ sessions: JSON.stringify(sessionIds) })!,
    speakerAnswers: (sessionIds: number[], page: number): PersonAnswer[] =>
      speakerAnswers.all({
        sessions: JSON.stringify(sessionIds),
        limit: per,
        offset: (page - 1) * per,
      }),
    speakerTexts: (sessionIds: number[]): TaggedText[] =>
      speakerTexts.all({ sessions: JSON.stringify(sessionIds), limit: LIMITS.archive.scan }),
    profile: (attendeeId: number): AttendeeProfileRow | null => profile.get(attendeeId) ?? null,
    setProfile(attendeeId: number, affiliation: string | null, link: string | null): void {
      setProfile.run(affiliation, link, attendeeId);
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
