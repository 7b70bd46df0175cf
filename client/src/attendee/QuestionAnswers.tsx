import { useState } from 'react';
import { AnswerForm, AnswerThread } from '../lib/AnswerThread.tsx';
import type { Answer, Question } from '../lib/types.ts';

interface Props {
  question: Question;
  mine: boolean;
  answers: Answer[];
  /** Null when this attendee may not reply here. */
  onReply: ((text: string) => Promise<void>) | null;
}

/**
 * Under a question in the attendee app: its answers (my own questions' answers arrive live and
 * are there again when I come back), and a reply box for someone who knows.
 */
export function QuestionAnswers({ question, mine, answers, onReply }: Props) {
  const [replying, setReplying] = useState(false);
  const [sent, setSent] = useState<Answer['status'] | null>(null);
  return (
    <div className="question-answers" data-testid="question-answers">
      <AnswerThread answers={answers} />
      {onReply && !mine && question.status === 'approved' && (
        <>
          {replying ? (
            <AnswerForm
              label="Your reply: what you know about this"
              submitLabel="Send reply"
              testId="reply-form"
              onCancel={() => setReplying(false)}
              onSubmit={async (text) => {
                await onReply(text);
                setReplying(false);
                setSent('pending');
              }}
            />
          ) : (
            <button
              type="button"
              className="small link-button"
              data-testid="reply"
              onClick={() => {
                setSent(null);
                setReplying(true);
              }}
            >
              I know this — reply
            </button>
          )}
          {sent && (
            <p className="hint" role="status">
              Reply sent. It shows here once a moderator approves it, if the event asks for that.
            </p>
          )}
        </>
      )}
    </div>
  );
}
