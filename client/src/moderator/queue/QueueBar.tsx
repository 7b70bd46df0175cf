import type { PostAction } from '../../lib/types.ts';
import type { Selection } from './useSelection.ts';

interface Props {
  selection: Selection;
  shown: number;
  /** Clean pending posts "approve every clean pending post" would take now. */
  clean: number;
  ready: boolean;
  onBulk: (action: PostAction) => void;
  onApproveClean: () => void;
  onHelp: () => void;
}

/** Above the queue: select all shown, the bulk actions for a selection, or the key reminder. */
export function QueueBar({
  selection,
  shown,
  clean,
  ready,
  onBulk,
  onApproveClean,
  onHelp,
}: Props) {
  const { picked } = selection;
  return (
    <>
      <label className="check pick-all">
        <input
          type="checkbox"
          checked={selection.allShown}
          ref={(node) => {
            if (node) node.indeterminate = selection.someShown;
          }}
          onChange={selection.toggleAll}
          disabled={shown === 0}
          data-testid="select-all"
        />
        <span>
          All shown <kbd>X</kbd>
        </span>
      </label>
      {picked.size > 0 ? (
        <div className="bulk-bar" data-testid="bulk-bar">
          <strong>{picked.size} selected</strong>
          <button
            type="button"
            className="approve"
            data-testid="bulk-approve"
            onClick={() => onBulk('approve')}
          >
            Approve all <kbd>A</kbd>
          </button>
          <button
            type="button"
            className="reject"
            data-testid="bulk-reject"
            onClick={() => onBulk('reject')}
          >
            Reject all <kbd>R</kbd>
          </button>
          <button type="button" onClick={selection.clear}>
            Clear <kbd>Esc</kbd>
          </button>
          {selection.outOfView > 0 && (
            <span className="muted">{selection.outOfView} not in this view</span>
          )}
        </div>
      ) : (
        <p className="shortcuts muted" data-testid="shortcut-help">
          <kbd>j</kbd>
          <kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>p</kbd> pin ·{' '}
          <kbd>h</kbd> hide · <kbd>b</kbd> block · <kbd>t</kbd> trust · <kbd>x</kbd> select ·{' '}
          <kbd>u</kbd> undo ·{' '}
          <span className="key-pair">
            <kbd>q</kbd> questions
          </span>
        </p>
      )}
      {clean > 0 && picked.size === 0 && (
        <button
          type="button"
          className="approve approve-clean"
          data-testid="approve-clean"
          disabled={!ready}
          onClick={onApproveClean}
          title="Approve every pending post that no filter flagged, oldest first"
        >
          Approve {clean} clean pending
        </button>
      )}
      <button
        type="button"
        className="help-button"
        onClick={onHelp}
        data-testid="help-button"
        aria-haspopup="dialog"
      >
        <kbd>?</kbd> All keys
      </button>
    </>
  );
}
