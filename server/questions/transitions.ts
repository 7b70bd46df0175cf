import { questionTransition, type QuestionAction } from '../../shared/question-rules.ts';
import type { QuestionStatus } from '../../shared/schemas/questions.ts';
import { conflict } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import type { QuestionRow } from './repository.ts';

export interface NextState {
  status?: QuestionStatus;
  answeredAt?: string | null;
  spotlighted?: boolean;
}

/** A merged duplicate is frozen until unmerged: its votes and status belong to the merge. */
export function refuseIfMerged(row: QuestionRow): void {
  if (row.merged_into !== null)
    throw conflict(
      'question_merged',
      `This question is merged into #${row.merged_into}; unmerge it first`,
    );
}

/** The question life cycle (shared/question-rules.ts) applied to a row, with its timestamps. */
export function nextState(row: QuestionRow, action: QuestionAction): NextState | 'unchanged' {
  refuseIfMerged(row);
  const next = questionTransition(
    { status: row.status, spotlighted: row.spotlighted === 1 },
    action,
  );
  if (next === 'unchanged') return next;
  if ('refused' in next) throw conflict('invalid_transition', next.refused);
  const { status } = next.change;
  if (status === undefined) return next.change;
  return { ...next.change, answeredAt: status === 'answered' ? nowIso() : null };
}
