import type { QuestionAction, QuestionStatus } from '../../shared/schemas/questions.ts';
import { conflict } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import type { QuestionRow } from './repository.ts';

export interface NextState {
  status?: QuestionStatus;
  answeredAt?: string | null;
  spotlighted?: boolean;
}

const FROM: Record<Exclude<QuestionAction, 'spotlight' | 'unspotlight'>, QuestionStatus[]> = {
  approve: ['pending', 'dismissed'],
  dismiss: ['pending', 'approved', 'answered'],
  answer: ['pending', 'approved'],
  restore: ['answered', 'dismissed'],
};
const TO = { approve: 'approved', dismiss: 'dismissed', answer: 'answered', restore: 'approved' } as const;

/**
 * The question life cycle. Repeating an action that already took effect is not an error (two
 * moderators pressing the same button at once both succeed, and nothing happens twice).
 */
export function nextState(row: QuestionRow, action: QuestionAction): NextState | 'unchanged' {
  if (action === 'spotlight' || action === 'unspotlight') {
    const on = action === 'spotlight';
    if (on && row.status !== 'approved' && row.status !== 'answered') {
      throw conflict('invalid_transition', 'Only a live or answered question can be spotlighted');
    }
    return (row.spotlighted === 1) === on ? 'unchanged' : { spotlighted: on };
  }
  const to = TO[action];
  if (row.status === to) return 'unchanged';
  if (!FROM[action].includes(row.status)) {
    throw conflict('invalid_transition', `A question that is ${row.status} cannot be ${action === 'answer' ? 'answered' : `${action}d`}`);
  }
  return {
    status: to,
    answeredAt: to === 'answered' ? nowIso() : null,
    // A dismissed question leaves the screen too.
    ...(to === 'dismissed' && row.spotlighted === 1 ? { spotlighted: false } : {}),
  };
}
