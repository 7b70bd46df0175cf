import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  POST_CSV_COLUMNS,
  QUESTION_CSV_COLUMNS,
  type ExportAnswer,
  type ExportPost,
  type ExportQuestion,
  type JsonExportQuery,
  type PostsExportQuery,
  type QuestionsExportQuery,
} from '../../shared/schemas/exports.ts';
import { askerName } from '../../shared/askers.ts';
import { compareByVotes } from '../../shared/question-rules.ts';
import type { Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import { presentEvent, type EventRow } from '../events/repository.ts';
import { notFound } from '../lib/errors.ts';
import { parseJsonArray } from '../lib/json.ts';
import { nowIso } from '../lib/time.ts';
import type { PostRow } from '../posts/repository.ts';
import type { AnswerRow } from '../answers/repository.ts';
import { presentQuestion, type QuestionRow } from '../questions/repository.ts';
import { presentSession, type SessionRow } from '../sessions/repository.ts';
import { CSV_BOM, csvRow } from './csv.ts';
import { markdownReport } from './report.ts';
import { eventForModerator } from '../events/existing.ts';

/** Rows read per query: small enough to keep memory flat, big enough that queries stay few. */
const PAGE_ROWS = 500;

/** A download: its name, its type, and its text produced page by page as the response goes out. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Iterable<string>;
}

/** Keyset pages from `start` until a short page; `read` gets the last id seen. */
function* pages<Row extends { id: number }>(
  read: (cursor: number) => Row[],
  start: number,
): Generator<Row[]> {
  let cursor = start;
  for (;;) {
    const page = read(cursor);
    if (page.length > 0) yield page;
    if (page.length < PAGE_ROWS) return;
    cursor = page[page.length - 1]!.id;
  }
}

export function exportQuestion(row: QuestionRow): ExportQuestion {
  return {
    id: row.id,
    sessionId: row.session_id,
    text: row.text,
    status: row.status,
    votes: row.votes,
    author: row.anonymous === 1 ? null : row.author_name,
    anonymous: row.anonymous === 1,
    postId: row.post_id,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    mergedInto: row.merged_into,
    mergedAt: row.merged_at,
  };
}

export function exportAnswer(row: AnswerRow): ExportAnswer {
  return {
    id: row.id,
    questionId: row.question_id,
    writtenFor: row.merged_from ?? row.question_id,
    sessionId: row.session_id,
    kind: row.kind,
    author: { name: row.author_name, role: row.author_role },
    status: row.status,
    accepted: row.accepted === 1,
    text: row.text,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function exportPost(row: PostRow): ExportPost {
  return {
    id: row.id,
    text: row.text,
    source: row.source,
    // A web post's source id is the attendee's own retry key, not an id anyone outside knows.
    sourceId: row.source === 'web' ? null : row.source_id,
    author: { name: row.author_name, handle: row.author_handle },
    authorKey: row.author_key,
    status: row.status,
    flags: parseJsonArray(row.flags),
    pinned: row.pinned === 1,
    hashtags: parseJsonArray(row.hashtags),
    media: parseJsonArray(row.media),
    questionId: row.question_id ?? null,
    createdAt: row.created_at,
  };
}

const joined = (values: string[], prefix = '') => values.map((value) => prefix + value).join(' ');

/**
 * Exports for the event's moderators: CSV, JSON and a Markdown report. Every check runs when a
 * method is called, before any byte is written; the body is a lazy generator, since once it
 * streams a refusal could no longer be a status code.
 */
export function createExportsService({ repos }: Pick<DomainDeps, 'repos'>) {
  const rows = repos.exports;

  function open(
    principal: Principal,
    eventId: number,
    sessionId?: number,
  ): { event: EventRow; sessions: SessionRow[] } {
    const event = eventForModerator(repos.events, principal, eventId);
    const sessions = repos.sessions.listByEvent(eventId);
    if (sessionId === undefined) return { event, sessions };
    const session = sessions.find((s) => s.id === sessionId);
    if (!session)
      throw notFound('session_not_found', `No session with id ${sessionId} in this event`);
    return { event, sessions: [session] };
  }

  const questionPages = (eventId: number, sessionId: number | undefined) =>
    pages((after) => rows.questions(eventId, sessionId ?? null, after, PAGE_ROWS), 0);
  const answerPages = (eventId: number, sessionId: number | undefined) =>
    pages((after) => rows.answers(eventId, sessionId ?? null, after, PAGE_ROWS), 0);
  const postPages = (eventId: number, status: PostsExportQuery['status']) =>
    pages((after) => rows.posts(eventId, status ?? null, after, PAGE_ROWS), 0);

  return {
    questionsCsv(principal: Principal, eventId: number, query: QuestionsExportQuery): ExportFile {
      const { event, sessions } = open(principal, eventId, query.session);
      const sessionsById = new Map(sessions.map((session) => [session.id, session]));
      function* body() {
        yield CSV_BOM + csvRow(QUESTION_CSV_COLUMNS);
        for (const page of questionPages(eventId, query.session)) {
          yield page
            .map((row) => {
              const q = exportQuestion(row);
              const session = sessionsById.get(q.sessionId);
              return csvRow([
                q.id,
                q.sessionId,
                session?.title ?? null,
                session?.room ?? null,
                q.status,
                q.votes,
                // A spreadsheet is read by people: the name every surface shows, never empty.
                askerName({ anonymous: q.anonymous, authorName: q.author }),
                q.anonymous,
                q.text,
                q.createdAt,
                q.answeredAt,
                q.postId,
                q.mergedInto,
                q.mergedAt,
              ]);
            })
            .join('');
        }
      }
      return {
        filename: `${event.code}-questions.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: body(),
      };
    },

    postsCsv(principal: Principal, eventId: number, query: PostsExportQuery): ExportFile {
      const { event } = open(principal, eventId);
      function* body() {
        yield CSV_BOM + csvRow(POST_CSV_COLUMNS);
        for (const page of postPages(eventId, query.status)) {
          yield page
            .map((row) => {
              const p = exportPost(row);
              return csvRow([
                p.id,
                p.createdAt,
                p.status,
                p.source,
                p.sourceId,
                p.author.name,
                p.author.handle,
                p.text,
                joined(p.hashtags, '#'),
                joined(p.media),
                joined(p.flags),
                p.pinned,
                p.questionId,
              ]);
            })
            .join('');
        }
      }
      return {
        filename: `${event.code}-posts.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: body(),
      };
    },

    json(principal: Principal, eventId: number, query: JsonExportQuery): ExportFile {
      const { event, sessions } = open(principal, eventId, query.session);
      function* body() {
        const head = JSON.stringify({
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          exportedAt: nowIso(),
          event: presentEvent(event),
          sessions: sessions.map(presentSession),
        });
        // The head is an object: its closing brace gives way to the long arrays.
        yield `${head.slice(0, -1)},"questions":[`;
        let first = true;
        for (const page of questionPages(eventId, query.session)) {
          yield (
            (first ? '' : ',') + page.map((row) => JSON.stringify(exportQuestion(row))).join(',')
          );
          first = false;
        }
        yield '],"posts":[';
        first = true;
        for (const page of postPages(eventId, query.status)) {
          yield (first ? '' : ',') + page.map((row) => JSON.stringify(exportPost(row))).join(',');
          first = false;
        }
        yield '],"answers":[';
        first = true;
        for (const page of answerPages(eventId, query.session)) {
          yield (first ? '' : ',') + page.map((row) => JSON.stringify(exportAnswer(row))).join(',');
          first = false;
        }
        yield ']}';
      }
      return {
        filename: `${event.code}-export.json`,
        contentType: 'application/json; charset=utf-8',
        body: body(),
      };
    },

    markdown(principal: Principal, eventId: number): ExportFile {
      const { event, sessions } = open(principal, eventId);
      const body = markdownReport({
        event,
        sessions,
        exportedAt: nowIso(),
        totals: {
          posts: rows.postTallies(eventId),
          questions: rows.questionTallies(eventId),
          attendees: rows.attendees(eventId),
        },
        questionsOf: (session) =>
          repos.questions
            .listBySession(session.id)
            .filter((row) => row.status !== 'dismissed')
            .map(presentQuestion)
            .sort(compareByVotes),
        approvedPosts: pages(
          (before) => rows.approvedPosts(eventId, before, PAGE_ROWS),
          Number.MAX_SAFE_INTEGER,
        ),
      });
      return {
        filename: `${event.code}-report.md`,
        contentType: 'text/markdown; charset=utf-8',
        body,
      };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
