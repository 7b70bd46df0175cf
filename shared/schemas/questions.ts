import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { QUESTION_ACTIONS, QUESTION_STATUSES } from '../question-rules.ts';
import {
  ClientId,
  Id,
  PageSize,
  paragraphs,
  SearchCursor,
  SearchText,
  Snippets,
  Timestamp,
} from './common.ts';

export const QuestionStatus = z.enum(QUESTION_STATUSES);
export type QuestionStatus = z.infer<typeof QuestionStatus>;

export const Question = z.object({
  id: Id,
  eventId: Id,
  sessionId: Id,
  text: z.string(),
  /** Null when asked anonymously. */
  authorName: z.string().nullable(),
  anonymous: z.boolean(),
  status: QuestionStatus,
  votes: z.number().int().nonnegative(),
  spotlighted: z.boolean(),
  postId: Id.nullable(),
  /** Present (true) only when a moderator withdrew the item from the public archive. */
  archiveWithdrawn: z.literal(true).optional(),
  createdAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  /** Why the screening held it (the same flags as a post's), empty when clean. */
  flags: z.array(z.string()),
  /** A duplicate a moderator merged: the question it was merged into (its votes went there). */
  mergedInto: Id.nullable(),
});
export type Question = z.infer<typeof Question>;

export const CreateQuestionBody = z.strictObject({
  text: paragraphs(LIMITS.questionText),
  anonymous: z.boolean().optional(),
  clientId: ClientId.optional(),
});
export type CreateQuestionBody = z.infer<typeof CreateQuestionBody>;

export const EditQuestionBody = z.strictObject({ text: paragraphs(LIMITS.questionText) });
export type EditQuestionBody = z.infer<typeof EditQuestionBody>;

export const QuestionAction = z.enum(QUESTION_ACTIONS);
export type QuestionAction = z.infer<typeof QuestionAction>;

export const ModerateQuestionBody = z.strictObject({ action: QuestionAction });

export const QuestionSort = z.enum(['votes', 'recent']);
export type QuestionSort = z.infer<typeof QuestionSort>;

/**
 * Where the next page of a session's list starts: `votes.id` of the last question when ranked
 * by votes, `id` when the newest come first. Opaque to clients: they send back `nextCursor`.
 */
export const QuestionCursor = z
  .string()
  .max(40)
  .regex(/^\d{1,15}(\.\d{1,15})?$/, 'a cursor from a previous page');

const PageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(LIMITS.questionPage.max)
  .default(LIMITS.questionPage.default);

export const QuestionListQuery = z.strictObject({
  sort: QuestionSort.default('votes'),
  cursor: QuestionCursor.optional(),
  limit: PageLimit,
});

/** The staff list of a session can also be searched (text or author, ignoring case). */
export const StaffQuestionListQuery = QuestionListQuery.extend({
  q: SearchText.optional(),
}).strict();

/** Questions of every session of an event matching `q`, best first, paged by a search cursor. */
export const QuestionSearchQuery = z.strictObject({
  q: SearchText,
  cursor: SearchCursor.optional(),
  limit: PageSize,
});
export type QuestionSearchQuery = z.infer<typeof QuestionSearchQuery>;

export const QuestionPage = z.object({
  questions: z.array(Question),
  nextCursor: z.string().nullable(),
  /** Each question's text with the matched words marked. */
  snippets: Snippets.optional(),
});
export type QuestionPage = z.infer<typeof QuestionPage>;

/**
 * One page of a session's questions, best first (or newest first). The first page (no cursor)
 * also carries the caller's own questions, the spotlighted one and, for staff, the oldest held
 * ones, wherever they rank; later pages carry the ranked questions only.
 */
export const QuestionList = z.object({
  questions: z.array(Question),
  /** Ids of the listed questions the caller has voted for (attendees only). */
  myVotes: z.array(Id),
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** How many questions the whole list holds for this caller's scope (without the caller's own held ones). */
  total: z.number().int().nonnegative(),
});
export type QuestionList = z.infer<typeof QuestionList>;

export const VoteResult = z.object({ questionId: Id, voted: z.boolean(), votes: z.number().int() });
export type VoteResult = z.infer<typeof VoteResult>;
