import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportDocument } from '../../../shared/schemas/exports.ts';
import { bearer, build, seedEvent, type TestApp } from '../../helper.ts';
import { FORMULA, seedRecord, TRICKY, type ExportRecord } from './fixtures.ts';

let t: TestApp;
let r: ExportRecord;

beforeAll(async () => {
  t = await build();
  r = seedRecord(t.app);
});
afterAll(() => t.close());

async function exported(query = '') {
  const res = await t.app.inject({
    url: `/api/events/${r.event.eventId}/export.json${query}`,
    headers: bearer(r.event.moderatorKey),
  });
  expect(res.statusCode, res.body).toBe(200);
  return { res, doc: ExportDocument.strict().parse(res.json()) };
}

describe('GET /api/events/:eventId/export.json', () => {
  it('is a JSON download that parses against the shared schema', async () => {
    const { res, doc } = await exported();
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${r.event.code}-export.json"`,
    );
    expect(doc).toMatchObject({
      format: 'backchannel.export',
      version: 1,
      event: { id: r.event.eventId, code: r.event.code, name: 'Export Conf' },
    });
    expect(Date.parse(doc.exportedAt)).not.toBeNaN();
    expect(doc.sessions.map((s) => s.title)).toEqual(['Keynote', 'Second talk']);
  });

  it('holds every question in every status, oldest first, with votes, times and no name for the anonymous one', async () => {
    const { doc } = await exported();
    const { answered, approved, anonymous, pending, dismissed, other } = r.questions;
    expect(doc.questions.map((q) => [q.id, q.sessionId, q.status, q.votes, q.author])).toEqual([
      [answered, r.event.sessionId, 'answered', 0, 'Ada'],
      [approved, r.event.sessionId, 'approved', 3, '@bob'],
      [anonymous, r.event.sessionId, 'approved', 1, null],
      [pending, r.event.sessionId, 'pending', 0, '@bob'],
      [dismissed, r.event.sessionId, 'dismissed', 0, 'Ada'],
      [other, r.room2.sessionId, 'approved', 0, '@bob'],
    ]);
    expect(doc.questions[0]).toEqual({
      id: answered,
      sessionId: r.event.sessionId,
      text: 'Which one was answered?',
      status: 'answered',
      votes: 0,
      author: 'Ada',
      anonymous: false,
      postId: null,
      createdAt: expect.stringMatching(/^2025-05-01T11:/),
      answeredAt: '2025-05-01T12:00:00.000Z',
      mergedInto: null,
      mergedAt: null,
    });
    expect(doc.questions[1]!.text).toBe(TRICKY);
    expect(doc.questions[2]!.anonymous).toBe(true);
  });

  it('holds every post in every status, oldest first, with source, author, flags and pin', async () => {
    const { doc } = await exported();
    const { approved, tricky, formula, pending, rejected, hostile, hidden } = r.posts;
    expect(doc.posts.map((p) => [p.id, p.status])).toEqual([
      [approved, 'approved'],
      [tricky, 'approved'],
      [formula, 'approved'],
      [pending, 'pending'],
      [rejected, 'rejected'],
      [hostile, 'approved'],
      [hidden, 'hidden'],
    ]);
    expect(doc.posts[2]).toEqual({
      id: formula,
      text: FORMULA,
      source: 'web',
      sourceId: null,
      author: { name: '@bob', handle: null },
      authorKey: expect.stringMatching(/^attendee:\d+$/),
      status: 'approved',
      flags: [],
      pinned: false,
      hashtags: [],
      media: [],
      questionId: null,
      createdAt: expect.stringMatching(/^2025-05-01T10:/),
    });
  });

  it('keeps one session and its questions with ?session=, and one post status with ?status=', async () => {
    const { doc } = await exported(`?session=${r.room2.sessionId}&status=hidden`);
    expect(doc.sessions.map((s) => s.id)).toEqual([r.room2.sessionId]);
    expect(doc.questions.map((q) => q.id)).toEqual([r.questions.other]);
    expect(doc.posts.map((p) => p.id)).toEqual([r.posts.hidden]);
  });

  it('is still a valid document when there is nothing to export', async () => {
    const empty = seedEvent(t.app);
    const res = await t.app.inject({
      url: `/api/events/${empty.eventId}/export.json`,
      headers: bearer(empty.moderatorKey),
    });
    const doc = ExportDocument.strict().parse(res.json());
    expect([doc.sessions.length, doc.questions, doc.posts]).toEqual([1, [], []]);
  });

  it('is described in the OpenAPI document under the exports tag', () => {
    const doc = t.app.swagger() as {
      paths: Record<
        string,
        { get: { tags: string[]; responses: Record<string, { content: Record<string, unknown> }> } }
      >;
    };
    const entry = doc.paths['/api/events/{eventId}/export.json']!.get;
    expect(entry.tags).toEqual(['exports']);
    expect(Object.keys(entry.responses['200']!.content)).toEqual(['application/json']);
    expect(JSON.stringify(entry.responses['200'])).toContain('"questions"');
    for (const [path, type] of [
      ['/api/events/{eventId}/export/questions.csv', 'text/csv'],
      ['/api/events/{eventId}/export/posts.csv', 'text/csv'],
      ['/api/events/{eventId}/export.md', 'text/markdown'],
    ] as const) {
      expect(Object.keys(doc.paths[path]!.get.responses['200']!.content), path).toEqual([type]);
      expect(doc.paths[path]!.get.tags).toEqual(['exports']);
    }
  });
});
