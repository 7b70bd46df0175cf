import { askerName } from '../../../shared/askers.ts';
import { useState } from 'react';
import { AnswerForm, AnswerThread } from '../lib/AnswerThread.tsx';
import type { Answer, Question, QuestionAction } from '../lib/types.ts';

interface Props {
  question: Question;
  busy: boolean;
  answers: Answer[];
  onAction: (action: QuestionAction) => void;
  /** Writes an answer and marks the question answered with it. */
  onAnswer: (text: string) => Promise<void>;
  /** Makes an answer or an approved reply the accepted one. */
  onAccept: (answer: Answer) => void;
}

export function SpeakerQuestion({ question, busy, answers, onAction, onAnswer, onAccept }: Props) {
  const answered = question.status === 'answered';
  const [writing, setWriting] = useState(false);
  return (
    <li
      className={`speaker-question${question.spotlighted ? ' spotlighted' : ''}`}
      data-testid="speaker-question"
      data-question-id={question.id}
      data-status={question.status}
    >
      <div className="speaker-votes">
        <span aria-hidden="true">▲</span>
        <strong>{question.votes}</strong>
        <span className="visually-hidden">{question.votes === 1 ? 'vote' : 'votes'}</span>
      </div>
      <div className="speaker-body">
        <p className="speaker-text">{question.text}</p>
        <p className="muted">
          {askerName(question)}
          {question.spotlighted && <span className="tag spotlight">On screen</span>}
        </p>
        <AnswerThread
          answers={answers}
          tools={(answer) =>
            !answer.accepted && answer.status === 'approved' ? (
              <button
                type="button"
                className="small"
                data-testid="accept-answer"
                onClick={() => onAccept(answer)}
              >
                Accept as the answer
              </button>
            ) : null
          }
        />
        {writing ? (
          <AnswerForm
            label="Your answer (links welcome)"
            submitLabel="Answer and mark answered"
            testId="speaker-answer-form"
            onCancel={() => setWriting(false)}
            onSubmit={async (text) => {
              await onAnswer(text);
              setWriting(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="small"
            data-testid="write-answer"
            onClick={() => setWriting(true)}
          >
            Write an answer
          </button>
        )}
      </div>
      <div className="speaker-actions">
        {/* Answering is the speaker's everyday action, and an undoable one: a calm outlined button,
            not the loudest thing on the card. */}
        {answered ? (
          <button
            type="button"
            className="speaker-restore"
            data-testid="restore"
            disabled={busy}
            onClick={() => onAction('restore')}
          >
            Back to open
          </button>
        ) : (
          <button
            type="button"
            className="speaker-answer"
            data-testid="answer"
            disabled={busy}
            onClick={() => onAction('answer')}
          >
            <span aria-hidden="true">✓</span> Mark answered
          </button>
        )}
        <button
          type="button"
          data-testid="spotlight"
          aria-pressed={question.spotlighted}
          disabled={busy}
          onClick={() => onAction(question.spotlighted ? 'unspotlight' : 'spotlight')}
        >
          {question.spotlighted ? 'Stop spotlight' : 'Spotlight'}
        </button>
      </div>
    </li>
  );
}
