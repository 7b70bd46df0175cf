import type {
  AuthorRule,
  AuthorSummary,
  LogPage,
  LogQuery,
  SetAuthorRuleBody,
} from '../../shared/schemas/moderation.ts';
import type { Post, PostAction, PostStatus } from '../../shared/schemas/posts.ts';
import type { DomainDeps } from '../context.ts';
import type { PostsService } from '../posts/service.ts';
import { checkSeen, nextPostState } from '../posts/transitions.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { parseJsonArray } from '../lib/json.ts';
import { nowIso } from '../lib/time.ts';
import { eventForModerator, existingEvent } from '../events/existing.ts';

const RECENT_AUTHORS = 200;

/** Authors, the word list and bulk actions: what a moderator does to many items at once. */
export function createModerationService({ repos, broadcast }: DomainDeps, posts: PostsService) {
  const eventOf = (eventId: number) => existingEvent(repos.events, eventId);

  return {
    /** Who did what to which item, newest first: the event's moderators only. */
    log(principal: Principal, eventId: number, { cursor, limit }: LogQuery): LogPage {
      eventForModerator(repos.events, principal, eventId);
      const before = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
      const rows = repos.log.list(eventId, before, limit + 1);
      const page = rows.slice(0, limit);
      return {
        entries: page.map((row) => ({
          id: row.id,
          actor: row.actor,
          action: row.action,
          itemType: row.item_type,
          itemId: row.item_id,
          detail: JSON.parse(row.detail) as Record<string, unknown>,
          createdAt: row.created_at,
        })),
        nextCursor: rows.length > page.length ? String(page[page.length - 1]!.id) : null,
      };
    },

    /** Authors with a rule, then everyone who posted lately, most recent first. */
    authors(principal: Principal, eventId: number): AuthorSummary[] {
      eventOf(eventId);
      requireModerator(principal, eventId);
      const rules = new Map(repos.authors.rules(eventId).map((row) => [row.author_key, row]));
      const seen = new Set<string>();
      const list: AuthorSummary[] = [];
      for (const row of repos.authors.recentAuthors(eventId, RECENT_AUTHORS)) {
        seen.add(row.author_key);
        list.push({
          authorKey: row.author_key,
          name: row.author_name,
          handle: row.author_handle,
          source: row.source,
          posts: row.posts,
          pending: row.pending,
          lastPostAt: row.last_post_at,
          rule: rules.get(row.author_key)?.rule ?? null,
        });
      }
      for (const rule of rules.values()) {
        if (seen.has(rule.author_key)) continue;
        list.unshift({
          authorKey: rule.author_key,
          name: rule.display_name,
          handle: null,
          source: rule.author_key.split(':')[0]!,
          posts: 0,
          pending: 0,
          lastPostAt: null,
          rule: rule.rule,
        });
      }
      return list;
    },

    /**
     * Blocks, trusts or clears an author. Blocking also takes the author down at once: pending
     * posts are rejected and approved ones hidden, each through the usual moderation path (so
     * every screen drops them and the log records each).
     */
    setAuthorRule(
      principal: Principal,
      eventId: number,
      body: SetAuthorRuleBody,
    ): { rule: AuthorRule | null; changed: Post[] } {
      eventOf(eventId);
      requireModerator(principal, eventId);
      repos.authors.set(eventId, body.authorKey, body.displayName, body.rule, nowIso());
      repos.log.append({
        eventId,
        actor: actorName(principal),
        action:
          body.rule === null
            ? 'author_clear'
            : `author_${body.rule === 'blocked' ? 'block' : 'trust'}`,
        itemType: 'attendee',
        itemId: null,
        detail: { authorKey: body.authorKey, displayName: body.displayName },
      });
      broadcast.authorRuled({
        eventId,
        authorKey: body.authorKey,
        displayName: body.displayName,
        rule: body.rule,
      });
      const changed: Post[] = [];
      if (body.rule === 'blocked') {
        for (const row of repos.posts.byAuthorAndStatus(eventId, body.authorKey, 'pending'))
          changed.push(posts.moderate(principal, row.id, 'reject'));
        for (const row of repos.posts.byAuthorAndStatus(eventId, body.authorKey, 'approved'))
          changed.push(posts.moderate(principal, row.id, 'hide'));
      }
      return { rule: body.rule, changed };
    },

    /** The same action on many posts; each is moderated (and broadcast) on its own. */
    moderateMany(
      principal: Principal,
      eventId: number,
      postIds: number[],
      action: PostAction,
      from?: PostStatus[],
    ): Post[] {
      eventOf(eventId);
      requireModerator(principal, eventId);
      const targets = postIds.map((id) => posts.get(id));
      // All or nothing on ownership: one foreign id refuses the whole batch before any change.
      for (const row of targets) requireModerator(principal, row.event_id);
      // All or nothing on transitions too: a post that refuses the action (pinning a pending
      // post) refuses the batch before any change. Nothing runs in between: the calls are sync.
      targets.forEach((row, i) => checkSeen(row, from?.[i]));
      for (const row of targets) nextPostState(row, action);
      return targets.map((row) => posts.moderate(principal, row.id, action));
    },

    blockedWords(principal: Principal, eventId: number): string[] {
      const event = eventOf(eventId);
      requireModerator(principal, eventId);
      return parseJsonArray(event.blocked_words);
    },

    setBlockedWords(principal: Principal, eventId: number, words: string[]): string[] {
      eventOf(eventId);
      requireModerator(principal, eventId);
      const unique = [...new Set(words.map((word) => word.toLowerCase()))];
      repos.events.update(eventId, { blocked_words: JSON.stringify(unique) });
      repos.log.append({
        eventId,
        actor: actorName(principal),
        action: 'update_word_list',
        itemType: 'event',
        itemId: eventId,
        detail: { count: unique.length },
      });
      return unique;
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
