import { postTransition, type PostAction, type PostStatus } from '../../shared/post-rules.ts';
import { conflict } from '../lib/errors.ts';
import type { PostRow } from './repository.ts';

export interface NextPostState {
  status?: PostStatus;
  pinned?: boolean;
}

const SEEN_AS: Record<PostStatus, string> = {
  pending: 'back in the queue',
  approved: 'approved',
  rejected: 'rejected',
  hidden: 'taken down',
};

/**
 * Two moderators on one queue: an action says which status its moderator saw, and a post that
 * moved on since was decided by someone else first. Refused, so no post is processed twice.
 */
export function checkSeen(row: PostRow, from: PostStatus | undefined): void {
  if (from === undefined || row.status === from) return;
  throw conflict(
    'already_moderated',
    `Post ${row.id} is already ${SEEN_AS[row.status]}: another moderator decided it first`,
  );
}

/** The post life cycle (shared/post-rules.ts) applied to a row. */
export function nextPostState(row: PostRow, action: PostAction): NextPostState | 'unchanged' {
  const next = postTransition({ status: row.status, pinned: row.pinned === 1 }, action);
  if (next === 'unchanged') return next;
  if ('refused' in next) throw conflict('invalid_transition', next.refused);
  return next.change;
}
