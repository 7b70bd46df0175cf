import { useState } from 'react';
import { describeError } from '../lib/errors.ts';
import type { Question } from '../lib/types.ts';
import type { SimilarQuestions } from '../../../shared/schemas/duplicates.ts';

interface Props {
  similar: SimilarQuestions;
  /** Ids the attendee has voted for, as the list knows them (it may know newer than `similar`). */
  voted: (id: number) => boolean;
  onUpvote: (question: Question) => Promise<void>;
}

/**
 * "Upvote this instead?": questions already asked in this session like the draft. One tap
 * upvotes; asking anyway stays one tap away on the form's own button.
 */
export function SimilarSuggestions({ similar, voted, onUpvote }: Props) {
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (similar.suggestions.length === 0) return null;
  const hasVoted = (id: number) => voted(id) || similar.myVotes.includes(id);

  async function upvote(question: Question) {
    setBusy(question.id);
    setError(null);
    try {
      await onUpvote(question);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="similar" data-testid="similar-questions" aria-live="polite">
      <h3 className="similar-title">Already asked? Upvote this instead?</h3>
      <ul>
        {similar.suggestions.map(({ question }) => (
          <li key={question.id} data-testid="similar-question" data-question-id={question.id}>
            <p className="question-text">{question.text}</p>
            <button
              type="button"
              data-testid="similar-upvote"
              disabled={busy !== null || hasVoted(question.id)}
              aria-label={`Upvote instead: ${question.text}`}
              onClick={() => void upvote(question)}
            >
              {hasVoted(question.id) ? '▲ Upvoted' : `▲ Upvote (${question.votes})`}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
