import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from '../lib/CharCounter.tsx';
import { describeError, type AppError } from '../lib/errors.ts';
import { newClientId } from '../lib/ids.ts';
import type { Draft, SubmitResult } from './useQuestionOutbox.ts';

interface Props {
  /** False until the attendee's socket exists. */
  enabled: boolean;
  sessionId: number;
  allowAnonymous: boolean;
  premoderated: boolean;
  onSubmit: (draft: Draft) => Promise<SubmitResult>;
}

/** "Too many questions: try again in 40 s", counting down; the server's message for any other refusal. */
function refusal(error: AppError, until: number | null, now: number): string {
  if (error.id === 'rate_limit_exceeded' && until !== null) {
    return `Too many questions: try again in ${Math.max(1, Math.ceil((until - now) / 1000))} s.`;
  }
  return describeError(error);
}

export function QuestionForm({ enabled, sessionId, allowAnonymous, premoderated, onSubmit }: Props) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // One id per submission, kept when a refused question comes back into the box, so sending the
  // same text again can never make a second question.
  const clientId = useRef<string | null>(null);

  useEffect(() => {
    if (waitUntil === null) return undefined;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= waitUntil) {
        setWaitUntil(null);
        setError(null);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [waitUntil]);

  const length = text.trim().length;
  const tooLong = length > LIMITS.questionText.max;
  const waiting = waitUntil !== null && now < waitUntil;
  const canSend = enabled && !waiting && length >= LIMITS.questionText.min && !tooLong;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSend) return;
    clientId.current ??= newClientId();
    const draft: Draft = { clientId: clientId.current, sessionId, text, anonymous: allowAnonymous && anonymous };
    // Optimistic: the question shows at once under "Your questions"; the box is free for the next.
    setText('');
    clientId.current = null;
    setError(null);
    setNotice(null);
    const result = await onSubmit(draft);
    if (result.kind === 'sent') {
      setNotice(result.question.status === 'pending' ? 'Thanks! Your question will be listed once a moderator approves it.' : 'Your question is live.');
    } else if (result.kind === 'refused') {
      // Rolled back: the text returns to the box (unless something new was typed meanwhile).
      setText((current) => {
        if (current.trim()) return current;
        clientId.current = draft.clientId;
        return draft.text;
      });
      const at = Date.now();
      setNow(at);
      setWaitUntil(result.error.retryAfterMs ? at + result.error.retryAfterMs : null);
      setError(result.error);
    }
    // 'queued': it waits under "Your questions", which says so and offers the retry.
  }

  return (
    <form className="compose" data-testid="question-form" onSubmit={submit} aria-label="Ask a question">
      <label htmlFor="question-text" className="visually-hidden">
        Your question
      </label>
      <textarea
        id="question-text"
        data-testid="question-text"
        value={text}
        rows={3}
        placeholder="Ask the speaker a question…"
        onChange={(e) => {
          setText(e.target.value);
          clientId.current = null;
          setNotice(null);
        }}
        aria-invalid={tooLong || undefined}
        aria-describedby="question-counter question-hint"
      />
      {allowAnonymous && (
        <label className="check">
          <input
            type="checkbox"
            data-testid="question-anonymous"
            checked={anonymous}
            onChange={(e) => {
              setAnonymous(e.target.checked);
              clientId.current = null;
            }}
          />
          Ask anonymously
        </label>
      )}
      <div className="compose-row">
        <CharCounter id="question-counter" length={length} max={LIMITS.questionText.max} />
        <button type="submit" className="primary" data-testid="question-submit" disabled={!canSend}>
          {waiting ? `Wait ${Math.max(1, Math.ceil(((waitUntil ?? now) - now) / 1000))} s` : 'Ask'}
        </button>
      </div>
      <p id="question-hint" className="hint">
        {premoderated ? 'Questions are listed after a moderator approves them.' : 'Your question is listed at once.'} At least{' '}
        {LIMITS.questionText.min} characters.
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="question-error">
          {refusal(error, waitUntil, now)}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="question-notice">
          {notice}
        </p>
      )}

    </form>
  );
}
