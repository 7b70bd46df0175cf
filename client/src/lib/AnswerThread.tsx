import { useState, type ReactNode } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { describeError } from './errors.ts';
import type { Answer } from './types.ts';
import '../styles/answers.css';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/**
 * Answer text with its web links clickable. The text stays React text nodes; a link is made only
 * of an http(s) address that the URL parser accepts, so nothing written can become markup or a
 * javascript: link.
 */
export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = text.split(URL_PATTERN).map((part, i) => {
    if (i % 2 === 0) return part;
    let href: string | null = null;
    try {
      const url = new URL(part);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = null;
    }
    return href ? (
      <a key={i} href={href} rel="noopener noreferrer nofollow" target="_blank">
        {part}
      </a>
    ) : (
      part
    );
  });
  return <>{parts}</>;
}

const ROLE_LABEL: Record<Answer['author']['role'], string> = {
  speaker: 'speaker',
  moderator: 'moderator',
  attendee: 'attendee',
};

interface Props {
  answers: Answer[];
  /** Staff tools on each answer (accept, approve, reject), if any. */
  tools?: (answer: Answer) => ReactNode;
}

/** A question's answers and replies, the accepted one first and marked. */
export function AnswerThread({ answers, tools }: Props) {
  if (answers.length === 0) return null;
  return (
    <ol className="answer-thread" aria-label="Answers" data-testid="answer-thread">
      {answers.map((answer) => (
        <li
          key={answer.id}
          className="answer"
          data-testid="answer-item"
          data-answer-id={answer.id}
          data-kind={answer.kind}
          data-status={answer.status}
          data-accepted={answer.accepted || undefined}
        >
          <p className="answer-meta">
            {answer.accepted && <span className="tag accepted">Answer</span>}
            <strong>{answer.author.name}</strong>
            <span className="muted"> · {ROLE_LABEL[answer.author.role]}</span>
            {answer.status !== 'approved' && (
              <span className="badge" data-status={answer.status}>
                {answer.status === 'pending' ? 'awaiting moderation' : answer.status}
              </span>
            )}
          </p>
          <p className="answer-text">
            <LinkedText text={answer.text} />
          </p>
          {tools?.(answer)}
        </li>
      ))}
    </ol>
  );
}

interface FormProps {
  label: string;
  submitLabel: string;
  testId: string;
  onSubmit: (text: string) => Promise<void>;
  onCancel?: () => void;
}

/** One text box for an answer or a reply, with its pending and error state. */
export function AnswerForm({ label, submitLabel, testId, onSubmit, onCancel }: FormProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trimmed = text.trim();
  return (
    <form
      className="answer-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (!trimmed || busy) return;
        setBusy(true);
        setError(null);
        onSubmit(trimmed)
          .then(() => setText(''))
          .catch((failure: unknown) => setError(describeError(failure)))
          .finally(() => setBusy(false));
      }}
    >
      <label>
        <span className="label">{label}</span>
        <textarea
          value={text}
          rows={3}
          maxLength={LIMITS.answerText.max}
          onChange={(e) => setText(e.target.value)}
          data-testid={`${testId}-text`}
        />
      </label>
      <div className="answer-form-actions">
        <button type="submit" disabled={!trimmed || busy} data-testid={`${testId}-submit`}>
          {busy ? 'Sending…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
