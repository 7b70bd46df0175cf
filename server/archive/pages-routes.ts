import type { FastifyInstance, FastifyReply } from 'fastify';
import { ArchiveSearchQuery } from '../../shared/schemas/archive.ts';
import type { Domain } from '../context.ts';
import { AppError } from '../lib/errors.ts';
import { TopicPage, TopicParams } from '../../shared/schemas/topics.ts';
import { PersonId } from '../../shared/schemas/people.ts';
import { notFoundPage, parseFile, parseSubFile, searchPage } from './html/pages.ts';
import type { Site } from './html/layout.ts';
import { renderFile, type ArchiveFile } from './render.ts';

/** The archive's folder for an event: every page's links are relative to it. */
export function archiveBase(publicUrl: string, code: string): string {
  return `${publicUrl}/e/${encodeURIComponent(code)}/archive/`;
}

/**
 * The public archive as server-rendered pages and feeds under /e/CODE/archive/ (no script;
 * see server/archive/html). Registered before the web client, whose catch-all would otherwise
 * answer with the React app. 404 when the event has no archive or it is not open yet.
 */
export default async function archivePages(app: FastifyInstance, { domain }: { domain: Domain }) {
  const notFound = (reply: FastifyReply) =>
    reply.code(404).type('text/html; charset=utf-8').send(notFoundPage());

  app.get<{ Params: { code: string; file?: string }; Querystring: Record<string, unknown> }>(
    '/e/:code/archive/:file?',
    { schema: { hide: true } },
    async (request, reply) => {
      // The folder's own address: without the slash, relative links would resolve one level up.
      if (request.params.file === undefined && !request.url.split('?')[0]!.endsWith('/'))
        return reply.redirect(`/e/${encodeURIComponent(request.params.code)}/archive/`, 301);
      const file = parseFile(request.params.file ?? '');
      if (!file || !/^[A-Za-z0-9-]{1,16}$/.test(request.params.code)) return notFound(reply);
      try {
        const event = domain.archive.openEvent(request.params.code);
        const site: Site = { baseUrl: archiveBase(app.config.publicUrl, event.code), search: true };
        void reply.header('cache-control', 'public, max-age=60');
        if (file.kind === 'search') {
          const query = ArchiveSearchQuery.safeParse(request.query);
          const q = typeof request.query.q === 'string' ? request.query.q : '';
          if (!query.success) {
            const status = q === '' ? 200 : 400;
            const error =
              q === '' ? undefined : 'Type a word or two to look for (at most 100 characters).';
            return reply
              .code(status)
              .type('text/html; charset=utf-8')
              .send(searchPage(event, site, q.slice(0, 100), null, error));
          }
          const result = domain.archive.search(event, query.data.q, query.data.cursor);
          return reply
            .type('text/html; charset=utf-8')
            .send(searchPage(event, site, query.data.q, result, undefined, !!query.data.cursor));
        }
        const rendered = renderFile(domain, event, site, file);
        return reply.type(rendered.type).send(rendered.body);
      } catch (error) {
        if (error instanceof AppError && error.statusCode === 404) return notFound(reply);
        throw error;
      }
    },
  );

  /**
   * The archive's two folders: a topic's pages (topics/TAG.html, topics/TAG-p2.html, and the
   * bare topics/TAG, which also takes ?page=N as it always did) and a person's
   * (people/ID.html, people/ID-p2.html, people/ID). The same files the static export writes.
   */
  const folders: Record<string, (name: string, page: number) => ArchiveFile | null> = {
    topics: (name, page) => {
      const tag = TopicParams.shape.tag.safeParse(name);
      return tag.success ? { kind: 'topic', tag: tag.data, page } : null;
    },
    people: (name, page) =>
      PersonId.safeParse(name).success ? { kind: 'person', id: name, page } : null,
  };
  for (const [folder, fileOf] of Object.entries(folders)) {
    app.get<{ Params: { code: string; file: string }; Querystring: Record<string, unknown> }>(
      `/e/:code/archive/${folder}/:file`,
      { schema: { hide: true } },
      async (request, reply) => {
        const parsed = parseSubFile(request.params.file);
        const bare = parsed !== null && !request.params.file.endsWith('.html');
        const query = bare && folder === 'topics' ? TopicPage.safeParse(request.query.page) : null;
        if (!parsed || (query && !query.success)) return notFound(reply);
        const file = fileOf(parsed.name, query?.success ? query.data : parsed.page);
        if (!file || !/^[A-Za-z0-9-]{1,16}$/.test(request.params.code)) return notFound(reply);
        try {
          const event = domain.archive.openEvent(request.params.code);
          const site: Site = {
            baseUrl: archiveBase(app.config.publicUrl, event.code),
            search: true,
          };
          const rendered = renderFile(domain, event, site, file);
          return reply
            .header('cache-control', 'public, max-age=60')
            .type(rendered.type)
            .send(rendered.body);
        } catch (error) {
          if (error instanceof AppError && error.statusCode === 404) return notFound(reply);
          throw error;
        }
      },
    );
  }
}
