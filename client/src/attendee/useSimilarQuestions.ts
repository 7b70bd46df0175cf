import { useEffect, useState } from 'react';
import { LIMITS } from '../../../shared/limits.ts';
import type { SimilarQuestions } from '../../../shared/schemas/duplicates.ts';
import { send, type BcSocket } from '../lib/socket.ts';

/** Quiet this long after the last keystroke before asking: one request per pause, not per key. */
const DEBOUNCE_MS = 600;
/** Shorter drafts say too little to compare. */
const MIN_CHARS = 12;

const NONE: SimilarQuestions = { suggestions: [], myVotes: [] };

/**
 * Live questions of the session like the draft, as the attendee types (question:similar). A
 * refusal (rate limit, offline) shows nothing: the suggestions are a help, never in the way.
 */
export function useSimilarQuestions(
  socket: BcSocket | null,
  sessionId: number,
  draft: string,
): SimilarQuestions {
  const [found, setFound] = useState<{ key: string; result: SimilarQuestions } | null>(null);
  const text = draft.trim();
  const key = `${sessionId}:${text}`;
  const enough = text.length >= MIN_CHARS && text.length <= LIMITS.questionText.max;

  useEffect(() => {
    if (!socket || !enough) return undefined;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      send(socket, 'question:similar', { sessionId, text })
        .then((result) => {
          if (!cancelled) setFound({ key, result });
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [socket, sessionId, text, key, enough]);

  // What was found for an earlier draft stays until the next answer, unless the box emptied.
  return enough && found ? found.result : NONE;
}
