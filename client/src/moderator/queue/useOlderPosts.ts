import { useState } from 'react';
import { listModerationPosts } from '../../lib/api.ts';
import { useMutation } from '../../lib/useMutation.ts';
import { useConsole } from '../common/console-context.tsx';
import type { StatusFilter } from './queue-model.ts';

/**
 * "Load older posts" for the status filter shown: the snapshot holds only the newest, and the
 * server's cursor pages back from there, one filter at a time.
 */
export function useOlderPosts(filter: StatusFilter) {
  const { channel, eventId, token } = useConsole();
  const [cursor, setCursor] = useState<{ status: StatusFilter; next: string | null } | null>(null);
  const { busy, error, run } = useMutation();

  async function loadMore() {
    // The first page repeats what the snapshot gave (upserts make that harmless); from there on
    // the server's own cursor leads, whatever it encodes.
    const from = cursor?.status === filter ? cursor.next : null;
    const status = filter === 'all' ? undefined : filter;
    const page = await run(() => listModerationPosts(eventId, token, { status, cursor: from }));
    if (!page) return;
    channel.dispatch({ type: 'posts', posts: page.posts });
    setCursor({ status: filter, next: page.nextCursor });
  }

  return {
    loadMore,
    loading: busy,
    error: error && `Could not load older posts: ${error}`,
    exhausted: cursor?.status === filter && cursor.next === null,
  };
}
