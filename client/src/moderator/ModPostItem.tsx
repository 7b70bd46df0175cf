import type { Ref } from 'react';
import { authorLine, SOURCE_LABEL } from '../lib/posts.ts';
import { relativeTime } from '../lib/time.ts';
import type { Post, PostAction } from '../lib/types.ts';

interface Props {
  post: Post;
  selected: boolean;
  busy: boolean;
  now: number;
  skewMs: number;
  onSelect: () => void;
  onAction: (action: PostAction) => void;
  ref?: Ref<HTMLLIElement>;
}

export function ModPostItem({ post, selected, busy, now, skewMs, onSelect, onAction, ref }: Props) {
  return (
    <li
      ref={ref}
      className={`mod-item${selected ? ' selected' : ''}`}
      data-testid="mod-post"
      data-post-id={post.id}
      data-status={post.status}
      data-pinned={post.pinned || undefined}
      aria-current={selected || undefined}
      onClick={onSelect}
    >
      <div className="mod-item-meta">
        <span className="badge" data-status={post.status}>
          {post.status}
        </span>
        {post.pinned && <span className="tag pinned">Pinned</span>}
        <span className="post-author">{authorLine(post)}</span>
        <span className="muted">
          via {SOURCE_LABEL[post.source]} · <time dateTime={post.createdAt}>{relativeTime(post.createdAt, now, skewMs)}</time>
        </span>
        {post.questionId !== null && <span className="tag">question</span>}
      </div>
      <p className="post-text">{post.text}</p>
      {post.flags.length > 0 && (
        <p className="flags" data-testid="post-flags">
          Flagged: {post.flags.join(', ')}
        </p>
      )}
      <div className="mod-actions" role="group" aria-label={`Moderate post ${post.id}`}>
        <button type="button" className="approve" data-testid="approve" disabled={busy || post.status === 'approved'} onClick={() => onAction('approve')}>
          Approve
        </button>
        <button type="button" className="reject" data-testid="reject" disabled={busy || post.status === 'rejected'} onClick={() => onAction('reject')}>
          Reject
        </button>
        <button type="button" data-testid="hide" disabled={busy || post.status === 'hidden'} onClick={() => onAction('hide')}>
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
      </div>
    </li>
  );
}
