import { useState } from 'react';
import { QuestionTextEditor } from '../lib/QuestionTextEditor.tsx';
import { relativeTime } from '../lib/time.ts';
import type { Question, QuestionAction } from '../lib/types.ts';

interface Props {
  question: Question;
  busy: boolean;
  now: number;
  skewMs: number;
  onModerate: (question: Question, action: QuestionAction) => void;
  /** Resolves once saved; rejects with the server's reason, shown under the editor. */
  onEdit: (question: Question, text: string) => Promise<void>;
}

export function ModQuestionItem({ question: q, busy, now, skewMs, onModerate, onEdit }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <li className="mod-item" data-testid="mod-question" data-question-id={q.id} data-status={q.status}>
      <div className="mod-item-meta">
        <span className="badge" data-status={q.status}>
          {q.status}
        </span>
        {q.spotlighted && <span className="tag spotlight">On screen</span>}
        <span className="votes-pill" aria-label={`${q.votes} votes`}>
          ▲ {q.votes}
        </span>
        <span className="muted">
          {q.anonymous ? 'Anonymous' : (q.authorName ?? 'Attendee')} · {relativeTime(q.createdAt, now, skewMs)}
          {q.postId !== null && ' · from a post'}
        </span>
        {!editing && (
          <button type="button" className="edit-link" data-testid="mod-question-edit" disabled={busy} onClick={() => setEditing(true)}>
            Edit text
          </button>
        )}
      </div>
      {editing ? (
        <QuestionTextEditor
          initial={q.text}
          testId="mod-question-edit"
          onCancel={() => setEditing(false)}
          onSave={async (text) => {
            await onEdit(q, text);
            setEditing(false);
          }}
        />
      ) : (
        <p className="post-text">{q.text}</p>
      )}
      <div className="mod-actions" role="group" aria-label={`Moderate question ${q.id}`}>
        {q.status === 'dismissed' || q.status === 'answered' ? (
          <button type="button" data-testid="restore" disabled={busy} onClick={() => onModerate(q, 'restore')}>
            Restore
          </button>
        ) : (
          <button type="button" className="approve" data-testid="approve" disabled={busy || q.status !== 'pending'} onClick={() => onModerate(q, 'approve')}>
            Approve
          </button>
        )}
        <button type="button" className="reject" data-testid="dismiss" disabled={busy || q.status === 'dismissed'} onClick={() => onModerate(q, 'dismiss')}>
          Dismiss
        </button>
        <button type="button" data-testid="answer" disabled={busy || (q.status !== 'approved' && q.status !== 'pending')} onClick={() => onModerate(q, 'answer')}>
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
