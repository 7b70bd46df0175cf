import { useState } from 'react';
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
}

function authorOf(question: Question, mine: boolean): string {
  if (mine) return question.anonymous ? 'You (anonymously)' : 'You';
  return question.anonymous ? 'Anonymous' : (question.authorName ?? 'Attendee');
}

export function QuestionItem({ question, mine, voted, now, skewMs, onVote }: Props) {
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
        <p className="question-text">{question.text}</p>
        <p className="question-meta muted">
          <span>{authorOf(question, mine)}</span>
          {' · '}
          <time dateTime={question.createdAt}>{relativeTime(question.createdAt, now, skewMs)}</time>
          {question.spotlighted && <span className="tag spotlight">On screen</span>}
          {mine && (
            <span className="badge" data-status={question.status} data-testid="question-status">
              yours · {STATUS_LABEL[question.status]}
            </span>
          )}
          {!mine && question.status === 'answered' && <span className="tag">answered</span>}
        </p>
        {error && (
          <p className="field-error" role="alert" data-testid="vote-error">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
