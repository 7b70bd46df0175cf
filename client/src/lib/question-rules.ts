import type { Question, QuestionStatus } from './types.ts';

// Mirrors compareByVotes / compareByRecent / isQuestionPublic in shared/schemas/questions.ts.
// Importing them from there would pull zod (the schemas beside them) into every phone's bundle.

/** Best first: most votes, then asked first. */
export function compareByVotes(a: Question, b: Question): number {
  return b.votes - a.votes || a.id - b.id;
}

export function compareByRecent(a: Question, b: Question): number {
  return b.id - a.id;
}

export function isQuestionPublic(question: Pick<Question, 'status'>): boolean {
  return question.status === 'approved' || question.status === 'answered';
}

export const STATUS_LABEL: Record<QuestionStatus, string> = {
  pending: 'awaiting moderation',
  approved: 'live',
  answered: 'answered',
  dismissed: 'dismissed',
};
