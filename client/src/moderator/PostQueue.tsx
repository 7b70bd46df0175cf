import { useEffect, useRef, useState } from 'react';
import { listModerationPosts } from '../lib/api.ts';
import type { EventChannel } from '../lib/channel.ts';
import { describeError } from '../lib/errors.ts';
import { useNow } from '../lib/time.ts';
import type { Post, PostAction, PostStatus } from '../lib/types.ts';
import { HelpOverlay } from './HelpOverlay.tsx';
import { ModPostItem } from './ModPostItem.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { SearchField, SearchResults } from './SearchResults.tsx';
import { matchesSourceAndFlags, queueOrder, stateOf, STATUS_FILTERS, type QueueFilters as Filters, type StatusFilter } from './queue-model.ts';
import type { Authors } from './useAuthors.ts';
import { authorOf, type Moderation } from './useModeration.ts';
import { useQueueKeys } from './useQueueKeys.ts';
import { useSearch } from './useSearch.ts';

const PAST_STATUS: Record<PostStatus, string> = { pending: 'put back in the queue', approved: 'approved', rejected: 'rejected', hidden: 'hidden' };

/** Rendered at a time; the focus pulls more in as it nears the end, so a long day stays fast. */
const RENDER_STEP = 150;

interface Props {
  channel: EventChannel;
  token: string;
  moderation: Moderation;
  authors: Authors;
}

export function PostQueue({ channel, token, moderation, authors }: Props) {
  const now = useNow();
  const [filters, setFilters] = useState<Filters>({ status: 'all', source: 'all', flagged: 'all' });
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(() => new Set());
  const [help, setHelp] = useState(false);
  const [limit, setLimit] = useState(RENDER_STEP);
  const [cursor, setCursor] = useState<{ status: StatusFilter; next: string | null } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const itemRefs = useRef(new Map<number, HTMLLIElement>());
  const follow = useRef({ id: null as number | null, index: -1, status: null as PostStatus | null });
  const searchInput = useRef<HTMLInputElement>(null);
  const search = useSearch(channel.event?.id ?? null, token);
  const { say } = moderation;

  const scoped = channel.posts.filter((post) => matchesSourceAndFlags(post, filters));
  const counts = Object.fromEntries(STATUS_FILTERS.map((f) => [f, 0])) as Record<StatusFilter, number>;
  counts.all = scoped.length;
  for (const post of scoped) counts[post.status] += 1;
  const posts = scoped.filter((post) => filters.status === 'all' || post.status === filters.status).sort(queueOrder);
  const index = posts.findIndex((post) => post.id === focusedId);
  const focused = index === -1 ? null : posts[index]!;

  // When the focused post is decided elsewhere (or leaves the list), the focus stays where it
  // was in the list, which is now the next post: the same place a decision of one's own leads.
  useEffect(() => {
    const f = follow.current;
    const post = focusedId === null ? null : (channel.posts.find((p) => p.id === focusedId) ?? null);
    if (focusedId !== f.id) {
      Object.assign(f, { id: focusedId, index, status: post?.status ?? null });
      return;
    }
    if (!post) return;
    const changed = post.status !== f.status;
    f.status = post.status;
    const byOther = changed && !moderation.isOurs(post.id, stateOf(post));
    const moved = index === -1 || (byOther && index !== f.index);
    if (moved) setFocusedId(posts[Math.min(Math.max(f.index, 0), posts.length - 1)]?.id ?? null);
    else f.index = index;
    if (byOther) say('info', `Post ${post.id} was just ${PAST_STATUS[post.status]} by another moderator${moved ? '; you are on the next post' : ''}.`);
  });

  useEffect(() => {
    if (focusedId !== null) itemRefs.current.get(focusedId)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);

  useEffect(() => {
    if (index >= limit - 10) setLimit((l) => l + RENDER_STEP);
  }, [index, limit]);

  /** Like a mail client: once the focused post is decided, the focus moves on to the next one. */
  function moveOn(post: Post) {
    if (post.id !== focusedId) return;
    const at = posts.indexOf(post);
    setFocusedId((posts[at + 1] ?? posts[at - 1])?.id ?? null);
  }

  function decide(post: Post, action: PostAction, key: string | null) {
    if (moderation.moderate(post, action, key) && action !== 'pin' && action !== 'unpin') moveOn(post);
  }

  function block(post: Post) {
    // Blocking takes the post down with the author's others: the same as deciding it.
    if (post.authorKey && authors.rules.get(post.authorKey) !== 'blocked' && (post.status === 'pending' || post.status === 'approved')) moveOn(post);
    void moderation.setRule(authorOf(post), 'blocked');
  }

  function togglePick(id: number) {
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function bulk(action: PostAction) {
    const chosen = channel.posts.filter((p) => picked.has(p.id));
    if (await moderation.moderateMany(chosen, action)) setPicked(new Set());
  }

  useQueueKeys((key, label) => {
    if (help) {
      if (key === 'help' || key === 'escape') setHelp(false);
      return;
    }
    if (key === 'help') return setHelp(true);
    if (key === 'search') {
      searchInput.current?.focus();
      return searchInput.current?.select();
    }
    if (search.active) {
      // The queue is out of sight: a letter must not decide a post nobody is looking at.
      if (key === 'escape') return leaveSearch();
      if (key === 'undo') return void moderation.undo();
      return say('info', 'Queue keys are off while you search: Esc goes back to the queue.');
    }
    if (key === 'escape') return setPicked(new Set());
    if (key === 'undo') return void moderation.undo();
    if (key === 'bulkApprove') return void bulk('approve');
    if (key === 'bulkReject') return void bulk('reject');
    if (key === 'next' || key === 'previous') {
      if (posts.length === 0) return;
      const step = key === 'next' ? 1 : -1;
      const to = index === -1 ? (step === 1 ? 0 : posts.length - 1) : Math.min(posts.length - 1, Math.max(0, index + step));
      setFocusedId(posts[to]!.id);
      return;
    }
    if (!focused) return say('info', 'Press j to pick a post first.');
    if (moderation.busy.has(focused.id)) return;
    if (key === 'select') return togglePick(focused.id);
    if (key === 'block') return block(focused);
    if (key === 'trust') return void moderation.setRule(authorOf(focused), 'trusted');
    if (key === 'pin') return decide(focused, focused.pinned ? 'unpin' : 'pin', label);
    decide(focused, key, label);
  });

  function leaveSearch() {
    search.setText('');
    searchInput.current?.blur();
  }

  async function loadMore() {
    if (!channel.event) return;
    setLoadingMore(true);
    setLoadError(null);
    try {
      // The first page repeats what the snapshot gave (upserts make that harmless); from there on
      // the server's own cursor leads, whatever it encodes.
      const from = cursor?.status === filters.status ? cursor.next : null;
      const status = filters.status === 'all' ? undefined : filters.status;
      const page = await listModerationPosts(channel.event.id, token, { status, cursor: from });
      channel.dispatch({ type: 'posts', posts: page.posts });
      setCursor({ status: filters.status, next: page.nextCursor });
    } catch (failure) {
      setLoadError(`Could not load older posts: ${describeError(failure)}`);
    } finally {
      setLoadingMore(false);
    }
  }

  const exhausted = cursor?.status === filters.status && cursor.next === null;
  const pickedOutOfView = [...picked].filter((id) => !posts.some((p) => p.id === id)).length;
  const { message } = moderation;

  return (
    // The console's main landmark: the queue is what a moderator works on all day.
    <main className="panel queue" aria-labelledby="queue-title" data-key-zone="posts">
      {/* Stays in view while the list scrolls: filters, the bulk bar and the last message. */}
      <div className="queue-head">
        <div className="panel-head">
          <h2 id="queue-title">{search.active ? 'Search' : 'Posts'}</h2>
          <SearchField search={search} inputRef={searchInput} onLeave={leaveSearch} />
          {!search.active && <QueueFilters filters={filters} counts={counts} onChange={setFilters} />}
        </div>
        <div className="queue-bar" hidden={search.active}>
          {picked.size > 0 ? (
            <div className="bulk-bar" data-testid="bulk-bar">
              <strong>{picked.size} selected</strong>
              <button type="button" className="approve" data-testid="bulk-approve" onClick={() => void bulk('approve')}>
                Approve all <kbd>A</kbd>
              </button>
              <button type="button" className="reject" data-testid="bulk-reject" onClick={() => void bulk('reject')}>
                Reject all <kbd>R</kbd>
              </button>
              <button type="button" onClick={() => setPicked(new Set())}>
                Clear <kbd>Esc</kbd>
              </button>
              {pickedOutOfView > 0 && <span className="muted">{pickedOutOfView} not in this view</span>}
            </div>
          ) : (
            <p className="shortcuts muted" data-testid="shortcut-help">
              <kbd>j</kbd>
              <kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>p</kbd> pin · <kbd>h</kbd> hide · <kbd>b</kbd> block ·{' '}
              <kbd>t</kbd> trust · <kbd>x</kbd> select · <kbd>u</kbd> undo ·{' '}
              <span className="key-pair">
                <kbd>q</kbd> questions
              </span>
            </p>
          )}
          <button type="button" className="help-button" onClick={() => setHelp(true)} data-testid="help-button" aria-haspopup="dialog">
            <kbd>?</kbd> All keys
          </button>
        </div>
        {message && (
          <p key={message.seq} className="queue-message" data-kind={message.kind} data-testid="mod-message" role={message.kind === 'info' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </div>
      {loadError && (
        <p className="banner error" role="alert" data-testid="mod-error">
          {loadError}
        </p>
      )}
      {search.active && <SearchResults search={search} channel={channel} moderation={moderation} now={now} />}
      {/* Kept mounted under the search, so leaving it finds the queue as it was. */}
      <div className="queue-body" hidden={search.active}>
        {posts.length === 0 ? (
          <p className="empty">{filters.status === 'pending' || filters.status === 'all' ? 'Nothing waiting. New posts appear here live.' : `No ${filters.status} posts in this view.`}</p>
        ) : (
          <ol className="mod-list" aria-label="Post queue">
            {posts.slice(0, limit).map((post) => (
              <ModPostItem
                key={post.id}
                ref={(node) => {
                  if (node) itemRefs.current.set(post.id, node);
                  else itemRefs.current.delete(post.id);
                }}
                post={post}
                focused={post.id === focusedId}
                selected={picked.has(post.id)}
                busy={moderation.busy.has(post.id)}
                changedBy={moderation.foreignStatus(post.id)}
                rule={post.authorKey ? (authors.rules.get(post.authorKey) ?? null) : null}
                now={now}
                skewMs={channel.skewMs}
                onFocus={() => setFocusedId(post.id)}
                onToggleSelect={() => togglePick(post.id)}
                onAction={(action) => decide(post, action, null)}
                onRule={(rule) => void moderation.setRule(authorOf(post), rule)}
              />
            ))}
          </ol>
        )}
        {posts.length > limit && (
          <button type="button" className="load-more" onClick={() => setLimit((l) => l + RENDER_STEP)}>
            Show {Math.min(RENDER_STEP, posts.length - limit)} more
          </button>
        )}
        {!exhausted && channel.ready && posts.length <= limit && (
          <button type="button" className="load-more" onClick={() => void loadMore()} disabled={loadingMore} data-testid="load-more">
            {loadingMore ? 'Loading…' : 'Load older posts'}
          </button>
        )}
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </main>
  );
}
