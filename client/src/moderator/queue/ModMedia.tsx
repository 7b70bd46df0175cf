import { useState } from 'react';
import { imageAlt, imagesOf } from '../../lib/media.ts';
import { MediaPreview } from '../../lib/MediaPreview.tsx';
import type { Post } from '../../lib/types.ts';
import { MediaOverlay } from './MediaOverlay.tsx';
import '../../styles/moderator-media.css';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Every image of a queued post as a thumbnail: images are how spam and offensive content get
 * past the text filters, so a moderator sees them before approving. A click opens a larger
 * view. An image that will not load says so instead of vanishing: the screens load it on their
 * own, so the moderator must know there is something they could not check.
 *
 * A post that is not public yet loads no image until the moderator asks (the button, or `i` on
 * the focused post): an image is a request to a host the poster chose, and a tracking pixel
 * would tell them who moderates, from where, and when. Approved posts' images are public: the
 * screens load them anyway.
 */
export function ModMedia({
  post,
  revealed = false,
  onReveal,
}: {
  post: Post;
  /** The moderator asked for this post's images (the `i` key on the focused post). */
  revealed?: boolean;
  onReveal?: () => void;
}) {
  const images = imagesOf(post.media);
  const [open, setOpen] = useState<number | null>(null);
  const [asked, setAsked] = useState(false);
  if (images.length === 0) return null;
  const alt = (i: number) => imageAlt(post.author.name, i, images.length);
  if (post.status !== 'approved' && !revealed && !asked) {
    const hosts = [...new Set(images.map(hostOf))].join(', ');
    return (
      <div className="mod-media" data-testid="mod-media">
        <button
          type="button"
          className="mod-media-load"
          data-testid="mod-media-load"
          onClick={() => {
            setAsked(true);
            onReveal?.();
          }}
        >
          Load {images.length === 1 ? 'the image' : `${images.length} images`}{' '}
          <span className="muted">from {hosts}</span> <kbd>i</kbd>
        </button>
      </div>
    );
  }
  return (
    <div className="mod-media" data-testid="mod-media">
      {images.map((url, i) => (
        <MediaPreview
          key={url}
          url={url}
          alt={alt(i)}
          className="mod-thumb"
          lazy
          onOpen={() => setOpen(i)}
          openLabel={`Show ${alt(i).toLowerCase()} larger`}
          fallback={
            <span className="mod-thumb-failed" data-testid="mod-media-failed" title={url}>
              Image did not load ({hostOf(url)})
            </span>
          }
        />
      ))}
      {open !== null && images[open] && (
        <MediaOverlay url={images[open]} alt={alt(open)} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
