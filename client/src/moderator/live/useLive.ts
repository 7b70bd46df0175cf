import { useEffect, useState } from 'react';
import { useLatest } from '../../lib/useLatest.ts';
import type { BcSocket } from '../../lib/socket.ts';
import type { Snapshot } from '../../lib/types.ts';
import { describeError } from '../../lib/errors.ts';
import { listSources, type EventStats, type SourceStatus } from '../../lib/moderation-api.ts';

export interface LiveCounters {
  online: number;
  pending: number;
  postsPerMinute: number;
  /** Votes from fresh identities waiting for a moderator's release. */
  heldVotes: number;
}

/**
 * The server's counters arrive every two seconds; between two ticks the pending count follows
 * this console's own queue, so a decision moves the number at once instead of up to 2 s later.
 */
export function useStats(socket: BcSocket | null, localPending: number): LiveCounters | null {
  const [stats, setStats] = useState<{ stats: EventStats; localAt: number } | null>(null);
  const local = useLatest(localPending);
  useEffect(() => {
    if (!socket) return undefined;
    const onStats = (next: EventStats) => setStats({ stats: next, localAt: local.current });
    socket.on('stats:updated', onStats);
    return () => void socket.off('stats:updated', onStats);
  }, [local, socket]);
  if (!stats) return null;
  return {
    online: stats.stats.online,
    pending: Math.max(0, stats.stats.pending + localPending - stats.localAt),
    postsPerMinute: stats.stats.postsPerMinute,
    heldVotes: stats.stats.heldVotes,
  };
}

/**
 * How the outside sources are doing: read once over REST (the snapshot may have come before
 * this hook listened), then kept current from each fresh snapshot and the live broadcasts.
 */
export function useSources(socket: BcSocket | null, eventId: number | null, token: string) {
  const [sources, setSources] = useState<SourceStatus[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (eventId === null) return;
    let stale = false;
    listSources(eventId, token)
      .then(({ sources: list }) => !stale && setSources(list))
      .catch((failure) => !stale && setError(describeError(failure)));
    return () => {
      stale = true;
    };
  }, [eventId, token]);

  useEffect(() => {
    if (!socket) return undefined;
    const onSource = (status: SourceStatus) =>
      setSources((list) => [...list.filter((s) => s.source !== status.source), status]);
    const onSnapshot = (snapshot: Snapshot) => snapshot.sources && setSources(snapshot.sources);
    socket.on('source:status', onSource);
    socket.on('event:snapshot', onSnapshot);
    return () => {
      socket.off('source:status', onSource);
      socket.off('event:snapshot', onSnapshot);
    };
  }, [socket]);

  return { sources, error };
}
