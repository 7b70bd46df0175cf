import type { EventChannel } from '../lib/channel.ts';
import { useNow } from '../lib/time.ts';
import type { Post } from '../lib/types.ts';
import { PostForm } from './PostForm.tsx';
import { PostItem } from './PostItem.tsx';

export function Wall({ channel, room = null }: { channel: EventChannel; room?: string | null }) {
  const now = useNow();
  const me = channel.attendee?.id ?? null;
  const isMine = (post: Post) => me !== null && post.author.attendeeId === me;
  // Pinned first, then newest first; others' posts only once approved.
  const posts = channel.posts
    .filter((post) => post.status === 'approved' || isMine(post))
    .sort((a, b) => Number(b.pinned && b.status === 'approved') - Number(a.pinned && a.status === 'approved'));

  return (
    <>
      <PostForm
        socket={channel.socket}
        premoderated={channel.event?.settings.postModeration !== 'post'}
        onPosted={(post) => channel.dispatch({ type: 'post', post })}
        room={room}
      />
      <h2 className="visually-hidden">Live wall</h2>
      {!channel.ready ? (
        <p className="empty" role="status">
          Loading the wall…
        </p>
      ) : posts.length === 0 ? (
        <p className="empty">Nothing on the wall yet. Be the first to post!</p>
      ) : (
        <ol className="post-list" data-testid="wall" aria-label="Posts, newest first">
          {posts.map((post) => (
            <PostItem key={post.id} post={post} mine={isMine(post)} now={now} skewMs={channel.skewMs} />
          ))}
        </ol>
      )}
    </>
  );
}
