import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../lib/errors.ts';
import { listAuthors, type AuthorRule, type AuthorSummary } from '../../lib/moderation-api.ts';
import type { BcSocket } from '../../lib/socket.ts';

/** Post counts move with every post; one read per burst is plenty. */
const REFRESH_AFTER_MS = 1500;

export interface Authors {
  authors: AuthorSummary[];
  /** authorKey → rule, for authors that have one. */
  rules: ReadonlyMap<string, AuthorRule>;
  loaded: boolean;
  error: string | null;
  refresh: () => void;
  /** What this console just set, shown before the next read confirms it. */
  setLocalRule: (authorKey: string, name: string, rule: AuthorRule | null) => void;
}

/**
 * The event's authors with their rules and counts. A rule set by any moderator arrives at once
 * as author:ruled; counts move with every post, so the list is read again shortly after posts
 * change.
 */
export function useAuthors(
  socket: BcSocket | null,
  eventId: number | null,
  token: string,
): Authors {
  const [authors, setAuthors] = useState<AuthorSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const generation = useRef(0);

  const refresh = useCallback(() => {
    if (eventId === null) return;
    const mine = ++generation.current;
    listAuthors(eventId, token)
      .then(({ authors: list }) => {
        if (mine !== generation.current) return;
        setAuthors(list);
        setLoaded(true);
        setError(null);
      })
      .catch((failure) => mine === generation.current && setError(describeError(failure)));
  }, [eventId, token]);

  useEffect(() => refresh(), [refresh]);

  const setLocalRule = useCallback((authorKey: string, name: string, rule: AuthorRule | null) => {
    setAuthors((list) => {
      if (list.some((a) => a.authorKey === authorKey))
        return list.map((a) => (a.authorKey === authorKey ? { ...a, rule } : a));
      const source = authorKey.split(':')[0] ?? 'web';
      return [
        { authorKey, name, handle: null, source, posts: 0, pending: 0, lastPostAt: null, rule },
        ...list,
      ];
    });
  }, []);

  useEffect(() => {
    if (!socket) return undefined;
    const soon = () => {
      if (timer.current !== undefined) return;
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
        refresh();
      }, REFRESH_AFTER_MS);
    };
    const ruled = ({
      authorKey,
      displayName,
      rule,
    }: {
      authorKey: string;
      displayName: string;
      rule: AuthorRule | null;
    }) => setLocalRule(authorKey, displayName, rule);
    socket.on('post:created', soon);
    socket.on('post:updated', soon);
    socket.on('author:ruled', ruled);
    return () => {
      socket.off('post:created', soon);
      socket.off('post:updated', soon);
      socket.off('author:ruled', ruled);
      window.clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [socket, refresh, setLocalRule]);

  const rules = useMemo(() => {
    const map = new Map<string, AuthorRule>();
    for (const author of authors) if (author.rule) map.set(author.authorKey, author.rule);
    return map;
  }, [authors]);

  return { authors, rules, loaded, error, refresh, setLocalRule };
}
