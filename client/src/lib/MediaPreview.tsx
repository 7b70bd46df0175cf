import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useLatest } from './useLatest.ts';

export type MediaState = 'loading' | 'loaded' | 'failed';

interface Props {
  /** A URL that passed isLoadableImage: this component does not check it again. */
  url: string;
  alt: string;
  /** The box: its size is set by CSS before the image arrives, so nothing moves when it does. */
  className: string;
  /** Lists that scroll load images as they come near; a screen shows all of its at once. */
  lazy?: boolean;
  /**
   * Treat an image still loading after this long as failed. On a screen an empty box that never
   * fills reads as a fault; a phone on a slow network should keep waiting, so it passes none.
   */
  giveUpMs?: number;
  /** Opens the image in a new tab: the box becomes a link. */
  href?: string;
  /** The box becomes a button, for a larger view in the page. */
  onOpen?: () => void;
  openLabel?: string;
  /** Shown instead when the image fails; nothing at all by default. */
  fallback?: ReactNode;
  onFail?: () => void;
  /** Drawn over the image, such as "+2" for the images not shown. */
  children?: ReactNode;
}

/**
 * One image of a post in a box reserved for it. A dead link, a refused hotlink or a slow host
 * never leaves a broken-image icon or an empty hole: the box goes away (or shows `fallback`)
 * and the post reads as text only. No referrer is sent, so an image host learns nothing of the
 * event's private URLs (join codes, moderator links).
 */
export function MediaPreview({
  url,
  alt,
  className,
  lazy,
  giveUpMs,
  href,
  onOpen,
  openLabel,
  fallback,
  onFail,
  children,
}: Props) {
  const [state, setState] = useState<MediaState>('loading');
  const failed = useLatest(onFail);

  // A cached image can finish before React attaches onLoad and onError: read where it got to.
  const measure = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.currentSrc) setState(img.naturalWidth > 0 ? 'loaded' : 'failed');
  }, []);

  useEffect(() => {
    if (state !== 'loading' || giveUpMs === undefined) return undefined;
    const timer = setTimeout(() => setState('failed'), giveUpMs);
    return () => clearTimeout(timer);
  }, [state, giveUpMs]);

  useEffect(() => {
    if (state === 'failed') failed.current?.();
  }, [failed, state]);

  if (state === 'failed') return fallback ?? null;

  const image = (
    <img
      ref={measure}
      src={url}
      alt={alt}
      referrerPolicy="no-referrer"
      decoding="async"
      loading={lazy ? 'lazy' : 'eager'}
      draggable={false}
      onLoad={() => setState('loaded')}
      onError={() => setState('failed')}
    />
  );
  const common = { className, 'data-media': state, 'data-testid': 'media' };
  if (href) {
    return (
      <a {...common} href={href} target="_blank" rel="noopener noreferrer" aria-label={openLabel}>
        {image}
        {children}
      </a>
    );
  }
  if (onOpen) {
    return (
      <button {...common} type="button" onClick={onOpen} aria-label={openLabel}>
        {image}
        {children}
      </button>
    );
  }
  return (
    <span {...common}>
      {image}
      {children}
    </span>
  );
}
