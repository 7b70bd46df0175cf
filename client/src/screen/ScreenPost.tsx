import { relativeTime } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';
import { Avatar } from './Avatar.tsx';
import { FitText } from './FitText.tsx';
import { SourceIcon } from './SourceIcon.tsx';

interface Props {
  post: Post;
  featured?: boolean;
  /** Fewer, larger cards allow larger type. */
  roomy?: boolean;
  now: number;
  skewMs: number;
}

export function ScreenPost({ post, featured, roomy, now, skewMs }: Props) {
  const handle = post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null;
  const when = relativeTime(post.createdAt, now, skewMs);
  return (
    <article
      className={`screen-card screen-post${featured ? ' featured' : ''}`}
      data-testid="screen-post"
      data-post-id={post.id}
      data-pinned={post.pinned || undefined}
    >
      <header className="screen-byline">
        <Avatar name={post.author.name} url={post.author.avatarUrl} />
        <span className="screen-who">
          <span className="screen-author">{post.author.name}</span>
          {/* Keeps "name @handle" apart in the text, as a reader or a copy would expect. */}{' '}
          <span className="screen-meta">
            {handle && <span className="screen-handle">{handle}</span>}
            <time dateTime={post.createdAt}>{when}</time>
          </span>
        </span>
        {featured && post.pinned && <span className="screen-badge">Pinned</span>}
        <SourceIcon source={post.source} />
      </header>
      <FitText className="screen-text" text={post.text} max={featured ? 3 : roomy ? 2.4 : 1.5} min={featured ? 1 : 0.7} />
    </article>
  );
}
