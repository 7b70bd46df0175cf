import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from '../lib/CharCounter.tsx';
import { describeError, type AppError } from '../lib/errors.ts';
import { newClientId } from '../lib/ids.ts';
import type { BcSocket } from '../lib/socket.ts';
import type { Question } from '../lib/types.ts';
import type { OutboxItem, SubmitResult } from './outbox.ts';
import { SimilarSuggestions } from './SimilarSuggestions.tsx';
import { useSimilarQuestions } from './useSimilarQuestions.ts';

interface Props {
  /** False until the attendee's socket exists. */
  enabled: boolean;
  sessionId: number;
  allowAnonymous: boolean;
  premoderated: boolean;
  onSubmit: (item: OutboxItem) => Promise<SubmitResult>;
  /** For "upvote this instead?": similar questions are looked up over it as the attendee types. */
  socket: BcSocket | null;
  voted: (questionId: number) => boolean;
  onUpvote: (question: Question) => Promise<void>;
}

/** "Too many questions: try again in 40 s", counting down; the server's message for any other refusal. */
function refusal(error: AppError, until: number | null, now: number): string {
  if (error.id === 'rate_limit_exceeded' && until !== null) {
    return `Too many questions: try again in ${Math.max(1, Math.ceil((until - now) / 1000))} s.`;
  }
  return describeError(error);
}

export function QuestionForm({
  enabled,
  sessionId,
  allowAnonymous,
  premoderated,
  onSubmit,
  socket,
  voted,
  onUpvote,
}: Props) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // One line until it is used, so on a phone the questions start right under it.
  const [focusWithin, setFocusWithin] = useState(false);
  // One id per submission, kept when a refused question comes back into the box, so sending the
  // same text again can never make a second question.
  const clientId = useRef<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);

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

  const similar = useSimilarQuestions(socket, sessionId, text);
  const length = text.trim().length;
  const tooLong = length > LIMITS.questionText.max;
  const waiting = waitUntil !== null && now < waitUntil;
  const canSend = enabled && !waiting && length >= LIMITS.questionText.min && !tooLong;
  const expanded = focusWithin || text.length > 0 || error !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSend) return;
    clientId.current ??= newClientId();
    const draft: OutboxItem = {
      kind: 'question',
      clientId: clientId.current,
      sessionId,
      text,
      anonymous: allowAnonymous && anonymous,
    };
    // Optimistic: the question shows at once in the list, marked as yours; the box is free again.
    setText('');
    clientId.current = null;
    setError(null);
    setNotice(null);
    const result = await onSubmit(draft);
    if (result.kind === 'sent') {
      setNotice(
        result.delivered.kind === 'question' && result.delivered.question.status === 'pending'
          ? 'Thanks! Your question will be listed once a moderator approves it.'
          : 'Your question is live.',
      );
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
    // 'queued': it waits at the top of the list, marked "waiting to send".
  }

  return (
    <form
      className={`compose question-compose${expanded ? ' expanded' : ''}`}
      data-testid="question-form"
      data-expanded={expanded || undefined}
      onSubmit={submit}
      onFocus={() => setFocusWithin(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusWithin(false);
      }}
      aria-label="Ask a question"
    >
      <label htmlFor="question-text" className="visually-hidden">
        Your question
      </label>
      <textarea
        ref={field}
        id="question-text"
        data-testid="question-text"
        value={text}
        rows={expanded ? 3 : 1}
        placeholder="Ask the speaker a question…"
        onChange={(e) => {
          setText(e.target.value);
          clientId.current = null;
          setNotice(null);
        }}
        aria-invalid={tooLong || undefined}
        aria-describedby={expanded ? 'question-counter question-hint' : undefined}
      />
      {expanded && (
        <>
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
          <SimilarSuggestions
            similar={similar}
            voted={voted}
            onUpvote={async (question) => {
              await onUpvote(question);
              // Upvoted instead: the draft is done with.
              setText('');
              clientId.current = null;
              // The suggestion that had the focus is gone: the box keeps it, and says what happened.
              field.current?.focus();
              setNotice('Upvoted instead. Thanks: one question with many votes is heard first.');
            }}
          />
          <div className="compose-row">
            <CharCounter id="question-counter" length={length} max={LIMITS.questionText.max} />
            <button
              type="submit"
              className="primary"
              data-testid="question-submit"
              disabled={!canSend}
            >
              {waiting
                ? `Wait ${Math.max(1, Math.ceil(((waitUntil ?? now) - now) / 1000))} s`
                : 'Ask'}
            </button>
          </div>
          <p id="question-hint" className="hint">
            {premoderated
              ? 'Questions are listed after a moderator approves them.'
              : 'Your question is listed at once.'}{' '}
            At least {LIMITS.questionText.min} characters.
          </p>
        </>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="question-error">
          {refusal(error, waitUntil, now)}
        </p>
      )}
      {/* Once the field closes, the question's own card in the list says the same. */}
      {notice && expanded && (
        <p className="notice" role="status" data-testid="question-notice">
          {notice}
        </p>
      )}
    </form>
  );
}
