import type { Question, Session } from '../lib/types.ts';
import { FitText } from './FitText.tsx';
import { ScreenNotice } from './ScreenNotice.tsx';
import { askerName } from '../../../shared/askers.ts';
import { votesLabel } from './SpotlightCard.tsx';

/** As many as stay readable from the back of the hall. */
const TOP_QUESTIONS = 5;
/** Rows are never taller than this share of the area, so one question does not become a poster. */
const MIN_ROWS = 3;

/**
 * Row heights in proportion to how much each question has to say, so a long question gets the
 * height for two or three lines at the size of its neighbours instead of shrinking to one line.
 */
function rowTemplate(questions: Question[]): string {
  const rows = questions.map(
    (question) => `minmax(0, ${(1 + Math.min(question.text.length, 300) / 110).toFixed(2)}fr)`,
  );
  for (let i = rows.length; i < MIN_ROWS; i++) rows.push('minmax(0, 1.6fr)');
  return rows.join(' ');
}

interface Props {
  session: Session | null;
  /** The room the screen follows, to say where no session is live. */
  room: string | null;
  /** Open questions of the live session, best first. */
  questions: Question[];
  questionTag: string;
}

export function QuestionsView({ session, room, questions, questionTag }: Props) {
  if (!session) return <NoLiveSession room={room} />;
  const top = questions.slice(0, TOP_QUESTIONS);
  return (
    <main className="screen-main screen-questions-view">
      <h2 className="screen-view-title">
        Top questions
        {questions.length > top.length && (
          <span className="screen-view-count"> · {questions.length} asked</span>
        )}
      </h2>
      {top.length === 0 ? (
        <ScreenNotice title="No questions yet" testId="screen-no-questions">
          Ask the speaker from your phone, or post with #{questionTag.replace(/^#/, '')}.
        </ScreenNotice>
      ) : (
        <ol
          className="screen-question-list"
          data-testid="screen-questions"
          style={{ gridTemplateRows: rowTemplate(top) }}
        >
          {top.map((question, index) => (
            <li
              key={question.id}
              className="screen-card screen-question"
              data-testid="screen-question"
              data-question-id={question.id}
            >
              <span className="screen-rank">{index + 1}</span>
              <div className="screen-question-body">
                <FitText className="screen-text" text={question.text} max={2.2} min={0.8} />
                <span className="screen-question-author">{askerName(question)}</span>
              </div>
              <span className="screen-vote-box" data-testid="screen-question-votes">
                <strong>{question.votes}</strong>
                <span>{votesLabel(question.votes)}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}

export function NoLiveSession({ room }: { room: string | null }) {
  return (
    <main className="screen-main">
      <ScreenNotice
        title={room ? `Nothing live in ${room} right now` : 'No session is live right now'}
        testId="screen-no-session"
      >
        Questions for the next talk will appear here as soon as it starts.
      </ScreenNotice>
    </main>
  );
}
