import { useEffect, useRef, useState } from 'react';
import { useLatest } from '../../lib/useLatest.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { hasSearchTerms } from '../../../../shared/search.ts';
import { cleanLine } from '../../../../shared/text.ts';
import { describeError } from '../../lib/errors.ts';
import { searchPosts, searchQuestions } from '../../lib/moderation-api.ts';
import type { Post, PostStatus, Question, SnippetPart } from '../../lib/types.ts';

const DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;

export interface Listing<T> {
  /** What these items answer (null: nothing asked yet); differs from the asked key while loading. */
  key: string | null;
  items: T[];
  /** Each item's text with the matched words marked, by id. */
  snippets: Record<string, SnippetPart[]>;
  next: string | null;
  loading: boolean;
  error: string | null;
  more: () => void;
}

type Page<T> = { items: T[]; next: string | null; snippets?: Record<string, SnippetPart[]> };
type State<T> = Omit<Listing<T>, 'more'>;

const IDLE = { key: null, items: [], snippets: {}, next: null, loading: false, error: null };

/**
 * One server-side search, paged by the server's cursor. A new key waits for typing to pause,
 * then cancels whatever the old key still had in flight, so a slow answer to an old term can
 * never replace the answer to the new one. Old items stay on screen until the new ones arrive.
 */
function usePagedSearch<T extends { id: number }>(
  key: string | null,
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>,
): Listing<T> {
  const [state, setState] = useState<State<T>>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const fetchRef = useLatest(fetchPage);

  async function load(ctl: AbortController, asked: string, cursor: string | null) {
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const page = await fetchRef.current(cursor, ctl.signal);
      if (ctl.signal.aborted) return;
      setState((s) => {
        // A page after the first may repeat an item that moved up meanwhile: keep one of each.
        const seen = new Set(cursor ? s.items.map((item) => item.id) : []);
        const items = cursor
          ? [...s.items, ...page.items.filter((item) => !seen.has(item.id))]
          : page.items;
        const snippets = { ...(cursor ? s.snippets : {}), ...page.snippets };
        return { key: asked, items, snippets, next: page.next, loading: false, error: null };
      });
    } catch (failure) {
      if (!ctl.signal.aborted)
        setState((s) => ({ ...s, loading: false, error: describeError(failure) }));
    }
  }

  useEffect(() => {
    if (key === null) {
      setState(IDLE);
      return undefined;
    }
    const ctl = new AbortController();
    controller.current = ctl;
    setState((s) => ({ ...s, loading: true, error: null }));
    const timer = window.setTimeout(() => void load(ctl, key, null), DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reloads only when the query changes; load reads refs
  }, [key]);

  const more = () => {
    const ctl = controller.current;
    if (ctl && key !== null && state.key === key && state.next && !state.loading)
      void load(ctl, key, state.next);
  };
  return { ...state, more };
}

export type SearchStatus = 'all' | PostStatus;

/** What the server will search for: cleaned as it cleans, so what was typed is what is matched. */
export function searchTerm(text: string): string {
  return cleanLine(text).slice(0, LIMITS.search.max);
}

/** The console's search over the whole record: posts in any status and questions of every session. */
export function useSearch(eventId: number | null, token: string) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<SearchStatus>('all');
  const term = searchTerm(text);
  // Only punctuation has nothing to look for: the server would refuse it.
  const active = eventId !== null && term.length >= LIMITS.search.min && hasSearchTerms(term);
  const postKey = active ? `${eventId}|${status}|${term}` : null;
  const questionKey = active ? `${eventId}|${term}` : null;

  const posts = usePagedSearch<Post>(postKey, async (cursor, signal) => {
    const page = await searchPosts(
      eventId!,
      token,
      { q: term, status: status === 'all' ? undefined : status, cursor, limit: PAGE_SIZE },
      signal,
    );
    return { items: page.posts, next: page.nextCursor, snippets: page.snippets };
  });
  const questions = usePagedSearch<Question>(questionKey, async (cursor, signal) => {
    const page = await searchQuestions(
      eventId!,
      token,
      { q: term, cursor, limit: PAGE_SIZE },
      signal,
    );
    return { items: page.questions, next: page.nextCursor, snippets: page.snippets };
  });

  return {
    text,
    setText,
    term,
    active,
    status,
    setStatus,
    posts,
    questions,
    /** Whether what is on screen answers what was typed, with nothing still on the way. */
    settled:
      !posts.loading &&
      !questions.loading &&
      posts.key === postKey &&
      questions.key === questionKey,
  };
}

export type Search = ReturnType<typeof useSearch>;
