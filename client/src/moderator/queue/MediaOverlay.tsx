import { useEffect, useRef } from 'react';
import { useLatest } from '../../lib/useLatest.ts';
import { createPortal } from 'react-dom';
import { MediaPreview } from '../../lib/MediaPreview.tsx';

interface Props {
  url: string;
  alt: string;
  onClose: () => void;
}

/**
 * A post's image, as large as the window allows. Esc, the Close button or a click outside
 * closes it and gives the focus back to the thumbnail.
 */
export function MediaOverlay({ url, alt, onClose }: Props) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const close = useLatest(onClose);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    // Captured on the window, before the queue's own key listener: while the image is open a
    // key must not approve or reject the post behind it, and Esc closes only the image (not
    // the search or the selection too). Tab and Enter still work in the dialog: stopping the
    // event does not cancel what the browser does with it.
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Tab') return;
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      }
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      previous?.focus?.();
    };
  }, [close]);

  // In a portal, so no card or list clips it; a click must still not reach the post under it.
  return createPortal(
    <div
      className="media-backdrop"
      data-testid="media-overlay"
      onClick={(e) => {
        e.stopPropagation();
        onClose();
      }}
    >
      <div
        className="media-card"
        role="dialog"
        aria-modal="true"
        aria-label={alt}
        onClick={(e) => e.stopPropagation()}
      >
        <MediaPreview
          url={url}
          alt={alt}
          className="media-full"
          fallback={<p className="media-failed">The image did not load.</p>}
        />
        <div className="media-bar">
          <a href={url} target="_blank" rel="noopener noreferrer" className="media-link">
            {url}
          </a>
          <button type="button" ref={closeButton} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
