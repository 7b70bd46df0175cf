import type { EventChannel } from '../lib/channel.ts';
import { OfflineLine } from '../lib/OfflineLine.tsx';
import { useNow } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';
import { PostForm } from './PostForm.tsx';
import { PostItem } from './PostItem.tsx';
import { UnsentStatus } from './UnsentStatus.tsx';
import type { AttendeeOutbox } from './useOutbox.ts';

interface Props {
  channel: EventChannel;
  room?: string | null;
  outbox: AttendeeOutbox;
}

export function Wall({ channel, room = null, outbox }: Props) {
  const now = useNow();
  const me = channel.attendee?.id ?? null;
  const online = channel.connection === 'live';
  const isMine = (post: Post) => me !== null && post.author.attendeeId === me;
  // Pinned first, then newest first; others' posts only once approved.
  const posts = channel.posts
    .filter((post) => post.status === 'approved' || isMine(post))
    .sort(
      (a, b) =>
        Number(b.pinned && b.status === 'approved') - Number(a.pinned && a.status === 'approved'),
    );
  // Newest on top, like the wall under them.
  const unsent = outbox.entries.filter((entry) => entry.kind === 'post').reverse();

  return (
    <>
      <PostForm
        enabled={Boolean(channel.socket)}
        premoderated={channel.event?.settings.postModeration !== 'post'}
        onSubmit={outbox.submit}
        room={room}
      />
      <OfflineLine connection={channel.connection} syncedAt={channel.syncedAt} />
      {unsent.length > 0 && (
        <ol className="post-list unsent-posts" aria-label="Your posts not sent yet">
          {unsent.map((entry) => (
            <li
              key={entry.clientId}
              className="post"
              data-testid="unsent-post"
              data-state={entry.state}
              data-mine
            >
              <p className="post-text">{entry.text}</p>
              <UnsentStatus
                entry={entry}
                online={online}
                onRetry={outbox.retry}
                onDiscard={outbox.discard}
              />
            </li>
          ))}
        </ol>
      )}
      <h2 className="visually-hidden">Live wall</h2>
      {!channel.ready ? (
        online || channel.connection === 'connecting' ? (
          <p className="empty" role="status">
            Loading the wall…
          </p>
        ) : null
      ) : posts.length === 0 ? (
        <p className="empty">Nothing on the wall yet. Be the first to post!</p>
      ) : (
        <ol className="post-list" data-testid="wall" aria-label="Posts, newest first">
          {posts.map((post) => (
            <PostItem
              key={post.id}
              post={post}
              mine={isMine(post)}
              now={now}
              skewMs={channel.skewMs}
            />
          ))}
        </ol>
      )}
    </>
  );
}
