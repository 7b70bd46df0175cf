import { askerName } from '../../../shared/askers.ts';
import { useState, type ReactNode } from 'react';
import { describeError } from '../lib/errors.ts';
import { STATUS_LABEL } from '../lib/question-rules.ts';
import { relativeTime } from '../lib/time.ts';
import type { Question } from '../lib/types.ts';

interface Props {
  question: Question;
  mine: boolean;
  voted: boolean;
  now: number;
  skewMs: number;
  onVote: (question: Question, voted: boolean) => Promise<void>;
  /** In place of the text: an editor, while its author edits a waiting question. */
  body?: ReactNode;
  /** What its author may still do (edit, withdraw), on the card itself. */
  actions?: ReactNode;
}

export function QuestionItem({ question, mine, voted, now, skewMs, onVote, body, actions }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const votable = question.status === 'approved';

  async function toggle() {
    setError(null);
    setBusy(true);
    try {
      await onVote(question, voted);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className="question"
      data-testid="question-item"
      data-question-id={question.id}
      data-status={question.status}
      data-mine={mine || undefined}
    >
      <button
        type="button"
        className="vote"
        data-testid="vote-button"
        aria-pressed={voted}
        aria-label={`${voted ? 'Remove your upvote' : 'Upvote'}: ${question.votes} ${question.votes === 1 ? 'vote' : 'votes'}`}
        disabled={!votable || busy}
        onClick={() => void toggle()}
      >
        <span className="vote-arrow" aria-hidden="true">
          ▲
        </span>
        <span className="vote-count" data-testid="vote-count">
          {question.votes}
        </span>
      </button>
      <div className="question-body">
        {body ?? <p className="question-text">{question.text}</p>}
        <p className="question-meta muted">
          {/* Mine say so first, with where they stand, in place of the author's name. */}
          {mine ? (
            <span className="badge" data-status={question.status} data-testid="question-status">
              yours{question.anonymous ? ' (anonymous)' : ''} ·{' '}
              {question.mergedInto !== null ? 'merged' : STATUS_LABEL[question.status]}
            </span>
          ) : (
            <span>{askerName(question)}</span>
          )}
          {' · '}
          <time dateTime={question.createdAt}>{relativeTime(question.createdAt, now, skewMs)}</time>
          {question.spotlighted && <span className="tag spotlight">On screen</span>}
          {!mine && question.status === 'answered' && <span className="tag">answered</span>}
        </p>
        {mine && question.mergedInto !== null && (
          <p className="hint" data-testid="merged-note">
            A moderator merged it into a similar question; its votes count there.
          </p>
        )}
        {actions}
        {error && (
          <p className="field-error" role="alert" data-testid="vote-error">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
