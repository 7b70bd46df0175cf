/**
 * The post life cycle, free of zod so the client imports it too. The schemas in
 * schemas/posts.ts build their enums from these lists.
 */

export const POST_STATUSES = ['pending', 'approved', 'rejected', 'hidden'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** 'queue' puts a post back in the moderation queue (the undo of an approval or rejection). */
export const POST_ACTIONS = ['approve', 'reject', 'hide', 'queue', 'pin', 'unpin'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

/** Whether the public (screens, attendees) may see a post. */
export function isPostPublic(post: { status: PostStatus }): boolean {
  return post.status === 'approved';
}

/** Where each status action leads. */
export const POST_TRANSITIONS: Record<Exclude<PostAction, 'pin' | 'unpin'>, PostStatus> = {
  queue: 'pending',
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
};

export interface PostState {
  status: PostStatus;
  pinned: boolean;
}

export type PostTransition =
  { change: { status?: PostStatus; pinned?: boolean } } | 'unchanged' | { refused: string };

/**
 * The post life cycle. Any status may be approved, rejected or hidden (a moderator can undo
 * any decision); only an approved post can be pinned, and taking a post down unpins it.
 * Repeating an action that already took effect changes nothing.
 */
export function postTransition(state: PostState, action: PostAction): PostTransition {
  if (action === 'pin' || action === 'unpin') {
    const on = action === 'pin';
    if (on && state.status !== 'approved')
      return { refused: 'Only an approved post can be pinned' };
    return state.pinned === on ? 'unchanged' : { change: { pinned: on } };
  }
  const to = POST_TRANSITIONS[action];
  if (state.status === to) return 'unchanged';
  return {
    change: { status: to, ...(to !== 'approved' && state.pinned ? { pinned: false } : {}) },
  };
}
