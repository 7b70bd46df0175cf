import type { Question } from '../lib/types.ts';
import { FitText } from './FitText.tsx';

export function SpotlightCard({ question }: { question: Question }) {
  const author = question.anonymous ? 'Anonymous' : (question.authorName ?? 'Attendee');
  return (
    <article className="screen-card featured spotlight" data-testid="screen-spotlight" data-question-id={question.id}>
      <header className="screen-card-head">
        <span className="screen-pin">Question</span>
        <span className="screen-author">{author}</span>
      </header>
      <FitText className="screen-text" text={question.text} max={3.6} min={1.4} />
      <footer className="screen-card-foot">
        <span>
          ▲ {question.votes} {question.votes === 1 ? 'vote' : 'votes'}
        </span>
      </footer>
    </article>
  );
}
