import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { z } from 'zod';
import {
  ExportDocument,
  JsonExportQuery,
  PostsExportQuery,
  QuestionsExportQuery,
} from '../../shared/schemas/exports.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import type { ExportFile } from './service.ts';

/** A text download in the OpenAPI document: the body is no JSON, so it names its own media type. */
function download(mediaType: string, description: string) {
  return z.string().meta({ description, content: { [mediaType]: { schema: { type: 'string' } } } });
}

/**
 * Hands the event loop back after each page. A socket that takes every write at once (a fast
 * client, localhost) would otherwise pull the whole export through in one synchronous run and
 * hold up every other request, votes included, until it is done.
 */
async function* paced(pages: Iterable<string>): AsyncGenerator<string> {
  for (const page of pages) {
    yield page;
    await setImmediate();
  }
}

/** Streams the file as it is produced; the name makes browsers save it rather than show it. */
function send(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .type(file.contentType)
    .send(Readable.from(paced(file.body), { objectMode: true, highWaterMark: 1 }));
}

export default async function exportRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/events/:eventId/export.json', {
    schema: {
      tags: ['exports'],
      summary: 'The whole record of an event as one JSON document (moderator)',
      description:
        'Sessions, questions in every status (the author is null when asked anonymously) and posts in every status, oldest first. `session` keeps one session and its questions; `status` keeps posts in that status.',
      security: BEARER,
      params: EventIdParams,
      querystring: JsonExportQuery,
      response: { 200: ExportDocument, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) =>
      send(reply, domain.exports.json(request.principal, request.params.eventId, request.query)),
  });

  api.get('/events/:eventId/export/questions.csv', {
    schema: {
      tags: ['exports'],
      summary: 'Questions of every session, or of one, as CSV (moderator)',
      description:
        'RFC 4180 with a UTF-8 byte order mark. A cell that would start a spreadsheet formula (= + - @, tab, CR) starts with an apostrophe. The author is blank when asked anonymously.',
      security: BEARER,
      params: EventIdParams,
      querystring: QuestionsExportQuery,
      response: {
        200: download('text/csv', 'One row per question, oldest first, with a header row'),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) =>
      send(
        reply,
        domain.exports.questionsCsv(request.principal, request.params.eventId, request.query),
      ),
  });

  api.get('/events/:eventId/export/posts.csv', {
    schema: {
      tags: ['exports'],
      summary: 'Posts in every status, or one, as CSV (moderator)',
      description:
        'RFC 4180 with a UTF-8 byte order mark. A cell that would start a spreadsheet formula (= + - @, tab, CR) starts with an apostrophe.',
      security: BEARER,
      params: EventIdParams,
      querystring: PostsExportQuery,
      response: {
        200: download('text/csv', 'One row per post, oldest first, with a header row'),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) =>
      send(
        reply,
        domain.exports.postsCsv(request.principal, request.params.eventId, request.query),
      ),
  });

  api.get('/events/:eventId/export.md', {
    schema: {
      tags: ['exports'],
      summary:
        'A readable Markdown report: questions per session best first, then the wall (moderator)',
      description:
        'Dismissed questions and posts the wall never showed are left out. Attendee text is escaped: it cannot become a link, an image, HTML or a heading.',
      security: BEARER,
      params: EventIdParams,
      querystring: z.strictObject({}),
      response: {
        200: download('text/markdown', 'The report'),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    handler: async (request, reply) =>
      send(reply, domain.exports.markdown(request.principal, request.params.eventId)),
  });
}
