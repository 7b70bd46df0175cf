import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ClientId, Id, paragraphs, SearchText, Timestamp } from './common.ts';

export const QuestionStatus = z.enum(['pending', 'approved', 'answered', 'dismissed']);
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
  createdAt: Timestamp,
  answeredAt: Timestamp.nullable(),
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

export const QuestionAction = z.enum(['approve', 'dismiss', 'answer', 'restore', 'spotlight', 'unspotlight']);
export type QuestionAction = z.infer<typeof QuestionAction>;

/** What a speaker of the session may do; the rest is for moderators. */
export const SPEAKER_QUESTION_ACTIONS: readonly QuestionAction[] = ['answer', 'spotlight', 'unspotlight'];

export const ModerateQuestionBody = z.strictObject({ action: QuestionAction });

export const QuestionSort = z.enum(['votes', 'recent']);
export type QuestionSort = z.infer<typeof QuestionSort>;

export const QuestionListQuery = z.strictObject({
  sort: QuestionSort.default('votes'),
});

/** The staff list of a session can also be searched (text or author, ignoring case). */
export const StaffQuestionListQuery = z.strictObject({
  sort: QuestionSort.default('votes'),
  q: SearchText.optional(),
});

/** Questions of every session of an event matching `q`, newest first, with cursor paging. */
export const QuestionSearchQuery = z.strictObject({
  q: SearchText,
  cursor: z.string().max(32).regex(/^\d+$/, 'a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize.max).default(LIMITS.pageSize.default),
});
export type QuestionSearchQuery = z.infer<typeof QuestionSearchQuery>;

export const QuestionPage = z.object({ questions: z.array(Question), nextCursor: z.string().nullable() });
export type QuestionPage = z.infer<typeof QuestionPage>;

export const QuestionList = z.object({
  questions: z.array(Question),
  /** Ids of the listed questions the caller has voted for (attendees only). */
  myVotes: z.array(Id),
});
export type QuestionList = z.infer<typeof QuestionList>;

export const VoteResult = z.object({ questionId: Id, voted: z.boolean(), votes: z.number().int() });
export type VoteResult = z.infer<typeof VoteResult>;

/** Whether the public (screens, attendees) may see a question. */
export function isQuestionPublic(question: Pick<Question, 'status'>): boolean {
  return question.status === 'approved' || question.status === 'answered';
}

/** Best first: most votes, then oldest (asked first wins a tie). */
export function compareByVotes(a: Question, b: Question): number {
  return b.votes - a.votes || a.id - b.id;
}

export function compareByRecent(a: Question, b: Question): number {
  return b.id - a.id;
}
