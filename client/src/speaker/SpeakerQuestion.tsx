import type { Question, QuestionAction } from '../lib/types.ts';

interface Props {
  question: Question;
  busy: boolean;
  onAction: (action: QuestionAction) => void;
}

export function SpeakerQuestion({ question, busy, onAction }: Props) {
  const answered = question.status === 'answered';
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
          {question.anonymous ? 'Anonymous' : (question.authorName ?? 'Attendee')}
          {question.spotlighted && <span className="tag spotlight">On screen</span>}
        </p>
      </div>
      <div className="speaker-actions">
        {!answered && (
          <button type="button" className="primary" data-testid="answer" disabled={busy} onClick={() => onAction('answer')}>
            Mark answered
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
