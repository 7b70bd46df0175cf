import { useEffect, useRef, useState } from 'react';
import { listModerationPosts } from '../lib/api.ts';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import { send } from '../lib/socket.ts';
import { useNow } from '../lib/time.ts';
import type { Post, PostAction, PostStatus } from '../lib/types.ts';
import { ModPostItem } from './ModPostItem.tsx';
import { useQueueKeys, type QueueKey } from './useQueueKeys.ts';

type Filter = 'all' | PostStatus;
const FILTERS: Filter[] = ['all', 'pending', 'approved', 'rejected', 'hidden'];
const FILTER_LABEL: Record<Filter, string> = { all: 'All', pending: 'Pending', approved: 'Approved', rejected: 'Rejected', hidden: 'Hidden' };

/** Pending first (oldest waiting first, so nobody waits forever), then the rest newest first. */
function queueOrder(a: Post, b: Post): number {
  const pa = a.status === 'pending' ? 0 : 1;
  const pb = b.status === 'pending' ? 0 : 1;
  if (pa !== pb) return pa - pb;
  return pa === 0 ? a.id - b.id : b.id - a.id;
}

export function PostQueue({ channel, token }: { channel: EventChannel; token: string }) {
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('all');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [busyIds, setBusyIds] = useState<Set<number>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<{ filter: Filter; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const itemRefs = useRef(new Map<number, HTMLLIElement>());

  const counts: Record<Filter, number> = { all: channel.posts.length, pending: 0, approved: 0, rejected: 0, hidden: 0 };
  for (const post of channel.posts) counts[post.status] += 1;
  const posts = channel.posts.filter((post) => filter === 'all' || post.status === filter).sort(queueOrder);
  const selectedIndex = posts.findIndex((post) => post.id === selectedId);
  const selected = selectedIndex === -1 ? null : posts[selectedIndex]!;

  useEffect(() => {
    if (selectedId !== null) itemRefs.current.get(selectedId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  async function moderate(post: Post, action: PostAction) {
    setError(null);
    setBusyIds((ids) => new Set(ids).add(post.id));
    try {
      const updated = await send(channel.socket!, 'post:moderate', { postId: post.id, action });
      channel.dispatch({ type: 'post', post: updated });
    } catch (failure) {
      setError(`Could not ${action} post ${post.id}: ${describeError(failure)}`);
    } finally {
      setBusyIds((ids) => {
        const next = new Set(ids);
        next.delete(post.id);
        return next;
      });
    }
  }

  function act(post: Post, action: PostAction) {
    // Like a mail client: once a post is decided, the selection moves on to the next one.
    if (action !== 'pin' && action !== 'unpin' && post.id === selectedId) {
      const index = posts.indexOf(post);
      setSelectedId((posts[index + 1] ?? posts[index - 1])?.id ?? null);
    }
    void moderate(post, action);
  }

  useQueueKeys((key: QueueKey) => {
    if (posts.length === 0) return;
    if (key === 'next' || key === 'previous') {
      const step = key === 'next' ? 1 : -1;
      const index = selectedIndex === -1 ? (step === 1 ? 0 : posts.length - 1) : Math.min(posts.length - 1, Math.max(0, selectedIndex + step));
      setSelectedId(posts[index]!.id);
      return;
    }
    if (!selected || busyIds.has(selected.id)) return;
    if (key === 'pin') {
      if (selected.pinned || selected.status === 'approved') act(selected, selected.pinned ? 'unpin' : 'pin');
      return;
    }
    const action: PostAction = key;
    const already = { approve: 'approved', reject: 'rejected', hide: 'hidden' }[action] === selected.status;
    if (!already) act(selected, action);
  });

  async function loadMore() {
    if (!channel.event) return;
    setLoadingMore(true);
    setError(null);
    try {
      // The first page repeats what the snapshot gave (upserts make that harmless); from there on
      // the server's own cursor leads, whatever it encodes.
      const from = cursor?.filter === filter ? cursor.next : null;
      const page = await listModerationPosts(channel.event.id, token, { status: filter === 'all' ? undefined : filter, cursor: from });
      channel.dispatch({ type: 'posts', posts: page.posts });
      setCursor({ filter, next: page.nextCursor });
    } catch (failure) {
      setError(`Could not load older posts: ${describeError(failure)}`);
    } finally {
      setLoadingMore(false);
    }
  }

  const exhausted = cursor?.filter === filter && cursor.next === null;

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">Posts</h2>
        <div className="filters" role="group" aria-label="Filter posts by status">
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} data-testid={`filter-${f}`} onClick={() => setFilter(f)}>
              {FILTER_LABEL[f]} <span className="count">{counts[f]}</span>
            </button>
          ))}
        </div>
      </div>
      <p className="shortcuts muted" data-testid="shortcut-help">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>h</kbd> hide · <kbd>p</kbd> pin
      </p>
      {error && (
        <p className="banner error" role="alert" data-testid="mod-error">
          {error}
        </p>
      )}
      {posts.length === 0 ? (
        <p className="empty">{filter === 'pending' || filter === 'all' ? 'Nothing waiting. New posts appear here live.' : `No ${filter} posts.`}</p>
      ) : (
        <ol className="mod-list" aria-label="Post queue">
          {posts.map((post) => (
            <ModPostItem
              key={post.id}
              ref={(node) => {
                if (node) itemRefs.current.set(post.id, node);
                else itemRefs.current.delete(post.id);
              }}
              post={post}
              selected={post.id === selectedId}
              busy={busyIds.has(post.id)}
              now={now}
              skewMs={channel.skewMs}
              onSelect={() => setSelectedId(post.id)}
              onAction={(action) => act(post, action)}
            />
          ))}
        </ol>
      )}
      {!exhausted && channel.ready && (
        <button type="button" className="load-more" onClick={() => void loadMore()} disabled={loadingMore} data-testid="load-more">
          {loadingMore ? 'Loading…' : 'Load older posts'}
        </button>
      )}
    </section>
  );
}

