import { imageAlt, imagesOf } from '../lib/media.ts';
import { MediaPreview } from '../lib/MediaPreview.tsx';
import { originalUrl } from '../../../shared/original-link.ts';
import { authorLine, SOURCE_LABEL } from '../lib/posts.ts';
import { relativeTime } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';

const OWN_STATUS: Record<Post['status'], string | null> = {
  pending: 'awaiting moderation',
  approved: null,
  rejected: 'not approved',
  hidden: 'taken off the wall',
};

export function PostItem({
  post,
  mine,
  now,
  skewMs,
}: {
  post: Post;
  mine: boolean;
  now: number;
  skewMs: number;
}) {
  const badge = mine ? OWN_STATUS[post.status] : null;
  const images = imagesOf(post.media);
  const original = originalUrl(post.source, post.sourceId);
  return (
    <li
      className="post"
      data-testid="wall-post"
      data-post-id={post.id}
      data-status={post.status}
      data-mine={mine || undefined}
    >
      <div className="post-meta">
        <span className="post-author">{authorLine(post)}</span>
        {mine && <span className="tag">you</span>}
        {post.pinned && <span className="tag pinned">Pinned</span>}
        {badge && (
          <span className="badge" data-status={post.status} data-testid="post-status">
            {badge}
          </span>
        )}
      </div>
      <p className="post-text">{post.text}</p>
      {images.length > 0 && (
        // A tap opens the full image in a new tab; the wall keeps its place behind it.
        <div className="post-media" data-count={images.length}>
          {images.map((url, i) => (
            <MediaPreview
              key={url}
              url={url}
              href={url}
              alt={imageAlt(post.author.name, i, images.length)}
              openLabel={`${imageAlt(post.author.name, i, images.length)}, opens in a new tab`}
              className="post-thumb"
              lazy
            />
          ))}
        </div>
      )}
      <p className="post-foot muted">
        <time dateTime={post.createdAt}>{relativeTime(post.createdAt, now, skewMs)}</time> · via{' '}
        {original ? (
          <a href={original} target="_blank" rel="noopener noreferrer nofollow">
            {SOURCE_LABEL[post.source]}
            <span className="visually-hidden"> (the original, opens in a new tab)</span>
          </a>
        ) : (
          SOURCE_LABEL[post.source]
        )}
      </p>
    </li>
  );
}
