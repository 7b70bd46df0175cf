import { LIMITS } from '../../shared/limits.ts';
import type { PostStatus } from '../../shared/schemas/posts.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import type { EventRow, EventsRepository } from '../events/repository.ts';
import type { PostRow } from '../posts/repository.ts';
import type { SessionsRepository } from '../sessions/repository.ts';
import type { QuestionRow, QuestionsRepository } from './repository.ts';

/**
 * Where a post (from the attendee app, X, Bluesky, Mastodon …) becomes a question, and how that
 * question follows its post through moderation. The questions domain owns these writes; the
 * posts service asks for them inside its own transaction and publishes after commit.
 */
export function createQuestionsFromPosts(repos: {
  events: Pick<EventsRepository, 'findById'>;
  sessions: Pick<SessionsRepository, 'findByTag' | 'listLive'>;
  questions: QuestionsRepository;
}) {
  const removedListeners = new Set<(postId: number) => void>();

  return {
    /**
     * A post carrying the question tag becomes a question of the live session. Runs inside the
     * caller's transaction; the caller publishes after commit. A held post makes a held question.
     */
    questionFromPost(
      post: PostRow,
      event: EventRow,
      hashtags: string[],
      room?: string,
    ): QuestionRow | null {
      // The session whose own tag the post carries, else the live session of the poster's room
      // (the attendee app sends the room it was opened for), else the first live session.
      const tagged = hashtags
        .map((tag) => repos.sessions.findByTag(event.id, tag))
        .find((s) => s !== null);
      const live = repos.sessions.listLive(event.id);
      const inRoom = room
        ? live.find((s) => s.room.trim().toLowerCase() === room.trim().toLowerCase())
        : undefined;
      const session = tagged ?? inRoom ?? live[0];
      if (!session || session.questions_open !== 1) return null;
      // A full session keeps the post as a post: the question tag alone does not make room.
      if (repos.questions.countInSession(session.id) >= LIMITS.questionsPerSession) return null;
      const text = post.text
        .replace(new RegExp(`(^|\\s)#${event.question_tag}(?![\\p{L}\\p{N}_])`, 'giu'), ' ')
        .trim();
      if (text.length < 3) return null;
      const held = post.status === 'pending' || post.status === 'rejected';
      return repos.questions.create({
        event_id: event.id,
        session_id: session.id,
        attendee_id: post.attendee_id,
        post_id: post.id,
        client_id: null,
        text: text.slice(0, 300),
        author_name: post.author_handle
          ? `${post.author_name} (@${post.author_handle})`
          : post.author_name,
        anonymous: 0,
        status: held || event.question_moderation === 'pre' ? 'pending' : 'approved',
        // The post was screened: its question is held for the same reasons.
        flags: post.flags,
        created_at: post.created_at,
      });
    },

    /**
     * A question made from a held post waits for the post: approving the post releases the
     * question into the session's moderation mode; rejecting or hiding it dismisses the question.
     * Runs inside the caller's transaction; returns what to publish after commit, or null.
     */
    followPost(
      post: PostRow,
      status: PostStatus | undefined,
    ): { row: QuestionRow; wasPublic: boolean } | null {
      if (post.question_id == null || status === undefined) return null;
      const question = repos.questions.findById(post.question_id);
      if (!question) return null;
      const wasPublic = isQuestionPublic(question);
      if (status === 'approved' && question.status === 'pending') {
        const event = repos.events.findById(post.event_id)!;
        if (event.question_moderation === 'pre') return null;
        repos.questions.setStatus(question.id, 'approved', null);
      } else if (
        (status === 'rejected' || status === 'hidden') &&
        question.status !== 'dismissed'
      ) {
        repos.questions.setStatus(question.id, 'dismissed', null);
      } else {
        return null;
      }
      return { row: repos.questions.findById(question.id)!, wasPublic };
    },

    /** Tells the posts domain when a post's question goes (its cached rows name the question). */
    onPostQuestionRemoved(listener: (postId: number) => void): void {
      removedListeners.add(listener);
    },

    /** A question made from this post was deleted (inside the caller's transaction). */
    removed(postId: number): void {
      for (const listener of removedListeners) listener(postId);
    },
  };
}
