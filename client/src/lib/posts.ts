import type { Post } from './types.ts';

/** Newest first. Ids grow with arrival, so a late back-filled tweet still lands on top, as it should on a live wall. */
export function byNewest(a: Post, b: Post): number {
  return b.id - a.id;
}

export function upsertPost(posts: Post[], post: Post): Post[] {
  const index = posts.findIndex((item) => item.id === post.id);
  if (index === -1) return [post, ...posts].sort(byNewest);
  const next = posts.slice();
  next[index] = post;
  return next;
}

/** Keeps the newest `max` posts, and every pinned one: a pin must not fall off the screen. */
export function trimPosts(posts: Post[], max: number): Post[] {
  if (posts.length <= max) return posts;
  let kept = 0;
  return posts.filter((post) => {
    if (post.pinned) return true;
    kept += 1;
    return kept <= max;
  });
}

export { SOURCE_LABEL } from '../../../shared/post-sources.ts';

export function authorLine(post: Post): string {
  const handle = post.author.handle ? ` @${post.author.handle.replace(/^@/, '')}` : '';
  return `${post.author.name}${handle}`;
}
