import { z } from 'zod';
import { IdParam, Timestamp } from './common.ts';
import { Event } from './events.ts';
import { PostSource, PostStatus } from './posts.ts';
import { QuestionStatus } from './questions.ts';
import { AnswerKind, AnswerStatus } from './answers.ts';
import { Session } from './sessions.ts';

/**
 * The event's record once it is over, in one stable shape: what `GET /events/:id/export.json`
 * returns. Add fields, never rename or remove them: people keep these files and script them.
 */
export const EXPORT_FORMAT = 'backchannel.export';
export const EXPORT_VERSION = 1;

export const ExportQuestion = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  text: z.string(),
  status: QuestionStatus,
  votes: z.number().int().nonnegative(),
  /** Null when asked anonymously: an export never reveals who that was. */
  author: z.string().nullable(),
  anonymous: z.boolean(),
  /** The post the question came from (a tagged post from the wall or X), if any. */
  postId: z.number().int().nullable(),
  createdAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  /** A duplicate a moderator merged (its status is dismissed): the question it went into. */
  mergedInto: z.number().int().nullable(),
  /** When it was merged; null unless merged. */
  mergedAt: Timestamp.nullable(),
});
export type ExportQuestion = z.infer<typeof ExportQuestion>;

export const ExportAnswer = z.object({
  id: z.number().int(),
  /** The question it is shown under: a merged duplicate's answers are under its target. */
  questionId: z.number().int(),
  /** The question it was written for; differs from questionId while that one is merged. */
  writtenFor: z.number().int(),
  sessionId: z.number().int(),
  kind: AnswerKind,
  author: z.object({ name: z.string(), role: z.enum(['speaker', 'moderator', 'attendee']) }),
  status: AnswerStatus,
  accepted: z.boolean(),
  text: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ExportAnswer = z.infer<typeof ExportAnswer>;

export const ExportPost = z.object({
  id: z.number().int(),
  text: z.string(),
  source: PostSource,
  /** The id the post has where it came from (a tweet id …); null for the attendee app. */
  sourceId: z.string().nullable(),
  author: z.object({ name: z.string(), handle: z.string().nullable() }),
  /** The author across posts, as author rules name them: 'attendee:<id>' or '<source>:<handle>'. */
  authorKey: z.string().nullable(),
  status: PostStatus,
  /** Why the filters held it, e.g. ["profanity"]. */
  flags: z.array(z.string()),
  pinned: z.boolean(),
  hashtags: z.array(z.string()),
  media: z.array(z.string()),
  questionId: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type ExportPost = z.infer<typeof ExportPost>;

export const ExportDocument = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: Timestamp,
    event: Event,
    /** Every session, or only the one `?session=` names. */
    sessions: z.array(Session),
    /** Every status, oldest first. */
    questions: z.array(ExportQuestion),
    /** Every status (or the one `?status=` names), oldest first. */
    posts: z.array(ExportPost),
    /** Answers and replies to the exported questions, every status, oldest first. */
    answers: z.array(ExportAnswer),
  })
  .describe(
    'The whole record of an event: sessions, questions, posts, answers and replies in every status',
  );
export type ExportDocument = z.infer<typeof ExportDocument>;

/** `?session=<id>`: only that session's questions. */
export const QuestionsExportQuery = z.strictObject({ session: IdParam.optional() });
export type QuestionsExportQuery = z.infer<typeof QuestionsExportQuery>;

/** `?status=<status>`: only posts in that status. */
export const PostsExportQuery = z.strictObject({ status: PostStatus.optional() });
export type PostsExportQuery = z.infer<typeof PostsExportQuery>;

export const JsonExportQuery = z.strictObject({
  session: IdParam.optional(),
  status: PostStatus.optional(),
});
export type JsonExportQuery = z.infer<typeof JsonExportQuery>;

/** The column names of the CSV exports, in order. */
export const QUESTION_CSV_COLUMNS = [
  'id',
  'session_id',
  'session',
  'room',
  'status',
  'votes',
  'author',
  'anonymous',
  'text',
  'created_at',
  'answered_at',
  'post_id',
  'merged_into',
  'merged_at',
] as const;

export const POST_CSV_COLUMNS = [
  'id',
  'created_at',
  'status',
  'source',
  'source_id',
  'author',
  'handle',
  'text',
  'hashtags',
  'media',
  'flags',
  'pinned',
  'question_id',
] as const;
