import { isArchiveOpen, type ArchiveItemKind } from '../../shared/archive.ts';
import { LIMITS } from '../../shared/limits.ts';
import type { SnippetPart } from '../../shared/search.ts';
import {
  ArchiveHitKind,
  type ArchiveHit,
  type ArchiveSearchResult,
  type WithdrawBody,
} from '../../shared/schemas/archive.ts';
import { isPostPublic } from '../../shared/post-rules.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import { isAnswerPublic } from '../../shared/answer-rules.ts';
import type { DomainDeps } from '../context.ts';
import { presentAnswer } from '../answers/repository.ts';
import { requireAttendee } from '../auth/guards.ts';
import { eventForModerator } from '../events/existing.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import type { EventRow } from '../events/repository.ts';
import { notFound } from '../lib/errors.ts';
import { parseJsonArray } from '../lib/json.ts';
import { presentPost } from '../posts/repository.ts';
import { presentQuestion } from '../questions/repository.ts';
import { matchFor, SEARCH_KINDS } from '../search/index.ts';
import { FILES } from './html/pages.ts';
import { sharedLinks, topics, type Counted } from './digest.ts';
import type { ArchiveQuestion } from './repository.ts';

/** A search index kind number (search/index.ts) as the hit kind it is. */
const KIND_OF = Object.fromEntries(
  Object.entries(SEARCH_KINDS).map(([kind, n]) => [n, kind as ArchiveHitKind]),
) as Record<number, ArchiveHitKind>;

const ITEM_NOT_FOUND = {
  post: 'post_not_found',
  question: 'question_not_found',
  answer: 'answer_not_found',
} as const;

/**
 * The public record of an event (issue 14): what its archive pages, feeds, public search and
 * static export show, read through the archive repository's public-only statements; and the
 * two choices that shape it, a moderator withdrawing an item and an attendee choosing to be
 * named.
 */
export function createArchiveService({ db, repos, broadcast }: DomainDeps) {
  const archive = repos.archive;
  /** The event behind a public archive address; 404 when it has none, or none open yet. */
  function openEvent(code: string, now = Date.now()): EventRow {
    const event = repos.events.findByCode(code);
    const sessions = event ? repos.sessions.listByEvent(event.id) : [];
    const timed = sessions.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at }));
    if (!event || !isArchiveOpen(event.archive, timed, now))
      throw notFound('archive_not_found', `No public archive for ${code}`);
    return event;
  }

  function withAnswers(questions: ArchiveQuestion[]) {
    return questions.map((question) => ({ question, answers: archive.answers(question.id) }));
  }

  return {
    repository: archive,
    openEvent,
    locate,

    /** The front page: sessions, the newest posts, shared links and topics. */
    overview(event: EventRow) {
      const sessions = archive.sessions(event.id);
      const texts = archive.texts(event.id);
      const ignored = [...parseJsonArray(event.hashtags), event.question_tag];
      return {
        sessions,
        links: sharedLinks(texts, LIMITS.archive.links),
        topics: topics(
          texts,
          sessions.flatMap((s) => (s.tag ? [{ tag: s.tag, questions: s.questions }] : [])),
          ignored,
          LIMITS.archive.topics,
        ) as Counted[],
        postCount: archive.postCount(event.id),
      };
    },

    /** One page of a session's public questions, best first, each with its public answers. */
    sessionPage(event: EventRow, sessionId: number, page: number) {
      const session = archive.session(event.id, sessionId);
      if (!session) throw notFound('session_not_found', `No session ${sessionId} in the archive`);
      const size = LIMITS.archive.questionsPerPage;
      const pages = Math.max(1, Math.ceil(session.questions / size));
      if (page > pages) throw notFound('not_found', `No page ${page}`);
      return {
        session,
        page,
        pages,
        items: withAnswers(archive.questions(sessionId, size, (page - 1) * size)),
      };
    },

    postsPage(event: EventRow, page: number) {
      const size = LIMITS.archive.postsPerPage;
      const pages = Math.max(1, Math.ceil(archive.postCount(event.id) / size));
      if (page > pages) throw notFound('not_found', `No page ${page}`);
      return { page, pages, posts: archive.posts(event.id, size, (page - 1) * size) };
    },

    /** The newest public posts, for the event's feed. */
    feedPosts: (event: EventRow) => archive.posts(event.id, LIMITS.archive.feedEntries, 0),

    /** A session's newest answered questions with their answers, for its feed. */
    feedAnswered(event: EventRow, sessionId: number) {
      const session = archive.session(event.id, sessionId);
      if (!session) throw notFound('session_not_found', `No session ${sessionId} in the archive`);
      return {
        session,
        items: withAnswers(archive.answered(sessionId, LIMITS.archive.feedEntries)),
      };
    },

    /**
     * Public search (repository.ts): public items matching `q` in their text, best first, a
     * page after the cursor, with where each is shown and its snippet.
     */
    search(event: EventRow, q: string, cursor: string | undefined): ArchiveSearchResult {
      const match = `body : (${matchFor(q)})`;
      const size = LIMITS.archive.searchPerPage;
      const paging = repos.search.paging(cursor);
      const ranked = archive.search(event.id, match, paging.params, size + 1);
      const slice = ranked.slice(0, size).map((h) => ({ ...h, kind: KIND_OF[h.kind]! }));
      const ids = (kind: ArchiveHitKind) => slice.filter((h) => h.kind === kind).map((h) => h.id);
      const found = new Map<string, Omit<ArchiveHit, 'snippet' | 'href'>>();
      for (const row of archive.publicPosts(event.id, ids('post')))
        found.set(`post:${row.id}`, {
          kind: 'post',
          id: row.id,
          sessionId: null,
          questionId: null,
          author: row.author,
          createdAt: row.created_at,
        });
      for (const row of archive.publicQuestions(event.id, ids('question')))
        found.set(`question:${row.id}`, {
          kind: 'question',
          id: row.id,
          sessionId: row.session_id,
          questionId: null,
          author: row.author,
          createdAt: row.created_at,
        });
      for (const row of archive.publicAnswers(event.id, [...ids('answer'), ...ids('reply')]))
        found.set(`${row.kind}:${row.id}`, {
          kind: row.kind,
          id: row.id,
          sessionId: row.session_id,
          questionId: row.question_id,
          author: row.author,
          createdAt: row.created_at,
        });
      // One snippet pass per kind over the page's hits, not one per hit.
      const snippets = new Map<string, SnippetPart[]>();
      for (const kind of ArchiveHitKind.options) {
        const marked = repos.search.snippets(event.id, kind, ids(kind), match);
        for (const id of ids(kind)) snippets.set(`${kind}:${id}`, marked[String(id)] ?? []);
      }
      const hits = slice.flatMap((h) => {
        const hit = found.get(`${h.kind}:${h.id}`);
        return hit
          ? [{ ...hit, href: locate(event, hit), snippet: snippets.get(`${h.kind}:${h.id}`) ?? [] }]
          : [];
      });
      const last = ranked.length > size ? ranked[size - 1] : undefined;
      return { q, hits, nextCursor: paging.next(last) };
    },

    /** A moderator withdraws an item from the archive or restores it; logged, and broadcast. */
    setWithdrawn(principal: Principal, eventId: number, body: WithdrawBody): WithdrawBody {
      eventForModerator(repos.events, principal, eventId);
      const { kind, id, withdrawn } = body;
      const before = archive.withdrawn(kind, eventId, id);
      if (before === null) throw notFound(ITEM_NOT_FOUND[kind], `No ${kind} ${id} in this event`);
      db.transaction(() => {
        archive.setWithdrawn(kind, eventId, id, withdrawn);
        repos.log.append({
          eventId,
          actor: actorName(principal),
          action: withdrawn ? 'withdraw_from_archive' : 'restore_to_archive',
          itemType: kind,
          itemId: id,
        });
      })();
      announce(kind, id);
      return { kind, id, withdrawn };
    },

    /** Whether the calling attendee is named in the archive of their event. */
    named(principal: Principal, eventId: number): boolean {
      const { attendee } = requireAttendee(principal, eventId);
      return archive.named(attendee.id);
    },
    setNamed(principal: Principal, eventId: number, named: boolean): boolean {
      const { attendee } = requireAttendee(principal, eventId);
      archive.setNamed(attendee.id, named);
      return archive.named(attendee.id);
    },
  };

  /** Where a public item is shown in the archive, relative to its folder. */
  function locate(event: EventRow, hit: Pick<ArchiveHit, 'kind' | 'id' | 'questionId'>): string {
    if (hit.kind === 'post')
      return `${FILES.posts(archive.postPage(event.id, hit.id))}#post-${hit.id}`;
    const question = repos.questions.findById(hit.kind === 'question' ? hit.id : hit.questionId!)!;
    const file = FILES.session(question.session_id, archive.questionPage(question));
    return `${file}#${hit.kind === 'question' ? 'q' : 'a'}-${hit.id}`;
  }

  /** Every console (and the item's author) sees the item's new archive state. */
  function announce(kind: ArchiveItemKind, id: number): void {
    if (kind === 'post') {
      const post = presentPost(repos.posts.findById(id)!);
      broadcast.post(post, 'updated', isPostPublic(post));
    } else if (kind === 'question') {
      const row = repos.questions.findById(id)!;
      const question = presentQuestion(row);
      broadcast.question(question, 'updated', isQuestionPublic(question), row.attendee_id);
    } else {
      const row = repos.answers.findById(id)!;
      const question = repos.questions.findById(row.question_id);
      broadcast.answer(presentAnswer(row), 'updated', isAnswerPublic(row), {
        questionPublic: question !== null && isQuestionPublic(question),
        askerId: question?.attendee_id ?? null,
        authorId: row.attendee_id,
      });
    }
  }
}

export type ArchiveService = ReturnType<typeof createArchiveService>;
