/**
 * The question life cycle and the rules around it, free of zod so the client imports them too
 * (a phone's bundle carries no schema library for a sort order). The schemas in
 * schemas/questions.ts build their enums from these lists.
 */

export const QUESTION_STATUSES = ['pending', 'approved', 'answered', 'dismissed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_ACTIONS = [
  'approve',
  'dismiss',
  'answer',
  'restore',
  'spotlight',
  'unspotlight',
] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

/** What a speaker of the session may do; the rest is for moderators. */
export const SPEAKER_QUESTION_ACTIONS: readonly QuestionAction[] = [
  'answer',
  'restore',
  'spotlight',
  'unspotlight',
];

/**
 * A speaker may undo their own "Mark answered" (answered → live), but bringing back a question
 * a moderator dismissed stays with the moderators.
 */
export function speakerMayModerate(action: QuestionAction, status: QuestionStatus): boolean {
  if (!SPEAKER_QUESTION_ACTIONS.includes(action)) return false;
  return action !== 'restore' || status === 'answered' || status === 'approved';
}

/** Whether the public (screens, attendees) may see a question. */
export function isQuestionPublic(question: { status: QuestionStatus }): boolean {
  return question.status === 'approved' || question.status === 'answered';
}

interface Ranked {
  id: number;
  votes: number;
}

/** Best first: most votes, then oldest (asked first wins a tie). */
export function compareByVotes(a: Ranked, b: Ranked): number {
  return b.votes - a.votes || a.id - b.id;
}

export function compareByRecent(a: { id: number }, b: { id: number }): number {
  return b.id - a.id;
}

type StatusAction = Exclude<QuestionAction, 'spotlight' | 'unspotlight'>;

/** The statuses each status action may start from, and where it leads. */
export const QUESTION_TRANSITIONS: Record<
  StatusAction,
  { from: readonly QuestionStatus[]; to: QuestionStatus }
> = {
  approve: { from: ['pending', 'dismissed'], to: 'approved' },
  dismiss: { from: ['pending', 'approved', 'answered'], to: 'dismissed' },
  answer: { from: ['pending', 'approved'], to: 'answered' },
  restore: { from: ['answered', 'dismissed'], to: 'approved' },
};

export interface QuestionState {
  status: QuestionStatus;
  spotlighted: boolean;
}

export type QuestionTransition =
  | { change: { status?: QuestionStatus; spotlighted?: boolean } }
  | 'unchanged'
  | { refused: string };

/**
 * What an action does to a question: the change, nothing (it already took effect: two
 * moderators pressing the same button at once both succeed, and nothing happens twice), or a
 * refusal with the reason. A dismissed question leaves the screen too.
 */
export function questionTransition(
  state: QuestionState,
  action: QuestionAction,
): QuestionTransition {
  if (action === 'spotlight' || action === 'unspotlight') {
    const on = action === 'spotlight';
    if (on && state.status !== 'approved' && state.status !== 'answered')
      return { refused: 'Only a live or answered question can be spotlighted' };
    return state.spotlighted === on ? 'unchanged' : { change: { spotlighted: on } };
  }
  const { from, to } = QUESTION_TRANSITIONS[action];
  if (state.status === to) return 'unchanged';
  if (!from.includes(state.status)) {
    const done = action === 'answer' ? 'answered' : `${action}d`;
    return { refused: `A question that is ${state.status} cannot be ${done}` };
  }
  return {
    change: {
      status: to,
      ...(to === 'dismissed' && state.spotlighted ? { spotlighted: false } : {}),
    },
  };
}
