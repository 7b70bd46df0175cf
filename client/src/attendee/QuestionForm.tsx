import { useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import { CharCounter } from '../lib/CharCounter.tsx';
import { describeError } from '../lib/errors.ts';
import { newClientId } from '../lib/ids.ts';
import { send, type BcSocket } from '../lib/socket.ts';
import type { Question } from '../lib/types.ts';

interface Props {
  socket: BcSocket | null;
  sessionId: number;
  allowAnonymous: boolean;
  premoderated: boolean;
  onAsked: (question: Question) => void;
}

export function QuestionForm({ socket, sessionId, allowAnonymous, premoderated, onAsked }: Props) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clientId = useRef<string | null>(null);

  const length = text.trim().length;
  const tooLong = length > LIMITS.questionText.max;
  const canSend = Boolean(socket) && !busy && length >= LIMITS.questionText.min && !tooLong;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!socket || !canSend) return;
    clientId.current ??= newClientId();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const question = await send(socket, 'question:create', {
        sessionId,
        text,
        clientId: clientId.current,
        ...(allowAnonymous && anonymous ? { anonymous: true } : {}),
      });
      onAsked(question);
      setText('');
      clientId.current = null;
      setNotice(question.status === 'pending' ? 'Thanks! Your question will be listed once a moderator approves it.' : 'Your question is live.');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
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
          {busy ? 'Sending…' : 'Ask'}
        </button>
      </div>
      <p id="question-hint" className="hint">
        {premoderated ? 'Questions are listed after a moderator approves them.' : 'Your question is listed at once.'} At least{' '}
        {LIMITS.questionText.min} characters.
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="question-error">
          {error}
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
