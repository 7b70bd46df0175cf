import { authorLine, SOURCE_LABEL } from '../lib/posts.ts';
import { relativeTime } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';
import { FitText } from './FitText.tsx';

interface Props {
  post: Post;
  featured?: boolean;
  /** Fewer, larger cards allow larger type. */
  roomy?: boolean;
  now: number;
  skewMs: number;
}

export function ScreenPost({ post, featured, roomy, now, skewMs }: Props) {
  return (
    <article
      className={`screen-card${featured ? ' featured' : ''}`}
      data-testid="screen-post"
      data-post-id={post.id}
      data-pinned={post.pinned || undefined}
    >
      <header className="screen-card-head">
        <span className="screen-author">{authorLine(post)}</span>
        {featured && post.pinned && <span className="screen-pin">Pinned</span>}
      </header>
      <FitText className="screen-text" text={post.text} max={featured || roomy ? 3.4 : 2.3} min={featured ? 1.2 : 0.9} />
      <footer className="screen-card-foot">
        <span>via {SOURCE_LABEL[post.source]}</span>
        <time dateTime={post.createdAt}>{relativeTime(post.createdAt, now, skewMs)}</time>
      </footer>
    </article>
  );
}
