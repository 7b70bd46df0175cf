import { useEffect, useRef } from 'react';
import { openOverlay, SWITCH_KEY } from './keyboard-zones.ts';
import { CONSOLE_SHORTCUTS, QUESTION_SHORTCUTS, SHORTCUTS, type Shortcut } from './useQueueKeys.ts';

const GROUPS: Array<[string, Shortcut[]]> = [
  ['Anywhere', CONSOLE_SHORTCUTS],
  ['Posts', SHORTCUTS],
  ['Questions', QUESTION_SHORTCUTS],
];

/** Every shortcut on one card; ? or Esc or a click outside closes it. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  // Keys behind the card must not move the questions either.
  useEffect(() => openOverlay(), []);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="help-backdrop" onClick={onClose} data-testid="help-overlay">
      <div
        className="help-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="help-head">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button
            type="button"
            ref={closeButton}
            onClick={onClose}
            aria-label="Close the shortcuts"
          >
            Close
          </button>
        </div>
        <div className="help-groups">
          {GROUPS.map(([title, shortcuts]) => (
            // Unnamed sections: a named one is a landmark, and "Posts" would repeat the queue's.
            <section key={title} className="help-group">
              <h3 className="help-group-title">{title}</h3>
              <dl className="help-keys">
                {shortcuts.map((s) => (
                  <div key={s.label} className="help-row">
                    <dt>
                      {s.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </dt>
                    <dd>{s.label}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="hint">
          Keys act on the focused item (outlined) of the list that has the keys: the posts, or the
          questions after <kbd>{SWITCH_KEY}</kbd>. After a decision the focus moves to the next
          item. When another moderator decides the item you are on, you move on too, and deciding a
          post again needs a second press. <kbd>/</kbd> searches everything said so far, in any
          status; <kbd>Esc</kbd> brings you back.
        </p>
      </div>
    </div>
  );
}
