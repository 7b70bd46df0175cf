import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useLatest } from './useLatest.ts';
import { type AppError, toAppError } from './errors.ts';
import { send, type BcSocket } from './socket.ts';
import type { Question, QuestionList, VoteCounts } from './types.ts';
import { readCache, useSaveForOffline } from './offline-cache.ts';

/** The most of one session's list kept for offline: the first pages, as most people read it. */
const CACHED_QUESTIONS = 100;

interface CachedQuestions {
  questions: Question[];
  myVotes: number[];
  total: number;
}

interface QuestionsState {
  sessionId: number | null;
  byId: Map<number, Question>;
  myVotes: Set<number>;
  loaded: boolean;
  error: AppError | null;
  /** Where the next page starts; null when every page is here. */
  nextCursor: string | null;
  /** How many questions the whole list holds. */
  total: number;
  /** When the list shown was last current (null before it ever loaded). */
  syncedAt: number | null;
  /** Loaded over this connection and kept current by its broadcasts. */
  fresh: boolean;
}

const emptyState = (sessionId: number | null): QuestionsState => ({
  sessionId,
  byId: new Map(),
  myVotes: new Set(),
  loaded: false,
  error: null,
  nextCursor: null,
  total: 0,
  syncedAt: null,
  fresh: false,
});

type Action =
  | { type: 'reset'; sessionId: number | null; cached: ReturnType<typeof readCached> }
  | { type: 'dropped' }
  | { type: 'loaded'; sessionId: number; list: QuestionList; seed: Question[] }
  | { type: 'more'; sessionId: number; list: QuestionList }
  | { type: 'error'; error: AppError }
  | { type: 'upsert'; question: Question; keep: boolean }
  | { type: 'removed'; id: number }
  | { type: 'counts'; counts: VoteCounts['counts']; skip: Set<number> }
  | { type: 'vote'; id: number; voted: boolean; votes: number };

function reduce(state: QuestionsState, action: Action): QuestionsState {
  switch (action.type) {
    case 'reset': {
      const { cached } = action;
      if (!cached) return emptyState(action.sessionId);
      // What this session's list was when last seen, until the watch answers.
      return {
        ...emptyState(action.sessionId),
        byId: new Map(cached.data.questions.map((q) => [q.id, q])),
        myVotes: new Set(cached.data.myVotes),
        total: cached.data.total,
        loaded: true,
        syncedAt: cached.savedAt,
      };
    }
    case 'dropped':
      return state.fresh ? { ...state, fresh: false, syncedAt: Date.now() } : state;
    case 'more': {
      if (action.sessionId !== state.sessionId) return state;
      const byId = new Map(state.byId);
      for (const question of action.list.questions)
        if (!byId.has(question.id)) byId.set(question.id, question);
      const myVotes = new Set([...state.myVotes, ...action.list.myVotes]);
      return { ...state, byId, myVotes, nextCursor: action.list.nextCursor };
    }
    case 'loaded': {
      if (action.sessionId !== state.sessionId) return state;
      const byId = new Map<number, Question>();
      for (const question of action.seed)
        if (question.sessionId === action.sessionId) byId.set(question.id, question);
      for (const question of action.list.questions) byId.set(question.id, question);
      return {
        ...state,
        byId,
        myVotes: new Set(action.list.myVotes),
        loaded: true,
        error: null,
        nextCursor: action.list.nextCursor,
        total: action.list.total,
        syncedAt: Date.now(),
        fresh: true,
      };
    }
    case 'error':
      return { ...state, error: action.error };
    case 'upsert': {
      if (action.question.sessionId !== state.sessionId) return state;
      const byId = new Map(state.byId);
      if (action.keep) byId.set(action.question.id, action.question);
      else byId.delete(action.question.id);
      return { ...state, byId };
    }
    case 'removed': {
      // Broadcast only to those who may not see the question any more, or when it no longer
      // exists (withdrawn): the author is sent an update instead whenever it still exists.
      if (!state.byId.has(action.id)) return state;
      const byId = new Map(state.byId);
      byId.delete(action.id);
      return { ...state, byId };
    }
    case 'counts': {
      const byId = new Map(state.byId);
      for (const { id, votes } of action.counts) {
        const question = byId.get(id);
        if (question && !action.skip.has(id)) byId.set(id, { ...question, votes });
      }
      return { ...state, byId };
    }
    case 'vote': {
      const question = state.byId.get(action.id);
      if (!question) return state;
      const byId = new Map(state.byId).set(action.id, {
        ...question,
        votes: Math.max(0, action.votes),
      });
      const myVotes = new Set(state.myVotes);
      if (action.voted) myVotes.add(action.id);
      else myVotes.delete(action.id);
      return { ...state, byId, myVotes };
    }
  }
}

interface Options {
  /** Whether this viewer should keep a question in view (staff: all; public: public or mine). */
  visible: (question: Question) => boolean;
  isMine?: (questionId: number) => boolean;
  /** Questions known before the watch answers (the attendee's own, from the snapshot). */
  seed?: Question[];
  /** Keep the list under this key, and show it from there while the connection is down. */
  cacheKey?: string;
}

function readCached(key: string | undefined) {
  return key ? readCache<CachedQuestions>(key) : null;
}

/**
 * Follows one session's questions: `session:watch` on every connect and whenever the session
 * changes, then upserts from the broadcasts and applies the coalesced vote counts.
 */
export function useSessionQuestions(
  socket: BcSocket | null,
  sessionId: number | null,
  options: Options,
) {
  const { cacheKey } = options;
  const [state, dispatch] = useReducer(reduce, sessionId, emptyState);
  const optionsRef = useLatest(options);
  const toCache = useMemo(
    (): CachedQuestions => ({
      questions: [...state.byId.values()].slice(0, CACHED_QUESTIONS),
      myVotes: [...state.myVotes],
      total: state.total,
    }),
    [state.byId, state.myVotes, state.total],
  );
  useSaveForOffline(
    state.sessionId === sessionId ? (cacheKey ?? null) : null,
    toCache,
    state.fresh,
  );
  // Votes waiting for their acknowledgement: a count broadcast sent before our vote landed must
  // not undo the optimistic change.
  const inFlight = useRef(new Set<number>());

  useEffect(() => {
    dispatch({ type: 'reset', sessionId, cached: readCached(optionsRef.current.cacheKey) });
    if (!socket || sessionId === null) return undefined;
    let cancelled = false;
    const watch = () => {
      send(socket, 'session:watch', { sessionId })
        .then((list) => {
          if (!cancelled)
            dispatch({ type: 'loaded', sessionId, list, seed: optionsRef.current.seed ?? [] });
        })
        .catch((error: unknown) => {
          if (!cancelled) dispatch({ type: 'error', error: toAppError(error) });
        });
    };
    const upsert = (question: Question) => {
      if (question.sessionId !== sessionId) return;
      const { visible, isMine } = optionsRef.current;
      dispatch({
        type: 'upsert',
        question,
        keep: visible(question) || Boolean(isMine?.(question.id)),
      });
    };
    const removed = (ref: { id: number; sessionId: number }) => {
      if (ref.sessionId !== sessionId) return;
      dispatch({ type: 'removed', id: ref.id });
    };
    const counts = (update: VoteCounts) => {
      if (update.sessionId === sessionId)
        dispatch({ type: 'counts', counts: update.counts, skip: new Set(inFlight.current) });
    };
    const dropped = () => dispatch({ type: 'dropped' });
    if (socket.connected) watch();
    socket.on('connect', watch);
    socket.on('disconnect', dropped);
    socket.on('question:created', upsert);
    socket.on('question:updated', upsert);
    socket.on('question:removed', removed);
    socket.on('question:votes', counts);
    return () => {
      cancelled = true;
      socket.off('connect', watch);
      socket.off('disconnect', dropped);
      socket.off('question:created', upsert);
      socket.off('question:updated', upsert);
      socket.off('question:removed', removed);
      socket.off('question:votes', counts);
    };
  }, [socket, sessionId, optionsRef]);

  /** Adds a question this client just made (from the acknowledgement, which may beat the broadcast). */
  const add = useCallback(
    (question: Question) => dispatch({ type: 'upsert', question, keep: true }),
    [],
  );

  /** Drops a question this client withdrew (from the acknowledgement, which may beat the broadcast). */
  const remove = useCallback((id: number) => dispatch({ type: 'removed', id }), []);

  /** Optimistic toggle; rolls back and rethrows when the server refuses. */
  const toggleVote = useCallback(
    async (question: Question, voted: boolean) => {
      if (!socket || inFlight.current.has(question.id)) return;
      const delta = voted ? -1 : 1;
      inFlight.current.add(question.id);
      dispatch({ type: 'vote', id: question.id, voted: !voted, votes: question.votes + delta });
      try {
        const result = await send(socket, voted ? 'question:unvote' : 'question:vote', {
          questionId: question.id,
        });
        dispatch({ type: 'vote', id: result.questionId, voted: result.voted, votes: result.votes });
      } catch (error) {
        dispatch({ type: 'vote', id: question.id, voted, votes: question.votes });
        throw toAppError(error);
      } finally {
        inFlight.current.delete(question.id);
      }
    },
    [socket],
  );

  /** The next page of the list (the first came with the watch). */
  const loadMore = useCallback(async () => {
    if (!socket || sessionId === null || state.nextCursor === null) return;
    const list = await send(socket, 'session:page', { sessionId, cursor: state.nextCursor });
    dispatch({ type: 'more', sessionId, list });
  }, [socket, sessionId, state.nextCursor]);

  const questions = state.sessionId === sessionId ? [...state.byId.values()] : [];
  return {
    questions,
    myVotes: state.myVotes,
    loaded: state.loaded && state.sessionId === sessionId,
    syncedAt: state.sessionId === sessionId ? state.syncedAt : null,
    error: state.error,
    add,
    remove,
    toggleVote,
    isVoting: (id: number) => inFlight.current.has(id),
    /** Whether the list has more pages than are here. */
    hasMore: state.sessionId === sessionId && state.nextCursor !== null,
    total: state.total,
    loadMore,
  };
}
