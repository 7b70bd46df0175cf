import { useEffect, useRef, useState } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { useNow } from '../../lib/time.ts';
import type { Post, PostAction, PostStatus } from '../../lib/types.ts';
import { useConsole } from '../common/console-context.tsx';
import { HelpOverlay } from '../shell/HelpOverlay.tsx';
import { ModPostItem } from './ModPostItem.tsx';
import { QueueBar } from './QueueBar.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { SearchField, SearchResults } from '../search/SearchResults.tsx';
import {
  authorOf,
  cleanPending,
  countPosts,
  matchesSourceAndFlags,
  queueOrder,
  stateOf,
  STATUS_FILTERS,
  type QueueFilters as Filters,
  type StatusFilter,
} from './queue-model.ts';
import type { Authors } from '../setup/useAuthors.ts';
import type { Moderation } from './useModeration.ts';
import { useQueueKeys } from '../shell/useQueueKeys.ts';
import { useSelection } from './useSelection.ts';
import { useSearch } from '../search/useSearch.ts';
import { useListFocus } from '../common/useListFocus.ts';
import { useOlderPosts } from './useOlderPosts.ts';

const PAST_STATUS: Record<PostStatus, string> = {
  pending: 'put back in the queue',
  approved: 'approved',
  rejected: 'rejected',
  hidden: 'hidden',
};

/** Rendered at a time; the focus pulls more in as it nears the end, so a long day stays fast. */
const RENDER_STEP = 150;

interface Props {
  moderation: Moderation;
  authors: Authors;
}

export function PostQueue({ moderation, authors }: Props) {
  const { channel, eventId, token } = useConsole();
  const now = useNow();
  const [filters, setFilters] = useState<Filters>({ status: 'all', source: 'all', flagged: 'all' });
  const [help, setHelp] = useState(false);
  const [limit, setLimit] = useState(RENDER_STEP);
  const itemRefs = useRef(new Map<number, HTMLLIElement>());
  const searchInput = useRef<HTMLInputElement>(null);
  const search = useSearch(eventId, token);
  const { say } = moderation;

  const scoped = channel.posts.filter((post) => matchesSourceAndFlags(post, filters));
  const counts = Object.fromEntries(STATUS_FILTERS.map((f) => [f, 0])) as Record<
    StatusFilter,
    number
  >;
  counts.all = scoped.length;
  for (const post of scoped) counts[post.status] += 1;
  const posts = scoped
    .filter((post) => filters.status === 'all' || post.status === filters.status)
    .sort(queueOrder);
  const selection = useSelection(posts.map((post) => post.id));
  const list = useListFocus({
    order: posts,
    find: (id) => channel.posts.find((p) => p.id === id) ?? null,
    statusOf: (post) => post.status,
    isOurs: (post) => moderation.isOurs(post.id, stateOf(post)),
    ready: true,
    announce(post, { byOther, moveTo }) {
      if (post && byOther)
        say(
          'info',
          `Post ${post.id} was just ${PAST_STATUS[post.status]} by another moderator${moveTo !== null ? '; you are on the next post' : ''}.`,
        );
    },
  });
  const { focusedId, setFocusedId, index, focused } = list;

  useEffect(() => {
    if (focusedId !== null) itemRefs.current.get(focusedId)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- grows the rendered window once the focus nears its end
    if (index >= limit - 10) setLimit((l) => l + RENDER_STEP);
  }, [index, limit]);

  const moveOn = list.moveOn;

  function decide(post: Post, action: PostAction, key: string | null) {
    if (moderation.moderate(post, action, key) && action !== 'pin' && action !== 'unpin')
      moveOn(post);
  }

  function block(post: Post) {
    // Blocking takes the post down with the author's others: the same as deciding it.
    if (
      post.authorKey &&
      authors.rules.get(post.authorKey) !== 'blocked' &&
      (post.status === 'pending' || post.status === 'approved')
    )
      moveOn(post);
    void moderation.setRule(authorOf(post), 'blocked');
  }

  /** Shift+J / Shift+K: pick the focused post and the next (or previous), and move on. */
  function extend(step: 1 | -1) {
    if (posts.length === 0) return;
    const to =
      index === -1
        ? posts[step === 1 ? 0 : posts.length - 1]!.id
        : posts[Math.min(posts.length - 1, Math.max(0, index + step))]!.id;
    selection.extend(index === -1 ? to : focused!.id, to);
    setFocusedId(to);
  }

  const clean = cleanPending(channel.posts, LIMITS.approveCleanMax);

  async function approveClean() {
    if (clean.length === 0) return say('info', 'No clean pending posts to approve.');
    const left =
      channel.posts.filter((p) => p.status === 'pending' && p.flags.length === 0).length -
      clean.length;
    if (await moderation.moderateMany(clean, 'approve')) {
      selection.drop(clean.map((p) => p.id));
      if (left > 0)
        say(
          'info',
          `${countPosts(clean.length)} approved (at most ${LIMITS.approveCleanMax} at a time); ${countPosts(left)} more clean ones wait. Press u to undo.`,
        );
    }
  }

  async function bulk(action: PostAction) {
    const chosen = channel.posts.filter((p) => selection.picked.has(p.id));
    if (await moderation.moderateMany(chosen, action)) selection.clear();
  }

  // Posts whose images the moderator asked for: held posts load none until then.
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(() => new Set());
  const revealMedia = (id: number) => setRevealed((current) => new Set(current).add(id));

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
    if (key === 'escape') return selection.clear();
    if (key === 'undo') return void moderation.undo();
    if (key === 'bulkApprove') return void bulk('approve');
    if (key === 'bulkReject') return void bulk('reject');
    if (key === 'selectAll') return selection.toggleAll();
    if (key === 'extendNext') return extend(1);
    if (key === 'extendPrevious') return extend(-1);
    if (key === 'next' || key === 'previous') return void list.step(key === 'next' ? 1 : -1);
    if (!focused) return say('info', 'Press j to pick a post first.');
    if (moderation.busy.has(focused.id)) return;
    if (key === 'select') return selection.toggle(focused.id);
    if (key === 'images') return revealMedia(focused.id);
    if (key === 'block') return block(focused);
    if (key === 'trust') return void moderation.setRule(authorOf(focused), 'trusted');
    if (key === 'pin') return decide(focused, focused.pinned ? 'unpin' : 'pin', label);
    decide(focused, key, label);
  });

  function leaveSearch() {
    search.setText('');
    searchInput.current?.blur();
  }

  const older = useOlderPosts(filters.status);
  const { message } = moderation;

  return (
    // The console's main landmark: the queue is what a moderator works on all day.
    <main className="panel queue" aria-labelledby="queue-title" data-key-zone="posts">
      {/* Stays in view while the list scrolls: filters, the bulk bar and the last message. */}
      <div className="queue-head">
        <div className="panel-head">
          <h2 id="queue-title">{search.active ? 'Search' : 'Posts'}</h2>
          <SearchField search={search} inputRef={searchInput} onLeave={leaveSearch} />
          {!search.active && (
            <QueueFilters filters={filters} counts={counts} onChange={setFilters} />
          )}
        </div>
        <div className="queue-bar" hidden={search.active}>
          <QueueBar
            selection={selection}
            shown={posts.length}
            clean={clean.length}
            ready={channel.ready}
            onBulk={(action) => void bulk(action)}
            onApproveClean={() => void approveClean()}
            onHelp={() => setHelp(true)}
          />
        </div>
        {message && (
          <p
            key={message.seq}
            className="queue-message"
            data-kind={message.kind}
            data-testid="mod-message"
            role={message.kind === 'info' ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        )}
      </div>
      {older.error && (
        <p className="banner error" role="alert" data-testid="mod-error">
          {older.error}
        </p>
      )}
      {search.active && <SearchResults search={search} moderation={moderation} now={now} />}
      {/* Kept mounted under the search, so leaving it finds the queue as it was. */}
      <div className="queue-body" hidden={search.active}>
        {posts.length === 0 ? (
          <p className="empty">
            {filters.status === 'pending' || filters.status === 'all'
              ? 'Nothing waiting. New posts appear here live.'
              : `No ${filters.status} posts in this view.`}
          </p>
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
                selected={selection.picked.has(post.id)}
                busy={moderation.busy.has(post.id)}
                changedBy={moderation.foreignStatus(post.id)}
                rule={post.authorKey ? (authors.rules.get(post.authorKey) ?? null) : null}
                now={now}
                skewMs={channel.skewMs}
                onFocus={() => setFocusedId(post.id)}
                onToggleSelect={(range) => selection.toggle(post.id, range)}
                onAction={(action) => decide(post, action, null)}
                onRule={(rule) => void moderation.setRule(authorOf(post), rule)}
                mediaRevealed={revealed.has(post.id)}
                onRevealMedia={() => revealMedia(post.id)}
              />
            ))}
          </ol>
        )}
        {posts.length > limit && (
          <button
            type="button"
            className="load-more"
            onClick={() => setLimit((l) => l + RENDER_STEP)}
          >
            Show {Math.min(RENDER_STEP, posts.length - limit)} more
          </button>
        )}
        {!older.exhausted && channel.ready && posts.length <= limit && (
          <button
            type="button"
            className="load-more"
            onClick={() => void older.loadMore()}
            disabled={older.loading}
            data-testid="load-more"
          >
            {older.loading ? 'Loading…' : 'Load older posts'}
          </button>
        )}
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </main>
  );
}
