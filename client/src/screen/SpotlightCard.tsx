import { askerName } from '../../../shared/askers.ts';
import type { Question } from '../lib/types.ts';
import { FitText } from './FitText.tsx';

export function votesLabel(votes: number): string {
  return votes === 1 ? 'vote' : 'votes';
}

interface Props {
  question: Question;
  /** 'Question' when spotlighted by the speaker or a moderator, else what it is (the top question). */
  label?: string;
  /** Spotlight mode gives the question the whole screen. */
  huge?: boolean;
}

export function SpotlightCard({ question, label = 'Question', huge = false }: Props) {
  return (
    <article
      className={`screen-card featured spotlight${huge ? ' huge' : ''}`}
      data-testid="screen-spotlight"
      data-question-id={question.id}
      data-status={question.status}
    >
      <header className="screen-card-head">
        <span className="screen-badge">{label}</span>
        {question.status === 'answered' && <span className="screen-badge quiet">Answered</span>}
      </header>
      <FitText
        className="screen-text spotlight-text"
        text={question.text}
        max={huge ? 4.6 : 3.2}
        min={huge ? 1.4 : 1}
      />
      <footer className="screen-spotlight-foot">
        <span className="screen-author">{askerName(question)}</span>
        <span className="screen-votes" data-testid="screen-spotlight-votes">
          <strong>{question.votes}</strong> {votesLabel(question.votes)}
        </span>
      </footer>
    </article>
  );
}
