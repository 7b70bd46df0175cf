import { questionTransition, type QuestionState } from '../../../../shared/question-rules.ts';
import { compareByRecent, compareByVotes, STATUS_LABEL } from '../../lib/question-rules.ts';
import type { Question, QuestionAction, QuestionStatus } from '../../lib/types.ts';

/** Pure rules of the questions panel: the order it lists, what an action does, and its undo. */

export type { QuestionState };

export const questionStateOf = (q: Pick<Question, 'status' | 'spotlighted'>): QuestionState => ({
  status: q.status,
  spotlighted: q.spotlighted,
});
export const sameQuestionState = (a: QuestionState, b: QuestionState) =>
  a.status === b.status && a.spotlighted === b.spotlighted;

export interface QuestionGroups {
  pending: Question[];
  live: Question[];
  answered: Question[];
  dismissed: Question[];
}

/**
 * Waiting questions first, oldest first, so nobody waits forever; then the live ones best first
 * (what the speaker will take next); then the answered and dismissed, newest first.
 */
export function groupQuestions(questions: Question[]): QuestionGroups {
  const of = (status: QuestionStatus) => questions.filter((q) => q.status === status);
  return {
    pending: of('pending').sort((a, b) => a.id - b.id),
    live: of('approved').sort(compareByVotes),
    answered: of('answered').sort(compareByRecent),
    dismissed: of('dismissed').sort(compareByRecent),
  };
}

/** The order j and k walk: the groups as they are shown, top to bottom. */
export function questionOrder(groups: QuestionGroups): Question[] {
  return [...groups.pending, ...groups.live, ...groups.answered, ...groups.dismissed];
}

/**
 * What the action is expected to do: change the question, nothing (already so), or be refused.
 * The server stays the authority; this only decides whether the focus moves on at once or
 * waits for the server's word.
 */
export function expectedOutcome(
  q: QuestionState,
  action: QuestionAction,
): 'changes' | 'unchanged' | 'refused' {
  const next = questionTransition(q, action);
  if (next === 'unchanged') return next;
  return 'refused' in next ? 'refused' : 'changes';
}

/** Whether the action moves the question to another group (so the focus moves on). */
export const movesQuestion = (action: QuestionAction) =>
  action !== 'spotlight' && action !== 'unspotlight';

/**
 * The actions that take a question from `after` back to `before`, status first (only a live or
 * answered question can be spotlighted), or why there is no way back: the server has no action
 * that returns a question to `pending`, and answering needs a live question.
 */
export function questionUndoSteps(
  before: QuestionState,
  after: QuestionState,
): QuestionAction[] | { impossible: string } {
  const steps: QuestionAction[] = [];
  if (before.status !== after.status) {
    if (before.status === 'pending') {
      return {
        impossible: `a decided question cannot go back to awaiting moderation, so it stays ${STATUS_LABEL[after.status]}`,
      };
    }
    if (before.status === 'approved') steps.push('restore');
    if (before.status === 'dismissed') steps.push('dismiss');
    if (before.status === 'answered')
      steps.push(...(after.status === 'approved' ? [] : (['restore'] as const)), 'answer');
  }
  if (before.spotlighted !== after.spotlighted)
    steps.push(before.spotlighted ? 'spotlight' : 'unspotlight');
  return steps;
}

export const QUESTION_PAST: Record<QuestionAction, string> = {
  approve: 'approved: it is live',
  dismiss: 'dismissed',
  answer: 'marked answered',
  restore: 'restored: it is live again',
  spotlight: "on the room's screen",
  unspotlight: "off the room's screen",
};

/** The verb for "could not … the question", said the way a moderator would. */
export const QUESTION_VERB: Record<QuestionAction, string> = {
  approve: 'approve',
  dismiss: 'dismiss',
  answer: 'mark answered',
  restore: 'restore',
  spotlight: 'spotlight',
  unspotlight: 'take off the screen',
};

/** What to press instead, when the server refuses an action for the question's status. */
export function refusalHint(action: QuestionAction, status: QuestionStatus): string | null {
  if (action === 'approve' && status === 'answered') return 'r puts it back live';
  if (action === 'answer' && status === 'dismissed') return 'r restores it first';
  if (action === 'restore' && status === 'pending') return 'a approves it';
  if (action === 'spotlight' && status === 'pending') return 'a approves it first';
  if (action === 'spotlight' && status === 'dismissed') return 'r restores it first';
  return null;
}
