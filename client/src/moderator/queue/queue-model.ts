import type { Post, PostAction, PostSource, PostStatus } from '../../lib/types.ts';

/** Pure queue rules: what is shown, in which order, and how a decision is reverted. */

export type StatusFilter = 'all' | PostStatus;
export type SourceFilter = 'all' | PostSource;
export type FlagFilter = 'all' | 'flagged' | 'clean';

export interface QueueFilters {
  status: StatusFilter;
  source: SourceFilter;
  flagged: FlagFilter;
}

export const STATUS_FILTERS: StatusFilter[] = ['all', 'pending', 'approved', 'rejected', 'hidden'];
export const STATUS_LABEL: Record<StatusFilter, string> = {
  all: 'All',
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  hidden: 'Hidden',
};
export const SOURCE_FILTERS: SourceFilter[] = ['all', 'web', 'api', 'x'];
export const FLAG_FILTERS: FlagFilter[] = ['all', 'flagged', 'clean'];
export const FLAG_FILTER_LABEL: Record<FlagFilter, string> = {
  all: 'All',
  flagged: 'Flagged',
  clean: 'Clean',
};

/** The server's flag ids (server/moderation/filters.ts, plus the author rule), said for people. */
const FLAG_LABEL: Record<string, string> = {
  profanity: 'profanity or a blocked word',
  hashbomb: 'only hashtags',
  link_flood: 'too many links',
  repeated: 'repeated text',
  blocked_author: 'blocked author',
};

export function flagLabel(flag: string): string {
  return FLAG_LABEL[flag] ?? flag.replace(/_/g, ' ');
}

/** Filters other than status, so the status buttons can count what each would show. */
export function matchesSourceAndFlags(post: Post, filters: QueueFilters): boolean {
  if (filters.source !== 'all' && post.source !== filters.source) return false;
  if (filters.flagged === 'flagged' && post.flags.length === 0) return false;
  if (filters.flagged === 'clean' && post.flags.length > 0) return false;
  return true;
}

/** Pending first (oldest waiting first, so nobody waits forever), then the rest newest first. */
export function queueOrder(a: Post, b: Post): number {
  const pa = a.status === 'pending' ? 0 : 1;
  const pb = b.status === 'pending' ? 0 : 1;
  if (pa !== pb) return pa - pb;
  return pa === 0 ? a.id - b.id : b.id - a.id;
}

/**
 * What "approve every clean pending post" takes: pending, with no automatic flag, oldest first,
 * at most `max`, so one press never sweeps an unbounded backlog onto the screens.
 */
export function cleanPending(posts: readonly Post[], max: number): Post[] {
  return posts
    .filter((p) => p.status === 'pending' && p.flags.length === 0)
    .sort((a, b) => a.id - b.id)
    .slice(0, max);
}

/**
 * The selection after a shift-click or Shift+J/K: every post between the anchor and `to` (both
 * included) is added. Without an anchor in the list, only `to` is.
 */
export function selectRange(
  selected: ReadonlySet<number>,
  order: readonly number[],
  anchor: number | null,
  to: number,
): Set<number> {
  const next = new Set(selected);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const end = order.indexOf(to);
  if (end === -1) return next;
  if (from === -1) return next.add(to);
  for (let i = Math.min(from, end); i <= Math.max(from, end); i += 1) next.add(order[i]!);
  return next;
}

export interface PostState {
  status: PostStatus;
  pinned: boolean;
}

export const stateOf = (post: Pick<Post, 'status' | 'pinned'>): PostState => ({
  status: post.status,
  pinned: post.pinned,
});
export const sameState = (a: PostState, b: PostState) =>
  a.status === b.status && a.pinned === b.pinned;

/** A decision moves a post to a status; pinning only flags it. */
export const DECISION_STATUS: Partial<Record<PostAction, PostStatus>> = {
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
  queue: 'pending',
};

const BACK_TO: Record<PostStatus, PostAction> = {
  pending: 'queue',
  approved: 'approve',
  rejected: 'reject',
  hidden: 'hide',
};

/**
 * The actions that take a post from `after` back to `before`, in order: status first (a hidden
 * post must be approved again before it can be pinned), then the pin.
 */
export function revertSteps(before: PostState, after: PostState): PostAction[] {
  const steps: PostAction[] = [];
  if (before.status !== after.status) steps.push(BACK_TO[before.status]);
  if (before.pinned !== after.pinned) steps.push(before.pinned ? 'pin' : 'unpin');
  return steps;
}

export interface Change {
  id: number;
  before: PostState;
  after: PostState;
}

/**
 * How to undo a set of changes: the actions in three rounds (status, then unpin, then pin: a
 * post must be approved before it can be pinned), each grouped by action for bulk requests.
 * A post that someone changed since is left alone and counted.
 */
export function planRevert(
  changes: Change[],
  stateNow: (id: number) => PostState | null,
): { phases: Array<Map<PostAction, number[]>>; skipped: number } {
  const phases = [
    new Map<PostAction, number[]>(),
    new Map<PostAction, number[]>(),
    new Map<PostAction, number[]>(),
  ];
  let skipped = 0;
  for (const change of changes) {
    const now = stateNow(change.id);
    if (!now || !sameState(now, change.after)) {
      skipped += 1;
      continue;
    }
    for (const step of revertSteps(change.before, change.after)) {
      const phase = phases[step === 'unpin' ? 1 : step === 'pin' ? 2 : 0]!;
      phase.set(step, [...(phase.get(step) ?? []), change.id]);
    }
  }
  return { phases, skipped };
}

export const PAST: Record<PostAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  hide: 'hidden',
  queue: 'put back in the queue',
  pin: 'pinned',
  unpin: 'unpinned',
};

export const countPosts = (n: number) => `${n} post${n === 1 ? '' : 's'}`;

/** What an author rule just did, in words. */
export function ruleDone(
  rule: 'blocked' | 'trusted' | null,
  name: string,
  takenDown: number,
): string {
  if (rule === 'blocked')
    return `Blocked ${name}:${takenDown > 0 ? ` ${countPosts(takenDown)} taken down;` : ''} new posts are held as rejected.`;
  if (rule === 'trusted') return `Trusted ${name}: new posts go up at once.`;
  return `Cleared the rule for ${name}.`;
}

/** A post whose status or pin another console changed while this one was watching. */
export interface ForeignChange extends PostState {
  seq: number;
}

export interface AuthorRef {
  authorKey: string | null;
  name: string;
}

export const authorOf = (post: Post): AuthorRef => ({
  authorKey: post.authorKey,
  name: post.author.name,
});
