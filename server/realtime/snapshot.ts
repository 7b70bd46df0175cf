import { LIMITS } from '../../shared/limits.ts';
import type { Post } from '../../shared/schemas/posts.ts';
import type { Role, Snapshot } from '../../shared/socket-events.ts';
import { presentAttendee } from '../attendees/repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { Domain } from '../context.ts';
import { presentEvent, type EventRow } from '../events/repository.ts';
import { presentPost } from '../posts/repository.ts';

const MODERATOR_QUEUE = 500;

export function roleOf(principal: Principal): Role {
  if (
    principal.kind === 'attendee' ||
    principal.kind === 'moderator' ||
    principal.kind === 'speaker'
  )
    return principal.kind;
  return 'public';
}

/** Everything a client needs to draw its screen from nothing, shaped for its role. */
export function buildSnapshot(domain: Domain, principal: Principal, event: EventRow): Snapshot {
  const { repos } = domain;
  const posts = new Map<number, Post>();
  const add = (list: Post[]) => list.forEach((post) => posts.set(post.id, post));
  if (principal.kind === 'moderator') {
    add(repos.posts.pending(event.id, MODERATOR_QUEUE).map(presentPost));
    add(domain.posts.moderationPage(principal, event.id, { limit: LIMITS.pageSize.max }).posts);
  } else {
    add(repos.posts.pinned(event.id).map(presentPost));
    add(domain.posts.approvedPage(event.id, undefined, LIMITS.snapshotPosts).posts);
    if (principal.kind === 'attendee')
      add(repos.posts.byAttendee(principal.attendee.id, 20).map(presentPost));
  }
  return {
    role: roleOf(principal),
    event: presentEvent(event),
    sessions: domain.sessions.list(event.id),
    screens: domain.screens.list(event.id),
    posts: [...posts.values()].sort((a, b) => b.id - a.id),
    attendee: principal.kind === 'attendee' ? presentAttendee(principal.attendee) : null,
    myQuestions: principal.kind === 'attendee' ? domain.questions.mine(principal.attendee) : [],
    speakerSessionId: principal.kind === 'speaker' ? principal.sessionId : null,
    ...(principal.kind === 'moderator' ? { sources: domain.sources.forEvent(event.id) } : {}),
    serverTime: new Date().toISOString(),
    address: domain.address.of(event.id, roleOf(principal)),
  };
}
