import { useState } from 'react';
import { imageAlt } from '../lib/media.ts';
import { MediaPreview } from '../lib/MediaPreview.tsx';

/** Room the card gives the image: large by default, small for a long text, none as a last resort. */
export type MediaSize = 'large' | 'small';

/**
 * An image still loading after this long is given up: from the back of the hall an empty box
 * looks like a fault, and the text alone reads fine.
 */
const SLOW_IMAGE_MS = 10_000;

interface Props {
  /** Loadable URLs only (imagesOf). */
  urls: string[];
  author: string;
  size: MediaSize;
}

/**
 * A post's first image, cropped to the card's shape; "+2" says there are more. When it fails
 * the next one is tried, and when none loads the card is text only.
 */
export function ScreenMedia({ urls, author, size }: Props) {
  const [failed, setFailed] = useState(0);
  const url = urls[failed];
  if (!url) return null;
  const more = urls.length - failed - 1;
  return (
    <MediaPreview
      key={url}
      url={url}
      alt={imageAlt(author)}
      className={`screen-media screen-media-${size}`}
      giveUpMs={SLOW_IMAGE_MS}
      onFail={() => setFailed((index) => index + 1)}
    >
      {more > 0 && (
        <span
          className="screen-media-more"
          data-testid="screen-media-more"
          role="img"
          aria-label={`${more} more ${more === 1 ? 'image' : 'images'}`}
        >
          +{more}
        </span>
      )}
    </MediaPreview>
  );
}
