import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchAnswers } from './answers-api.ts';
import { readCache, useSaveForOffline } from './offline-cache.ts';
import type { BcSocket } from './socket.ts';
import type { Answer } from './types.ts';

/** Accepted first, then oldest first: the server's order. */
function order(list: Answer[]): Answer[] {
  return [...list].sort((a, b) => Number(b.accepted) - Number(a.accepted) || a.id - b.id);
}

/**
 * The answers to some questions, kept live: loaded once per question (so they are there when
 * someone comes back later), then changed by the answer broadcasts this socket receives. The
 * server decides what reaches this socket; here it is only kept in order.
 */
export function useAnswers(
  socket: BcSocket | null,
  questionIds: number[],
  token: string | null,
  offline: { cacheKey: string; live: boolean } | null = null,
) {
  const cacheKey = offline?.cacheKey ?? null;
  // Offline, the answers last seen (they are fetched over HTTP, which fails then).
  const [byQuestion, setByQuestion] = useState<Map<number, Answer[]>>(
    () => new Map(cacheKey ? readCache<[number, Answer[]][]>(cacheKey)?.data : []),
  );
  const key = [...new Set(questionIds)].sort((a, b) => a - b).join(',');
  const toCache = useMemo(
    () => [...byQuestion].filter(([id]) => key.split(',').includes(String(id))),
    [byQuestion, key],
  );
  useSaveForOffline(cacheKey, toCache, offline?.live ?? false);

  const upsert = useCallback((answer: Answer) => {
    setByQuestion((previous) => {
      const next = new Map(previous);
      // An answer moves when its question is merged into another (or unmerged): off the old list.
      for (const [questionId, answers] of next)
        if (questionId !== answer.questionId && answers.some((a) => a.id === answer.id))
          next.set(
            questionId,
            answers.filter((a) => a.id !== answer.id),
          );
      let list = (next.get(answer.questionId) ?? []).filter((a) => a.id !== answer.id);
      // Only one is accepted: another accepted one means this one no longer is.
      if (answer.accepted) list = list.map((a) => (a.accepted ? { ...a, accepted: false } : a));
      next.set(answer.questionId, order([...list, answer]));
      return next;
    });
  }, []);

  useEffect(() => {
    if (!key) return undefined;
    let cancelled = false;
    for (const id of key.split(',').map(Number)) {
      fetchAnswers(id, token)
        .then(({ answers }) => {
          if (cancelled) return;
          setByQuestion((previous) => new Map(previous).set(id, order(answers)));
        })
        .catch(() => undefined);
    }
    return () => {
      cancelled = true;
    };
  }, [key, token]);

  useEffect(() => {
    if (!socket) return undefined;
    const removed = (ref: { id: number; questionId: number }) =>
      setByQuestion((previous) => {
        const next = new Map(previous);
        next.set(
          ref.questionId,
          (next.get(ref.questionId) ?? []).filter((a) => a.id !== ref.id),
        );
        return next;
      });
    socket.on('answer:created', upsert);
    socket.on('answer:updated', upsert);
    socket.on('answer:removed', removed);
    return () => {
      socket.off('answer:created', upsert);
      socket.off('answer:updated', upsert);
      socket.off('answer:removed', removed);
    };
  }, [socket, upsert]);

  return { answersOf: (questionId: number) => byQuestion.get(questionId) ?? [], upsert };
}
