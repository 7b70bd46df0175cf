import { useCallback, useEffect, useMemo, useState } from 'react';
import { describeError } from '../../lib/errors.ts';
import { listWaiting } from '../../lib/moderation-api.ts';
import type { BcSocket } from '../../lib/socket.ts';
import type { Question, Session, WaitingCounts } from '../../lib/types.ts';

export interface Waiting {
  /** Questions awaiting moderation per session; a session not in it has none. */
  counts: ReadonlyMap<number, number>;
  /** Across every session of the event. */
  total: number;
  /**
   * The live sessions' questions as last heard: the waiting ones, and the ones decided since
   * (kept so this console's undo still finds them). The view shows the waiting ones.
   */
  questions: Question[];
  loaded: boolean;
  error: string | null;
  /** A question this console just changed (from the acknowledgement, which may beat the broadcast). */
  add: (question: Question) => void;
}

const countsMap = (update: WaitingCounts) =>
  new Map(update.counts.map((c) => [c.sessionId, c.waiting] as const));

/**
 * What waits for a moderator in every room. Read over REST on every (re)connect and whenever the
 * set of live sessions changes; then the counts follow the server's coalesced
 * `questions:waiting`, and the list follows the question broadcasts the moderator room hears.
 */
export function useWaiting(
  socket: BcSocket | null,
  eventId: number | null,
  token: string,
  sessions: Session[],
): Waiting {
  const [counts, setCounts] = useState<ReadonlyMap<number, number>>(new Map());
  const [byId, setById] = useState<ReadonlyMap<number, Question>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const liveKey = sessions
    .filter((s) => s.live)
    .map((s) => s.id)
    .join(',');
  const live = useMemo(() => new Set(liveKey.split(',').filter(Boolean).map(Number)), [liveKey]);

  useEffect(() => {
    if (!socket || eventId === null) return undefined;
    let stale = false;
    const load = () => {
      listWaiting(eventId, token).then(
        (result) => {
          if (stale) return;
          setCounts(countsMap(result));
          setById(new Map(result.questions.map((q) => [q.id, q])));
          setLoaded(true);
          setError(null);
        },
        (failure: unknown) => !stale && setError(describeError(failure)),
      );
    };
    const onCounts = (update: WaitingCounts) => {
      if (update.eventId === eventId) setCounts(countsMap(update));
    };
    if (socket.connected) load();
    socket.on('connect', load);
    socket.on('questions:waiting', onCounts);
    return () => {
      stale = true;
      socket.off('connect', load);
      socket.off('questions:waiting', onCounts);
    };
  }, [socket, eventId, token, live]);

  const add = useCallback(
    (question: Question) =>
      setById((map) => {
        // A new question is taken in only while it waits in a live session; one already here
        // is followed whatever it becomes, so a decision and its undo both show.
        if (
          !map.has(question.id) &&
          (question.status !== 'pending' || !live.has(question.sessionId))
        )
          return map;
        return new Map(map).set(question.id, question);
      }),
    [live],
  );

  useEffect(() => {
    if (!socket) return undefined;
    const removed = (ref: { id: number }) =>
      setById((map) => {
        if (!map.has(ref.id)) return map;
        const next = new Map(map);
        next.delete(ref.id);
        return next;
      });
    const sessionGone = (ref: { id: number }) =>
      setCounts((map) => {
        if (!map.has(ref.id)) return map;
        const next = new Map(map);
        next.delete(ref.id);
        return next;
      });
    socket.on('question:created', add);
    socket.on('question:updated', add);
    socket.on('question:removed', removed);
    socket.on('session:removed', sessionGone);
    return () => {
      socket.off('question:created', add);
      socket.off('question:updated', add);
      socket.off('question:removed', removed);
      socket.off('session:removed', sessionGone);
    };
  }, [socket, add]);

  const questions = useMemo(() => [...byId.values()], [byId]);
  let total = 0;
  for (const n of counts.values()) total += n;
  return { counts, total, questions, loaded, error, add };
}
