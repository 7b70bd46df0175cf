import type { QuestionStatus } from './types.ts';

export {
  compareByRecent,
  compareByVotes,
  isQuestionPublic,
} from '../../../shared/question-rules.ts';

export const STATUS_LABEL: Record<QuestionStatus, string> = {
  pending: 'awaiting moderation',
  approved: 'live',
  answered: 'answered',
  dismissed: 'dismissed',
};
