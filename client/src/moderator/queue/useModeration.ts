import { useRef } from 'react';
import { LIMITS } from '../../../../shared/limits.ts';
import { useLatest } from '../../lib/useLatest.ts';
import type { EventChannel } from '../../lib/channel.ts';
import { describeError } from '../../lib/errors.ts';
import type { AuthorRule } from '../../lib/moderation-api.ts';
import { send } from '../../lib/socket.ts';
import type { Post, PostAction, PostStatus } from '../../lib/types.ts';
import {
  DECISION_STATUS,
  PAST,
  planRevert,
  countPosts,
  ruleDone,
  sameState,
  stateOf,
  type AuthorRef,
  type Change,
  type PostState,
} from './queue-model.ts';
import type { Authors } from '../setup/useAuthors.ts';
import { useDecisions } from '../common/useDecisions.ts';
import { usePostsHeard } from './usePostsHeard.ts';

interface UndoEntry {
  label: string;
  changes: Change[];
  rule?: { authorKey: string; name: string; before: AuthorRule | null };
}

const BULK_MAX = LIMITS.bulkPosts;

/**
 * Every decision this console makes, with its undo. A change that arrives while nothing of ours
 * is in flight for that post, and that is not what our own acknowledgement said, was made by
 * another moderator: it is marked, and a decision on it needs a second press.
 */
export function useModeration(channel: EventChannel, authors: Authors) {
  const { busy, track, later, message, say, nextSeq, undoStack, expect, isOurs, settled } =
    useDecisions<PostState, UndoEntry>(sameState);
  const { foreign, foreignRef, latest, unmark } = usePostsHeard(channel, isOurs, nextSeq);
  const override = useRef<{ id: number; action: PostAction } | null>(null);
  const postsRef = useLatest(channel.posts);

  /** Records what the server answered before the post leaves the in-flight set: both are ours. */
  function settle(results: Post[]) {
    for (const post of results) {
      expect(post.id, stateOf(post));
      latest.current.set(post.id, stateOf(post));
      channel.dispatch({ type: 'post', post });
    }
    unmark(results.map((p) => p.id));
  }

  /**
   * `from`: the status this console saw of each post. The server refuses (already_moderated)
   * when another moderator decided one first, so no post is processed twice.
   */
  async function run(
    posts: Array<Pick<Post, 'id'>>,
    action: PostAction,
    expected: Array<[number, PostState]> = [],
    from?: PostStatus[],
  ): Promise<Post[]> {
    const socket = channel.socket;
    if (!socket) throw new Error('Not connected to the server.');
    const ids = [...posts.map((p) => p.id), ...expected.map(([id]) => id)];
    for (const [id, state] of expected) expect(id, state);
    track(ids, true);
    try {
      const results: Post[] = [];
      if (posts.length === 1)
        results.push(
          await send(socket, 'post:moderate', { postId: posts[0]!.id, action, from: from?.[0] }),
        );
      else {
        for (let i = 0; i < posts.length; i += BULK_MAX) {
          const postIds = posts.slice(i, i + BULK_MAX).map((p) => p.id);
          results.push(
            ...(await send(socket, 'post:moderateMany', {
              postIds,
              action,
              from: from?.slice(i, i + BULK_MAX),
            })),
          );
        }
      }
      settle(results);
      return results;
    } finally {
      track(ids, false);
    }
  }

  /**
   * Decides at once whether the action goes out (false: nothing to do, or a post another
   * moderator just decided needs a second press); the server's answer arrives later.
   * `key`: the shortcut that asked, so a refusal can say what to press to insist.
   */
  function moderate(post: Post, action: PostAction, key: string | null = null): boolean {
    const target = DECISION_STATUS[action];
    const other = foreignRef.current.get(post.id);
    if (target && post.status === target) {
      say(
        'info',
        `Post ${post.id} is already ${PAST[action]}${other ? ' by another moderator' : ''}; nothing to do.`,
      );
      return false;
    }
    if (target && other && post.status !== 'pending') {
      const insisted = override.current?.id === post.id && override.current.action === action;
      if (!insisted) {
        override.current = { id: post.id, action };
        const again = key ? `Press ${key} again` : 'Click again';
        say(
          'refusal',
          `Post ${post.id} was already ${post.status} by another moderator. ${again} to ${action} it anyway.`,
        );
        return false;
      }
    }
    const insisted = override.current?.id === post.id && override.current.action === action;
    override.current = null;
    // Insisting on a post another moderator decided overrides their decision on purpose.
    void later(send1(post, action, !insisted));
    return true;
  }

  async function send1(post: Post, action: PostAction, checkSeen: boolean): Promise<void> {
    const before = stateOf(post);
    // Pinning replaces the featured post; its undo pins that one back.
    const replaced =
      action === 'pin' ? postsRef.current.filter((p) => p.pinned && p.id !== post.id) : [];
    const expected = replaced.map((p): [number, PostState] => [
      p.id,
      { status: p.status, pinned: false },
    ]);
    try {
      const [updated] = await run([post], action, expected, checkSeen ? [post.status] : undefined);
      if (!updated || sameState(before, stateOf(updated))) return;
      undoStack.push({
        label: `${action} post ${post.id}`,
        changes: [
          { id: post.id, before, after: stateOf(updated) },
          ...replaced.map((p) => ({
            id: p.id,
            before: stateOf(p),
            after: { status: p.status, pinned: false },
          })),
        ],
      });
      say('info', `Post ${post.id} ${PAST[action]}. Press u to undo.`);
    } catch (failure) {
      say('error', `The server refused to ${action} post ${post.id}: ${describeError(failure)}`);
    }
  }

  async function moderateManyNow(posts: Post[], action: PostAction): Promise<boolean> {
    const target = DECISION_STATUS[action];
    const todo = posts.filter((p) => (target ? p.status !== target : true));
    if (todo.length === 0) {
      say(
        'info',
        posts.length === 0
          ? 'Select posts first: x selects the focused post.'
          : `All selected posts are already ${PAST[action]}.`,
      );
      return posts.length > 0;
    }
    const before = new Map(todo.map((p) => [p.id, stateOf(p)]));
    try {
      const seen = todo.map((p) => p.status);
      const results = await run(todo, action, [], seen);
      undoStack.push({
        label: `${action} ${results.length} posts`,
        changes: results.map((p) => ({ id: p.id, before: before.get(p.id)!, after: stateOf(p) })),
      });
      say('info', `${countPosts(results.length)} ${PAST[action]}. Press u to undo.`);
      return true;
    } catch (failure) {
      say(
        'error',
        `The server refused to ${action} ${todo.length} posts (none changed): ${describeError(failure)}`,
      );
      return false;
    }
  }

  async function setRuleNow(
    author: AuthorRef,
    rule: AuthorRule | null,
    record = true,
  ): Promise<void> {
    const socket = channel.socket;
    const { authorKey } = author;
    const name = author.name.trim().slice(0, 60) || 'Author';
    if (!authorKey || !socket) {
      say(
        'error',
        authorKey
          ? 'Not connected to the server.'
          : 'This post has no author that can be blocked or trusted.',
      );
      return;
    }
    const before = authors.rules.get(authorKey) ?? null;
    if (record && before === rule) {
      say('info', `${name} is already ${rule ?? 'without a rule'}.`);
      return;
    }
    const theirs = postsRef.current.filter((p) => p.authorKey === authorKey);
    const states = new Map(theirs.map((p) => [p.id, stateOf(p)]));
    track([...states.keys()], true);
    try {
      const { changed } = await send(socket, 'author:setRule', {
        authorKey,
        displayName: name,
        rule,
      });
      settle(changed);
      authors.setLocalRule(authorKey, name, rule);
      if (!record) return;
      // A block rejects pending posts and hides approved ones (server/moderation/service.ts).
      const guess = (p: Post): PostState => ({
        status: p.status === 'rejected' ? 'pending' : 'approved',
        pinned: false,
      });
      undoStack.push({
        label: `${rule === null ? 'clear the rule of' : rule === 'blocked' ? 'block' : 'trust'} ${name}`,
        rule: { authorKey, name, before },
        changes: changed.map((p) => ({
          id: p.id,
          before: states.get(p.id) ?? guess(p),
          after: stateOf(p),
        })),
      });
      say('info', `${ruleDone(rule, name, changed.length)} Press u to undo.`);
    } catch (failure) {
      say('error', `The server refused to change the rule for ${name}: ${describeError(failure)}`);
    } finally {
      track([...states.keys()], false);
    }
  }

  async function undoNow(): Promise<void> {
    // u right after a key must undo that key's action, even if its answer is still on the way.
    await settled();
    const entry = undoStack.pop();
    if (!entry) {
      say('info', 'Nothing to undo.');
      return;
    }
    try {
      if (entry.rule)
        await setRuleNow(
          { authorKey: entry.rule.authorKey, name: entry.rule.name },
          entry.rule.before,
          false,
        );
      const stateNow = (id: number) => {
        const post = postsRef.current.find((p) => p.id === id);
        return latest.current.get(id) ?? (post ? stateOf(post) : null);
      };
      const { phases, skipped } = planRevert(entry.changes, stateNow);
      for (const phase of phases)
        for (const [action, ids] of phase)
          await run(
            ids.map((id) => ({ id })),
            action,
          );
      const left =
        skipped > 0
          ? ` ${countPosts(skipped)} changed since by someone else and stayed as they are.`
          : '';
      say('info', `Undone: ${entry.label}.${left}`);
    } catch (failure) {
      say('error', `Could not undo ${entry.label}: ${describeError(failure)}`);
    }
  }

  const foreignStatus = (id: number): PostStatus | null => foreign.get(id)?.status ?? null;

  return {
    busy,
    foreign,
    foreignStatus,
    isOurs,
    message,
    say,
    moderate,
    moderateMany: (posts: Post[], action: PostAction) => later(moderateManyNow(posts, action)),
    setRule: (author: AuthorRef, rule: AuthorRule | null) => later(setRuleNow(author, rule)),
    undo: () => later(undoNow()),
  };
}

export type Moderation = ReturnType<typeof useModeration>;
