import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { Id, paragraphs } from './common.ts';
import { Question } from './questions.ts';

/** What the attendee has typed so far; cleaned like a question's text. */
export const SimilarQuestionsQuery = z.strictObject({
  text: paragraphs(LIMITS.questionText),
});
export type SimilarQuestionsQuery = z.infer<typeof SimilarQuestionsQuery>;

export const SimilarQuestion = z.object({
  question: Question,
  /** How alike, 0 to 1 (shared/similarity.ts). */
  score: z.number().min(0).max(1),
});
export type SimilarQuestion = z.infer<typeof SimilarQuestion>;

/** Live questions of the session like the text, most alike first; at most a few. */
export const SimilarQuestions = z.object({
  suggestions: z.array(SimilarQuestion).max(LIMITS.similarSuggestions),
  /** Which of the suggested questions the caller has voted for (attendees only). */
  myVotes: z.array(Id),
});
export type SimilarQuestions = z.infer<typeof SimilarQuestions>;

export const MergeQuestionBody = z.strictObject({ targetId: Id });
export type MergeQuestionBody = z.infer<typeof MergeQuestionBody>;

/** Both sides of a merge or an unmerge, as they stand after it. */
export const MergeResult = z.object({ duplicate: Question, target: Question });
export type MergeResult = z.infer<typeof MergeResult>;
