import { askerName } from '../../../../shared/askers.ts';
import type { KeyboardEvent, ReactNode, Ref } from 'react';
import { QuestionTextEditor } from '../../lib/QuestionTextEditor.tsx';
import { relativeTime } from '../../lib/time.ts';
import type { Question, QuestionAction } from '../../lib/types.ts';
import { flagLabel } from '../queue/queue-model.ts';

interface Props {
  question: Question;
  focused: boolean;
  editing: boolean;
  busy: boolean;
  now: number;
  skewMs: number;
  onFocus: () => void;
  onModerate: (question: Question, action: QuestionAction) => void;
  /** The question being merged (marked with m or its button), if any. */
  merging: number | null;
  onMerge: (question: Question) => void;
  onUnmerge: (question: Question) => void;
  onEditing: (editing: boolean) => void;
  /** Resolves once saved; rejects with the server's reason, shown under the editor. */
  onEdit: (question: Question, text: string) => Promise<void>;
  /** Its answers and replies, with what a moderator does to them. */
  answers?: ReactNode;
  ref?: Ref<HTMLLIElement>;
}

/**
 * A moderator edits a question to fix a typo mid-session: Enter saves at once (Shift+Enter still
 * breaks a line). The shared editor keeps Ctrl+Enter for attendees, who write paragraphs.
 */
function saveOnEnter(event: KeyboardEvent<HTMLDivElement>) {
  if (
    event.key !== 'Enter' ||
    event.shiftKey ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    event.nativeEvent.isComposing
  )
    return;
  if (!(event.target instanceof HTMLTextAreaElement)) return;
  event.preventDefault();
  event.target.form?.requestSubmit();
}

export function ModQuestionItem({
  question: q,
  focused,
  editing,
  busy,
  now,
  skewMs,
  onFocus,
  onModerate,
  merging,
  onMerge,
  onUnmerge,
  onEditing,
  onEdit,
  answers,
  ref,
}: Props) {
  return (
    <li
      ref={ref}
      className={`mod-item mod-question${focused ? ' focused' : ''}`}
      data-testid="mod-question"
      data-question-id={q.id}
      data-status={q.status}
      data-spotlighted={q.spotlighted || undefined}
      data-flagged={q.flags.length > 0 || undefined}
      data-merging={merging === q.id || undefined}
      data-merged-into={q.mergedInto ?? undefined}
      aria-current={focused || undefined}
      onClick={onFocus}
    >
      <div className="mod-item-meta">
        <span className="badge" data-status={q.status}>
          {q.status}
        </span>
        {q.spotlighted && <span className="tag spotlight">On screen</span>}
        {q.mergedInto !== null && (
          <span className="tag" data-testid="merged-into">
            Merged into #{q.mergedInto}
          </span>
        )}
        {merging === q.id && <span className="tag spotlight">Merging…</span>}
        {/* aria-label on a plain span is not read out; the word is there as hidden text instead. */}
        <span className="votes-pill">
          <span aria-hidden="true">▲</span> {q.votes}
          <span className="visually-hidden"> {q.votes === 1 ? 'vote' : 'votes'}</span>
        </span>
        <span className="muted">
          {askerName(q)} · {relativeTime(q.createdAt, now, skewMs)}
          {q.postId !== null && ' · from a post'}
        </span>
        {!editing && (
          <button
            type="button"
            className="edit-link"
            data-testid="mod-question-edit"
            disabled={busy}
            onClick={() => onEditing(true)}
          >
            Edit text
          </button>
        )}
      </div>
      {editing ? (
        <div className="mod-question-editor" onKeyDown={saveOnEnter}>
          <QuestionTextEditor
            initial={q.text}
            testId="mod-question-edit"
            onCancel={() => onEditing(false)}
            onSave={async (text) => {
              await onEdit(q, text);
              onEditing(false);
            }}
          />
          <p className="muted editor-keys">
            <kbd>Enter</kbd> saves · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line · <kbd>Esc</kbd>{' '}
            cancels
          </p>
        </div>
      ) : (
        <p className="post-text">{q.text}</p>
      )}
      {q.flags.length > 0 && (
        <p className="flags" data-testid="question-flags">
          <span aria-hidden="true">⚑ </span>
          {q.status === 'pending' ? 'Held' : 'Flagged'}: {q.flags.map(flagLabel).join(' · ')}
        </p>
      )}
      {answers}
      <div className="mod-actions" role="group" aria-label={`Moderate question ${q.id}`}>
        {q.mergedInto !== null ? (
          <button type="button" data-testid="unmerge" disabled={busy} onClick={() => onUnmerge(q)}>
            Unmerge
          </button>
        ) : (
          <button
            type="button"
            data-testid="merge"
            disabled={busy}
            onClick={(e) => {
              e.stopPropagation();
              onMerge(q);
            }}
          >
            {merging === null
              ? 'Merge…'
              : merging === q.id
                ? 'Cancel merge'
                : `Merge #${merging} into this`}
          </button>
        )}
        {q.status === 'dismissed' || q.status === 'answered' ? (
          <button
            type="button"
            data-testid="restore"
            disabled={busy || q.mergedInto !== null}
            onClick={() => onModerate(q, 'restore')}
          >
            Restore
          </button>
        ) : (
          <button
            type="button"
            className="approve"
            data-testid="approve"
            disabled={busy || q.status !== 'pending'}
            onClick={() => onModerate(q, 'approve')}
          >
            Approve
          </button>
        )}
        <button
          type="button"
          className="reject"
          data-testid="dismiss"
          disabled={busy || q.status === 'dismissed'}
          onClick={() => onModerate(q, 'dismiss')}
        >
          Dismiss
        </button>
        <button
          type="button"
          data-testid="answer"
          disabled={busy || (q.status !== 'approved' && q.status !== 'pending')}
          onClick={() => onModerate(q, 'answer')}
        >
          Answer
        </button>
        <button
          type="button"
          data-testid="spotlight"
          aria-pressed={q.spotlighted}
          disabled={busy || (!q.spotlighted && q.status !== 'approved' && q.status !== 'answered')}
          onClick={() => onModerate(q, q.spotlighted ? 'unspotlight' : 'spotlight')}
        >
          {q.spotlighted ? 'Unspotlight' : 'Spotlight'}
        </button>
      </div>
    </li>
  );
}
