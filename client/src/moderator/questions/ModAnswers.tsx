import { useState } from 'react';
import { acceptAnswer, moderateAnswer, postAnswer } from '../../lib/answers-api.ts';
import { AnswerForm, AnswerThread } from '../../lib/AnswerThread.tsx';
import { describeError } from '../../lib/errors.ts';
import { ArchiveToggle } from '../common/ArchiveToggle.tsx';
import { useConsole } from '../common/console-context.tsx';
import type { Answer, Question } from '../../lib/types.ts';

interface Props {
  question: Question;
  answers: Answer[];
  onChanged: (answer: Answer) => void;
}

/**
 * A question's answers and replies in the console: approve or reject an attendee's reply,
 * accept one as the answer, or write the answer (which marks the question answered).
 */
export function ModAnswers({ question, answers, onChanged }: Props) {
  const { token } = useConsole();
  const [writing, setWriting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: Promise<Answer>) => {
    setError(null);
    work.then(onChanged).catch((failure: unknown) => setError(describeError(failure)));
  };
  const canAnswer = question.status === 'approved' || question.status === 'answered';
  return (
    <div className="mod-answers" data-testid="mod-answers">
      <p className="answer-tools">
        <ArchiveToggle
          kind="question"
          id={question.id}
          withdrawn={question.archiveWithdrawn === true}
        />
      </p>
      <AnswerThread
        answers={answers}
        tools={(answer) => (
          <p className="answer-tools">
            {answer.status !== 'approved' && (
              <button
                type="button"
                className="small"
                data-testid="approve-reply"
                onClick={() => run(moderateAnswer(answer.id, token, 'approve'))}
              >
                Approve reply
              </button>
            )}
            {answer.kind === 'reply' && answer.status !== 'rejected' && (
              <button
                type="button"
                className="small danger"
                data-testid="reject-reply"
                onClick={() => run(moderateAnswer(answer.id, token, 'reject'))}
              >
                Reject reply
              </button>
            )}
            {answer.status === 'approved' && !answer.accepted && (
              <button
                type="button"
                className="small"
                data-testid="accept-answer"
                onClick={() => run(acceptAnswer(answer.id, token))}
              >
                Accept as the answer
              </button>
            )}
            <ArchiveToggle
              kind="answer"
              id={answer.id}
              withdrawn={answer.archiveWithdrawn === true}
            />
          </p>
        )}
      />
      {canAnswer &&
        (writing ? (
          <AnswerForm
            label="Answer (links welcome)"
            submitLabel="Answer and mark answered"
            testId="mod-answer-form"
            onCancel={() => setWriting(false)}
            onSubmit={async (text) => {
              onChanged(await postAnswer(question.id, token, { text, markAnswered: true }));
              setWriting(false);
            }}
          />
        ) : (
          <button
            type="button"
            className="small link-button"
            data-testid="mod-write-answer"
            onClick={() => setWriting(true)}
          >
            Write the answer
          </button>
        ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
