import { useEffect, useRef, useState } from 'react';
import { describeError } from '../lib/errors.ts';
import { QuestionTextEditor } from '../lib/QuestionTextEditor.tsx';
import type { Question } from '../lib/types.ts';
import { QuestionItem } from './QuestionItem.tsx';
import type { OutboxEntry } from './outbox.ts';
import { UnsentStatus } from './UnsentStatus.tsx';

const CONFIRM_MS = 3000;

interface Props {
  /** Mine in this session that the public list does not show: awaiting moderation, dismissed. */
  questions: Question[];
  /** Mine in this session, not confirmed yet. */
  unsent: OutboxEntry[];
  /** False while the connection is down: a send then waits for it. */
  online: boolean;
  now: number;
  skewMs: number;
  onEdit: (question: Question, text: string) => Promise<void>;
  onWithdraw: (question: Question) => Promise<void>;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

const noVote = async () => undefined;

/**
 * My questions the public list does not show yet (sending, awaiting moderation, dismissed), as
 * cards of that list marked "yours", on top of it; the live and answered ones are marked in the
 * list itself, so nothing is shown twice. Only here can a waiting question be edited or withdrawn.
 */
export function MyQuestions({
  questions,
  unsent,
  online,
  now,
  skewMs,
  onEdit,
  onWithdraw,
  onRetry,
  onDiscard,
}: Props) {
  if (questions.length === 0 && unsent.length === 0) return null;
  const newestFirst = [...questions].sort((a, b) => b.id - a.id);
  return (
    <ol className="question-list mine-waiting" aria-label="Your questions not listed yet">
      {unsent.map((entry) => (
        <li
          key={entry.clientId}
          className="question"
          data-testid="my-unsent"
          data-state={entry.state}
          data-mine
        >
          <span className="vote placeholder" aria-hidden="true">
            ▲
          </span>
          <div className="question-body">
            <p className="question-text">{entry.text}</p>
            <UnsentStatus entry={entry} online={online} onRetry={onRetry} onDiscard={onDiscard} />
          </div>
        </li>
      ))}
      {newestFirst.map((question) => (
        <MyQuestionItem
          key={question.id}
          question={question}
          now={now}
          skewMs={skewMs}
          onEdit={onEdit}
          onWithdraw={onWithdraw}
        />
      ))}
    </ol>
  );
}

interface ItemProps {
  question: Question;
  now: number;
  skewMs: number;
  onEdit: (question: Question, text: string) => Promise<void>;
  onWithdraw: (question: Question) => Promise<void>;
}

function MyQuestionItem({ question, now, skewMs, onEdit, onWithdraw }: ItemProps) {
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
    <QuestionItem
      question={question}
      mine
      voted={false}
      now={now}
      skewMs={skewMs}
      onVote={noVote}
      body={
        editing ? (
          <QuestionTextEditor
            initial={question.text}
            testId="question-edit"
            onCancel={() => setEditing(false)}
            onSave={async (text) => {
              await onEdit(question, text);
              setEditing(false);
            }}
          />
        ) : undefined
      }
      actions={
        <>
          {pending && !editing && (
            <p className="my-question-actions">
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
            </p>
          )}
          {error && (
            <p className="field-error" role="alert" data-testid="question-withdraw-error">
              {error}
            </p>
          )}
        </>
      }
    />
  );
}
