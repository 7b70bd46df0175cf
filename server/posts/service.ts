import { attendeeName } from '../../shared/askers.ts';
import type {
  CreatePostBody,
  Post,
  PostAction,
  PostPage,
  PostSource,
  PostStatus,
} from '../../shared/schemas/posts.ts';
import { isPostPublic } from '../../shared/post-rules.ts';
import { extractHashtags } from '../../shared/text.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import type { QuestionsService } from '../questions/service.ts';
import { requireModerator, requirePoster } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { AppError, badRequest, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentPost, type PostRow } from './repository.ts';
import { checkSeen, nextPostState } from './transitions.ts';
import { authorKeyOf, refuseIfBlocked } from '../moderation/authors.ts';
import { createScreening, goesLive, REPEAT_LOOKBACK } from '../moderation/screening.ts';
import { matchFor } from '../search/index.ts';
import { eventForModerator, existingEvent } from '../events/existing.ts';

/** One post from any source, already validated, about to go through the pipeline. */
export interface IngestInput {
  eventId: number;
  source: PostSource;
  sourceId: string | null;
  text: string;
  author: {
    name: string;
    handle: string | null;
    avatarUrl: string | null;
    attendeeId: number | null;
  };
  media: string[];
  createdAt?: string;
  /** Where the poster is: the question tag picks that room's live session. */
  room?: string;
}

export interface IngestResult {
  post: Post;
  /** False when the source id was seen before: the stored post is returned, nothing changes. */
  created: boolean;
}

export function createPostsService({
  db,
  repos,
  broadcast,
  limiter,
  questions,
}: Pick<DomainDeps, 'db' | 'broadcast' | 'limiter'> & {
  /** Every table but the questions': a post's question is written by the questions domain. */
  repos: Omit<DomainDeps['repos'], 'questions'>;
  questions: Pick<
    QuestionsService,
    'questionFromPost' | 'followPost' | 'publish' | 'onPostQuestionRemoved'
  >;
}) {
  function get(postId: number): PostRow {
    const row = repos.posts.findById(postId);
    if (!row) throw notFound('post_not_found', `No post with id ${postId}`);
    return row;
  }

  function publish(row: PostRow, change: 'created' | 'updated', wasPublic: boolean): Post {
    const post = presentPost(row);
    broadcast.post(post, change, wasPublic);
    return post;
  }

  const screenText = createScreening(repos.authors);
  // A deleted question changes the questionId its post is read with: cached wall pages go.
  questions.onPostQuestionRemoved(() => repos.posts.forgetWallHeads());

  /**
   * Decides the status a new post starts in, and why it was held: a blocked author is rejected
   * outright, a trusted one approved at once; anything the filters flag waits for a moderator
   * even in post-moderation mode; the rest follows the event's mode.
   */
  function screen(
    event: EventRow,
    input: IngestInput,
    authorKey: string,
  ): { status: PostStatus; flags: string[] } {
    const screening = screenText(event, {
      text: input.text,
      authorKey,
      recentTexts: (since) => repos.posts.recentTexts(event.id, authorKey, since, REPEAT_LOOKBACK),
    });
    const status: PostStatus =
      screening.outcome === 'blocked'
        ? 'rejected'
        : goesLive(screening, event.post_moderation)
          ? 'approved'
          : 'pending';
    return { status, flags: screening.flags };
  }

  /**
   * The one entry point for every source: de-duplicate by source id, screen, store, turn a
   * question-tagged post into a question, then broadcast. Synchronous from lookup to commit, so
   * two deliveries of the same item cannot both insert.
   */
  function ingest(input: IngestInput): IngestResult {
    const event = existingEvent(repos.events, input.eventId);
    if (input.sourceId !== null) {
      const existing = repos.posts.findBySource(event.id, input.source, input.sourceId);
      if (existing) return { post: presentPost(existing), created: false };
    }
    const authorKey = authorKeyOf(input.source, input.author);
    const { status, flags } = screen(event, input, authorKey);
    const hashtags = extractHashtags(input.text);
    const at = input.createdAt ?? nowIso();
    const { row, question } = db.transaction(() => {
      const inserted = repos.posts.create({
        event_id: event.id,
        attendee_id: input.author.attendeeId,
        source: input.source,
        source_id: input.sourceId,
        text: input.text,
        author_name: input.author.name,
        author_handle: input.author.handle,
        author_avatar_url: input.author.avatarUrl,
        hashtags: JSON.stringify(hashtags),
        media: JSON.stringify(input.media),
        status,
        flags: JSON.stringify(flags),
        author_key: authorKey,
        created_at: at,
        updated_at: at,
      });
      const asked = hashtags.includes(event.question_tag)
        ? questions.questionFromPost(inserted, event, hashtags, input.room)
        : null;
      return { row: asked ? repos.posts.findById(inserted.id)! : inserted, question: asked };
    })();
    const post = publish(row, 'created', false);
    if (question) questions.publish(question, 'created', false);
    return { post, created: true };
  }

  /**
   * Newest first; `status` null lists every status. With `q`, the posts matching it, best
   * first, with snippets, paged by the search's keyset cursor (server/search/index.ts).
   */
  function page(
    eventId: number,
    status: PostStatus | null,
    cursor: string | undefined,
    limit: number,
    q?: string,
  ): PostPage {
    if (q !== undefined) {
      const match = matchFor(q);
      const paging = repos.search.paging(cursor);
      const rows = repos.posts.search(eventId, status, match, paging.params, limit + 1);
      const posts = rows.slice(0, limit).map(presentPost);
      const ids = posts.map((post) => post.id);
      const last = rows.length > limit ? rows[limit - 1]! : undefined;
      return {
        posts,
        nextCursor: paging.next(last && { kind: 0, id: last.id, score: last.score }),
        snippets: repos.search.snippets(eventId, 'post', ids, match),
      };
    }
    if (cursor !== undefined && !/^\d+$/.test(cursor))
      throw badRequest('validation_failed', 'cursor: a cursor from a previous page');
    const before = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
    const rows = repos.posts.page(eventId, status, before, limit + 1);
    const more = rows.length > limit;
    const posts = rows.slice(0, limit).map(presentPost);
    return { posts, nextCursor: more ? String(posts[posts.length - 1]!.id) : null };
  }

  return {
    get,
    ingest,

    /** A post from the attendee app or the REST API. */
    create(principal: Principal, eventId: number, body: CreatePostBody): IngestResult {
      const poster = requirePoster(principal, eventId);
      if (poster.kind === 'attendee') {
        if (body.author || body.sourceId) {
          throw new AppError(
            400,
            'validation_failed',
            'author and sourceId are for API key callers',
            {
              author: 'not allowed with an attendee token',
            },
          );
        }
        const { attendee } = poster;
        refuseIfBlocked(repos.authors, eventId, attendee.id);
        // A retry of a post already stored is not a new post: it must not spend a token.
        const retried = body.clientId
          ? repos.posts.findBySource(eventId, 'web', `${attendee.id}:${body.clientId}`)
          : null;
        if (retried) return { post: presentPost(retried), created: false };
        limiter.take('post', attendee.id);
        if (attendee.address_hash) limiter.take('postPerAddress', attendee.address_hash);
        return ingest({
          eventId,
          source: 'web',
          // Scoped by attendee, so one attendee's client ids cannot collide with another's.
          sourceId: body.clientId ? `${attendee.id}:${body.clientId}` : null,
          text: body.text,
          author: {
            name: attendeeName(attendee.display_name),
            handle: null,
            avatarUrl: null,
            attendeeId: attendee.id,
          },
          media: body.media ?? [],
          room: body.room,
        });
      }
      return ingest({
        eventId,
        source: 'api',
        sourceId: body.sourceId ?? body.clientId ?? null,
        text: body.text,
        author: {
          name: body.author?.name ?? 'API',
          handle: body.author?.handle ?? null,
          avatarUrl: body.author?.avatarUrl ?? null,
          attendeeId: null,
        },
        media: body.media ?? [],
        room: body.room,
      });
    },

    /** The wall as anyone may read it: approved posts, newest first. */
    approvedPage(eventId: number, cursor: string | undefined, limit: number): PostPage {
      return page(eventId, 'approved', cursor, limit);
    },

    /** Posts in every status or one, for the event's moderators; `q` searches them. */
    moderationPage(
      principal: Principal,
      eventId: number,
      query: { status?: PostStatus; cursor?: string; limit: number; q?: string },
    ): PostPage {
      eventForModerator(repos.events, principal, eventId);
      return page(eventId, query.status ?? null, query.cursor, query.limit, query.q);
    },

    /**
     * The network deleted an item we took in: every event's copy is hidden (and a question made
     * from it dismissed), which takes it off every screen. Logged with the network as the actor.
     * Returns how many copies it took down.
     */
    withdraw(source: PostSource, sourceId: string): number {
      let taken = 0;
      for (const before of repos.posts.everyCopyOf(source, sourceId)) {
        if (before.status === 'hidden' || before.status === 'rejected') continue;
        const at = nowIso();
        const { after, question } = db.transaction(() => {
          repos.posts.setStatus(before.id, 'hidden', at);
          repos.log.append({
            eventId: before.event_id,
            actor: source,
            action: 'post_withdrawn',
            itemType: 'post',
            itemId: before.id,
            detail: { from: before.status, to: 'hidden', reason: 'deleted by its author' },
          });
          return {
            after: repos.posts.findById(before.id)!,
            question: questions.followPost(before, 'hidden'),
          };
        })();
        if (question) questions.publish(question.row, 'updated', question.wasPublic);
        publish(after, 'updated', isPostPublic(before));
        taken += 1;
      }
      return taken;
    },

    /** `from`: the status the moderator saw (see checkSeen). */
    moderate(principal: Principal, postId: number, action: PostAction, from?: PostStatus): Post {
      const before = get(postId);
      requireModerator(principal, before.event_id);
      checkSeen(before, from);
      const next = nextPostState(before, action);
      if (next === 'unchanged') return presentPost(before);
      const at = nowIso();
      const unpinned: PostRow[] = [];
      const { after, question } = db.transaction(() => {
        if (next.pinned === true) {
          // One featured post at a time: pinning replaces the previous pin.
          for (const id of repos.posts.pinnedIds(before.event_id)) {
            if (id === before.id) continue;
            repos.posts.setPinned(id, false, at);
            unpinned.push(repos.posts.findById(id)!);
          }
        }
        if (next.status !== undefined) repos.posts.setStatus(before.id, next.status, at);
        if (next.pinned !== undefined) repos.posts.setPinned(before.id, next.pinned, at);
        repos.log.append({
          eventId: before.event_id,
          actor: actorName(principal),
          action: `post_${action}`,
          itemType: 'post',
          itemId: before.id,
          detail: { from: before.status, to: next.status ?? before.status },
        });
        return {
          after: repos.posts.findById(before.id)!,
          question: questions.followPost(before, next.status),
        };
      })();
      for (const row of unpinned) publish(row, 'updated', true);
      if (question) questions.publish(question.row, 'updated', question.wasPublic);
      return publish(after, 'updated', isPostPublic(before));
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
