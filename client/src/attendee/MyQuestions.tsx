import { useEffect, useRef, useState } from 'react';
import { describeError } from '../lib/errors.ts';
import { isQuestionPublic, STATUS_LABEL } from '../lib/question-rules.ts';
import { QuestionTextEditor } from '../lib/QuestionTextEditor.tsx';
import type { Question } from '../lib/types.ts';
import type { OutboxEntry } from './useQuestionOutbox.ts';

const CONFIRM_MS = 3000;

interface Props {
  /** Mine in this session, confirmed by the server. */
  questions: Question[];
  /** Mine in this session, not confirmed yet. */
  unsent: OutboxEntry[];
  /** False while the connection is down: a send then waits for it. */
  online: boolean;
  onEdit: (question: Question, text: string) => Promise<void>;
  onWithdraw: (question: Question) => Promise<void>;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/**
 * What happened to each of my questions: sending, awaiting moderation, live, answered or
 * dismissed. Only here can a question still awaiting moderation be edited or withdrawn.
 */
export function MyQuestions({ questions, unsent, online, onEdit, onWithdraw, onRetry, onDiscard }: Props) {
  if (questions.length === 0 && unsent.length === 0) return null;
  const newestFirst = [...questions].sort((a, b) => b.id - a.id);
  return (
    <section className="my-questions" aria-labelledby="my-questions-title" data-testid="my-questions">
      <h2 id="my-questions-title" className="section-title">
        Your questions
      </h2>
      <ol className="my-question-list">
        {unsent.map((entry) => (
          <li key={entry.clientId} className="my-question" data-testid="my-question" data-state={entry.state}>
            <p className="question-text">{entry.text}</p>
            {entry.state === 'sending' ? (
              <p className="my-question-row">
                <span className="badge" data-state="sending" role="status">
                  {online ? 'Sending…' : 'Sending… (waiting for a connection)'}
                </span>
              </p>
            ) : (
              <>
                <p className="my-question-row">
                  <button type="button" className="small retry" data-testid="question-retry" onClick={() => onRetry(entry.clientId)}>
                    Not sent — retry
                  </button>
                  <button type="button" className="small link-button" data-testid="question-discard" onClick={() => onDiscard(entry.clientId)}>
                    Discard
                  </button>
                </p>
                {entry.error ? (
                  <p className="field-error" role="alert">
                    {entry.error}
                  </p>
                ) : (
                  <p className="hint">No answer from the server. It goes again when the connection is back; a retry never asks it twice.</p>
                )}
              </>
            )}
          </li>
        ))}
        {newestFirst.map((question) => (
          <MyQuestionItem key={question.id} question={question} onEdit={onEdit} onWithdraw={onWithdraw} />
        ))}
      </ol>
    </section>
  );
}

interface ItemProps {
  question: Question;
  onEdit: (question: Question, text: string) => Promise<void>;
  onWithdraw: (question: Question) => Promise<void>;
}

function MyQuestionItem({ question, onEdit, onWithdraw }: ItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const pending = question.status === 'pending';

  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function withdraw() {
    // A two-tap confirmation: the first tap arms the button for a few seconds.
    if (!confirming) {
      setConfirming(true);
      setError(null);
      timer.current = window.setTimeout(() => setConfirming(false), CONFIRM_MS);
      return;
    }
    window.clearTimeout(timer.current);
    setConfirming(false);
    setBusy(true);
    try {
      await onWithdraw(question);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <li className="my-question" data-testid="my-question" data-question-id={question.id} data-status={question.status}>
      {editing ? (
        <QuestionTextEditor
          initial={question.text}
          testId="question-edit"
          onCancel={() => setEditing(false)}
          onSave={async (text) => {
            await onEdit(question, text);
            setEditing(false);
          }}
        />
      ) : (
        <p className="question-text">{question.text}</p>
      )}
      <div className="my-question-row">
        <span className="badge" data-status={question.status} data-testid="my-question-status">
          {STATUS_LABEL[question.status]}
        </span>
        {isQuestionPublic(question) && (
          <span className="muted" data-testid="my-question-votes">
            ▲ {question.votes} {question.votes === 1 ? 'vote' : 'votes'}
          </span>
        )}
        {question.spotlighted && <span className="tag spotlight">On screen</span>}
        {pending && !editing && (
          <span className="my-question-actions">
            <button
              type="button"
              className="small"
              data-testid="question-edit"
              disabled={busy}
              onClick={() => {
                setError(null);
                setEditing(true);
              }}
            >
              Edit
            </button>
            <button
              type="button"
              className="small danger"
              data-testid="question-withdraw"
              data-confirming={confirming || undefined}
              disabled={busy}
              onClick={() => void withdraw()}
            >
              {busy ? 'Withdrawing…' : confirming ? 'Tap again to withdraw' : 'Withdraw'}
            </button>
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="question-withdraw-error">
          {error}
        </p>
      )}
    </li>
  );
}
