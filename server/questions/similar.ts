import { LIMITS } from '../../shared/limits.ts';
import type { SimilarQuestions } from '../../shared/schemas/duplicates.ts';
import { searchWords, shapeOf, similarity } from '../../shared/similarity.ts';
import type { Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import { notFound } from '../lib/errors.ts';
import { presentQuestion } from './repository.ts';

/** Words that may be typed with a typo get a prefix term too: "kuberntes" still finds "kube*". */
const PREFIX_FROM = 6;
const PREFIX_LENGTH = 4;
const MAX_TERMS = 16;

/**
 * The FTS5 expression for candidates: any of the typed words (or their prefix), in the text of
 * a question only, never its author. Null when nothing typed is a content word.
 */
export function candidateMatch(text: string): string | null {
  const terms = new Set<string>();
  // Folded words are letters and digits only: quoted, nothing in them is FTS5 syntax.
  for (const word of searchWords(text)) {
    terms.add(`"${word}"`);
    if (word.length >= PREFIX_FROM) terms.add(`"${word.slice(0, PREFIX_LENGTH)}"*`);
  }
  if (terms.size === 0) return null;
  return `body : (${[...terms].slice(0, MAX_TERMS).join(' OR ')})`;
}

/**
 * "Upvote this instead?": the live questions of a session most like what an attendee is typing.
 * FTS5 finds a bounded set of candidates sharing a word; shared/similarity.ts scores them and
 * the event's threshold keeps the ones that ask the same. Only approved questions are offered,
 * presented as the public list presents them (an anonymous asker stays unnamed), and never the
 * caller's own.
 */
export function createSimilarQuestions({ repos }: Pick<DomainDeps, 'repos'>) {
  return {
    find(principal: Principal, sessionId: number, text: string): SimilarQuestions {
      const session = repos.sessions.findById(sessionId);
      if (!session) throw notFound('session_not_found', `No session with id ${sessionId}`);
      const event = repos.events.findById(session.event_id)!;
      const match = candidateMatch(text);
      if (match === null) return { suggestions: [], myVotes: [] };
      const attendeeId =
        principal.kind === 'attendee' && principal.eventId === event.id
          ? principal.attendee.id
          : null;
      const typed = shapeOf(text);
      const suggestions = repos.duplicates
        .candidates(event.id, session.id, match)
        .filter((row) => attendeeId === null || row.attendee_id !== attendeeId)
        .map((row) => ({ row, score: similarity(typed, row.text) }))
        .filter(({ score }) => score >= event.duplicate_threshold)
        .sort((a, b) => b.score - a.score || b.row.votes - a.row.votes)
        .slice(0, LIMITS.similarSuggestions)
        .map(({ row, score }) => ({
          question: presentQuestion(row),
          score: Math.round(score * 1000) / 1000,
        }));
      const ids = suggestions.map((s) => s.question.id);
      return {
        suggestions,
        myVotes: attendeeId === null ? [] : repos.questions.votedAmong(attendeeId, ids),
      };
    },
  };
}

export type SimilarQuestionsService = ReturnType<typeof createSimilarQuestions>;
