import { useState } from 'react';
import { imagesOf } from '../lib/media.ts';
import { relativeTime } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';
import { Avatar } from './Avatar.tsx';
import { FitText } from './FitText.tsx';
import { ScreenMedia, type MediaSize } from './ScreenMedia.tsx';
import { withoutQuestionTag } from './wall-text.ts';

interface Props {
  post: Post;
  /** The event's question tag, left out of the text. */
  questionTag: string;
  featured?: boolean;
  /** Two cells wide: a long post. */
  wide?: boolean;
  /** Fewer, larger cards allow larger type. */
  roomy?: boolean;
  now: number;
  skewMs: number;
}

/** The text comes first: when it does not fit beside a large image, the image shrinks, then goes. */
const SMALLER: Record<MediaSize, MediaSize | 'none'> = { large: 'small', small: 'none' };

/** The smallest text on a wall card, in em of the screen's type: about 24 px at 1080p. */
const FLOOR_EM = 0.9;

export function ScreenPost({ post, questionTag, featured, wide, roomy, now, skewMs }: Props) {
  const handle = post.author.handle ? `@${post.author.handle.replace(/^@/, '')}` : null;
  const when = relativeTime(post.createdAt, now, skewMs);
  const images = imagesOf(post.media);
  // A card that changes shape (featured, or fewer cards on the wall) starts again from large.
  const shape = `${featured ?? false}:${roomy ?? false}:${wide ?? false}`;
  const [room, setRoom] = useState<{ shape: string; size: MediaSize | 'none' }>({
    shape,
    size: 'large',
  });
  const size = room.shape === shape ? room.size : 'large';
  const onFit = (overflows: boolean) => {
    if (overflows && images.length > 0 && size !== 'none') setRoom({ shape, size: SMALLER[size] });
  };

  return (
    <article
      className={`screen-card screen-post${featured ? ' featured' : ''}${wide ? ' wide' : ''}`}
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
      </header>
      <div className="screen-post-body">
        <div className="screen-post-flow">
          {images.length > 0 && size !== 'none' && (
            <ScreenMedia urls={images} author={post.author.name} size={size} />
          )}
          <FitText
            className="screen-text"
            text={withoutQuestionTag(post.text, questionTag)}
            max={featured ? 3 : roomy ? 2.4 : 1.5}
            min={featured ? 1 : FLOOR_EM}
            onFit={onFit}
          />
        </div>
      </div>
    </article>
  );
}
