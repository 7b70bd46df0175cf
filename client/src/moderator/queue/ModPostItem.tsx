import type { Ref } from 'react';
import type { AuthorRule } from '../../lib/moderation-api.ts';
import { originalUrl } from '../../../../shared/original-link.ts';
import { SOURCE_LABEL } from '../../lib/posts.ts';
import { relativeTime } from '../../lib/time.ts';
import type { Post, PostAction, PostStatus } from '../../lib/types.ts';
import { ArchiveToggle } from '../common/ArchiveToggle.tsx';
import { ModMedia } from './ModMedia.tsx';
import { flagLabel } from './queue-model.ts';
import { PostDecisionButtons } from '../common/PostDecisionButtons.tsx';

interface Props {
  post: Post;
  focused: boolean;
  selected: boolean;
  busy: boolean;
  /** Set when another moderator changed this post: what they made it. */
  changedBy: PostStatus | null;
  rule: AuthorRule | null;
  now: number;
  skewMs: number;
  onFocus: () => void;
  /** `range`: shift was held, so everything from the last picked post to this one is selected. */
  onToggleSelect: (range: boolean) => void;
  onAction: (action: PostAction) => void;
  onRule: (rule: AuthorRule | null) => void;
  /** The moderator asked for this post's images (pending posts load none until then). */
  mediaRevealed?: boolean;
  onRevealMedia?: () => void;
  ref?: Ref<HTMLLIElement>;
}

export function ModPostItem({
  post,
  focused,
  selected,
  busy,
  changedBy,
  rule,
  now,
  skewMs,
  onFocus,
  onToggleSelect,
  onAction,
  onRule,
  mediaRevealed,
  onRevealMedia,
  ref,
}: Props) {
  const handle = post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null;
  const original = originalUrl(post.source, post.sourceId);
  return (
    <li
      ref={ref}
      className={`mod-item mod-post${focused ? ' focused' : ''}${selected ? ' picked' : ''}`}
      data-testid="mod-post"
      data-post-id={post.id}
      data-status={post.status}
      data-source={post.source}
      data-flagged={post.flags.length > 0 || undefined}
      data-pinned={post.pinned || undefined}
      data-selected={selected || undefined}
      aria-current={focused || undefined}
      onClick={onFocus}
    >
      <input
        type="checkbox"
        className="pick"
        checked={selected}
        onChange={(e) => {
          // React reports a checkbox's change from its click, so the click's modifiers are there.
          const native = e.nativeEvent as Partial<MouseEvent>;
          onToggleSelect(native.shiftKey === true);
        }}
        onClick={(e) => e.stopPropagation()}
        aria-label={`Select post ${post.id} for a bulk action`}
        data-testid="select-post"
      />
      <div className="mod-post-body">
        <div className="mod-item-meta">
          <span className="badge" data-status={post.status}>
            {post.status}
          </span>
          {post.pinned && <span className="tag pinned">Pinned</span>}
          {original ? (
            <a
              className="source-chip"
              data-source={post.source}
              data-testid="post-source"
              href={original}
              target="_blank"
              rel="noopener noreferrer nofollow"
              title={`The original on ${SOURCE_LABEL[post.source]} (opens in a new tab)`}
            >
              {SOURCE_LABEL[post.source]}
            </a>
          ) : (
            <span className="source-chip" data-source={post.source} data-testid="post-source">
              {SOURCE_LABEL[post.source]}
            </span>
          )}
          <span className="post-author" data-testid="post-author">
            {post.author.name}
            {handle && <span className="handle"> {handle}</span>}
          </span>
          {rule && (
            <span className="tag rule" data-rule={rule}>
              {rule}
            </span>
          )}
          <time className="muted" dateTime={post.createdAt}>
            {relativeTime(post.createdAt, now, skewMs)}
          </time>
          {post.questionId !== null && <span className="tag">question</span>}
          <span className="muted post-id">#{post.id}</span>
        </div>
        <p className="post-text">{post.text}</p>
        <ModMedia post={post} revealed={mediaRevealed} onReveal={onRevealMedia} />
        {post.flags.length > 0 && (
          <p className="flags" data-testid="post-flags">
            <span aria-hidden="true">⚑ </span>Held: {post.flags.map(flagLabel).join(' · ')}
          </p>
        )}
        {changedBy && (
          <p className="changed-by" data-testid="changed-elsewhere">
            {changedBy === 'pending'
              ? 'Put back in the queue'
              : `${changedBy[0]!.toUpperCase()}${changedBy.slice(1)}`}{' '}
            by another moderator
          </p>
        )}
      </div>
      <div className="mod-actions" role="group" aria-label={`Moderate post ${post.id}`}>
        <PostDecisionButtons post={post} busy={busy} onAction={onAction} />
        <button
          type="button"
          data-testid="block"
          disabled={busy || !post.authorKey}
          onClick={() => onRule(rule === 'blocked' ? null : 'blocked')}
        >
          {rule === 'blocked' ? 'Unblock' : 'Block'}
        </button>
        <button
          type="button"
          data-testid="trust"
          disabled={busy || !post.authorKey}
          onClick={() => onRule(rule === 'trusted' ? null : 'trusted')}
        >
          {rule === 'trusted' ? 'Untrust' : 'Trust'}
        </button>
        <ArchiveToggle kind="post" id={post.id} withdrawn={post.archiveWithdrawn === true} />
      </div>
    </li>
  );
}
