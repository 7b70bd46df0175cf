import type { PostAction, PostStatus } from '../../shared/schemas/posts.ts';
import { conflict } from '../lib/errors.ts';
import type { PostRow } from './repository.ts';

export interface NextPostState {
  status?: PostStatus;
  pinned?: boolean;
}

const TO: Record<'approve' | 'reject' | 'hide' | 'queue', PostStatus> = {
  queue: 'pending',
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
};

const SEEN_AS: Record<PostStatus, string> = { pending: 'back in the queue', approved: 'approved', rejected: 'rejected', hidden: 'taken down' };

/**
 * Two moderators on one queue: an action says which status its moderator saw, and a post that
 * moved on since was decided by someone else first. Refused, so no post is processed twice.
 */
export function checkSeen(row: PostRow, from: PostStatus | undefined): void {
  if (from === undefined || row.status === from) return;
  throw conflict('already_moderated', `Post ${row.id} is already ${SEEN_AS[row.status]}: another moderator decided it first`);
}

/**
 * The post life cycle. Any status may be approved, rejected or hidden (a moderator can undo
 * any decision); only an approved post can be pinned, and taking a post down unpins it.
 * Repeating an action that already took effect changes nothing.
 */
export function nextPostState(row: PostRow, action: PostAction): NextPostState | 'unchanged' {
  if (action === 'pin' || action === 'unpin') {
    const on = action === 'pin';
    if (on && row.status !== 'approved') throw conflict('invalid_transition', 'Only an approved post can be pinned');
    return (row.pinned === 1) === on ? 'unchanged' : { pinned: on };
  }
  const to = TO[action];
  if (row.status === to) return 'unchanged';
  return { status: to, ...(to !== 'approved' && row.pinned === 1 ? { pinned: false } : {}) };
}
