import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './useQueueKeys.ts';

/** Every shortcut on one card; ? or Esc or a click outside closes it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="help-backdrop" onClick={onClose} data-testid="help-overlay">
      <div className="help-card" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()}>
        <div className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button type="button" ref={closeButton} onClick={onClose} aria-label="Close the shortcuts">
            Close
          </button>
        </div>
        <dl className="help-keys">
          {SHORTCUTS.map((s) => (
            <div key={s.key} className="help-row">
              <dt>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">
          Keys act on the focused post (outlined). After a decision the focus moves to the next post. When another moderator
          decides the post you are on, you move on too, and deciding it again needs a second press. <kbd>/</kbd> searches
          everything said so far, in any status; <kbd>Esc</kbd> brings you back to the queue.
        </p>
      </div>
    </div>
  );
}
