import type { Post, PostAction } from '../../lib/types.ts';

/** Approve, reject, hide and pin/unpin: the same four buttons on a queue item and a search hit. */
export function PostDecisionButtons({
  post,
  busy,
  onAction,
}: {
  post: Post;
  busy: boolean;
  onAction: (action: PostAction) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="approve"
        data-testid="approve"
        disabled={busy || post.status === 'approved'}
        onClick={() => onAction('approve')}
      >
        Approve
      </button>
      <button
        type="button"
        className="reject"
        data-testid="reject"
        disabled={busy || post.status === 'rejected'}
        onClick={() => onAction('reject')}
      >
        Reject
      </button>
      <button
        type="button"
        data-testid="hide"
        disabled={busy || post.status === 'hidden'}
        onClick={() => onAction('hide')}
      >
        Hide
      </button>
      <button
        type="button"
        data-testid="pin"
        aria-pressed={post.pinned}
        disabled={busy || (!post.pinned && post.status !== 'approved')}
        onClick={() => onAction(post.pinned ? 'unpin' : 'pin')}
      >
        {post.pinned ? 'Unpin' : 'Pin'}
      </button>
    </>
  );
}
