import type { CreatePostBody, Post, PostAction, PostPage, PostSource, PostStatus } from '../../shared/schemas/posts.ts';
import { isPostPublic } from '../../shared/schemas/posts.ts';
import { isQuestionPublic } from '../../shared/schemas/questions.ts';
import { extractHashtags } from '../../shared/text.ts';
import type { DomainDeps } from '../context.ts';
import type { EventRow } from '../events/repository.ts';
import type { QuestionsService } from '../questions/service.ts';
import { requireModerator, requirePoster } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import { AppError, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import { presentPost, type PostRow } from './repository.ts';
import { checkSeen, nextPostState } from './transitions.ts';
import { authorKeyOf } from '../moderation/authors.ts';
import { flagsFor } from '../moderation/filters.ts';
import { parseJsonArray } from '../lib/json.ts';

/** How far back the same author repeating the same words counts as spam. */
const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/** One post from any source, already validated, about to go through the pipeline. */
export interface IngestInput {
  eventId: number;
  source: PostSource;
  sourceId: string | null;
  text: string;
  author: { name: string; handle: string | null; avatarUrl: string | null; attendeeId: number | null };
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

export function createPostsService({ db, repos, broadcast, limiter, questions }: DomainDeps & { questions: QuestionsService }) {
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

  /**
   * Decides the status a new post starts in, and why it was held: a blocked author is rejected
   * outright, a trusted one approved at once; anything the filters flag waits for a moderator
   * even in post-moderation mode; the rest follows the event's mode.
   */
  function screen(event: EventRow, input: IngestInput, authorKey: string): { status: PostStatus; flags: string[] } {
    const rule = repos.authors.rule(event.id, authorKey);
    if (rule === 'blocked') return { status: 'rejected', flags: ['blocked_author'] };
    if (rule === 'trusted') return { status: 'approved', flags: [] };
    const since = new Date(Date.now() - REPEAT_WINDOW_MS).toISOString();
    const flags = flagsFor({
      text: input.text,
      customWords: parseJsonArray(event.blocked_words),
      recentTextsBySameAuthor: repos.posts.recentTexts(event.id, authorKey, since, 20),
    });
    if (flags.length > 0) return { status: 'pending', flags };
    return { status: event.post_moderation === 'post' ? 'approved' : 'pending', flags: [] };
  }

  /**
   * The one entry point for every source: de-duplicate by source id, screen, store, turn a
   * question-tagged post into a question, then broadcast. Synchronous from lookup to commit, so
   * two deliveries of the same item cannot both insert.
   */
  function ingest(input: IngestInput): IngestResult {
    const event = repos.events.findById(input.eventId);
    if (!event) throw notFound('event_not_found', `No event with id ${input.eventId}`);
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
      const asked = hashtags.includes(event.question_tag) ? questions.insertFromPost(inserted, event, hashtags, input.room) : null;
      return { row: asked ? repos.posts.findById(inserted.id)! : inserted, question: asked };
    })();
    const post = publish(row, 'created', false);
    if (question) questions.publish(question, 'created', false);
    return { post, created: true };
  }

  return {
    get,
    ingest,

    /** A post from the attendee app or the REST API. */
    create(principal: Principal, eventId: number, body: CreatePostBody): IngestResult {
      const poster = requirePoster(principal, eventId);
      if (poster.kind === 'attendee') {
        if (body.author || body.sourceId) {
          throw new AppError(400, 'validation_failed', 'author and sourceId are for API key callers', {
            author: 'not allowed with an attendee token',
          });
        }
        const { attendee } = poster;
        // A retry of a post already stored is not a new post: it must not spend a token.
        const retried = body.clientId ? repos.posts.findBySource(eventId, 'web', `${attendee.id}:${body.clientId}`) : null;
        if (retried) return { post: presentPost(retried), created: false };
        limiter.take('post', attendee.id);
        return ingest({
          eventId,
          source: 'web',
          // Scoped by attendee, so one attendee's client ids cannot collide with another's.
          sourceId: body.clientId ? `${attendee.id}:${body.clientId}` : null,
          text: body.text,
          author: { name: attendee.display_name ?? 'Attendee', handle: null, avatarUrl: null, attendeeId: attendee.id },
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

    /**
     * Newest first; `status` null lists every status (moderators only). `q` keeps the posts whose
     * text or author contains it; the cursor pages the same way with or without it.
     */
    page(eventId: number, status: PostStatus | null, cursor: string | undefined, limit: number, q?: string): PostPage {
      const before = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
      const rows =
        q === undefined ? repos.posts.page(eventId, status, before, limit + 1) : repos.posts.search(eventId, status, q, before, limit + 1);
      const more = rows.length > limit;
      const posts = rows.slice(0, limit).map(presentPost);
      return { posts, nextCursor: more ? String(posts[posts.length - 1]!.id) : null };
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
        return { after: repos.posts.findById(before.id)!, question: linkedQuestionUpdate(before, next.status) };
      })();
      for (const row of unpinned) publish(row, 'updated', true);
      if (question) questions.publish(question.row, 'updated', question.wasPublic);
      return publish(after, 'updated', isPostPublic(before));
    },
  };

  /**
   * A question made from a held post waits for the post: approving the post releases the
   * question into the session's moderation mode; rejecting it dismisses the question.
   */
  function linkedQuestionUpdate(before: PostRow, status: PostStatus | undefined) {
    if (before.question_id == null || status === undefined) return null;
    const question = repos.questions.findById(before.question_id);
    if (!question) return null;
    const wasPublic = isQuestionPublic(question);
    if (status === 'approved' && question.status === 'pending') {
      const event = repos.events.findById(before.event_id)!;
      if (event.question_moderation === 'pre') return null;
      repos.questions.setStatus(question.id, 'approved', null);
    } else if ((status === 'rejected' || status === 'hidden') && question.status !== 'dismissed') {
      repos.questions.setStatus(question.id, 'dismissed', null);
    } else {
      return null;
    }
    return { row: repos.questions.findById(question.id)!, wasPublic };
  }
}

export type PostsService = ReturnType<typeof createPostsService>;
