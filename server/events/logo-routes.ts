import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { LIMITS } from '../../shared/limits.ts';
import { Event } from '../../shared/schemas/events.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';
import { AppError } from '../lib/errors.ts';
import { LOGO_TYPES } from './logo.ts';

const tooLarge = () =>
  new AppError(413, 'logo_too_large', `A logo may have at most ${LIMITS.logoBytes} bytes`);

/**
 * The raw image body, whatever Content-Type the client sends (the type is read from the bytes),
 * cut off as soon as it passes the limit.
 */
async function readImage(request: FastifyRequest, payload: Readable): Promise<Buffer> {
  if (Number(request.headers['content-length']) > LIMITS.logoBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > LIMITS.logoBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** An SVG shown on its own can run script: this one may not run or load anything. */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
const YEAR_S = 365 * 24 * 3600;

/**
 * An event's uploaded logo. The upload is the raw image as the request body (PUT, as a browser
 * sends a File with fetch): one file needs no multipart parser, hence no new dependency.
 */
export default async function logoRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Only in this plugin: every other route keeps accepting JSON alone.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', readImage);

  api.put('/events/:eventId/logo', {
    schema: {
      tags: ['events'],
      summary: 'Upload the event logo (moderator, admin)',
      description: `The image itself as the body: PNG, JPEG, GIF, WebP or SVG (recognised by its bytes, whatever the Content-Type), at most ${LIMITS.logoBytes} bytes. Screens, the attendee app and the speaker view show it at once.`,
      security: BEARER,
      params: EventIdParams,
      response: { 200: Event, ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
    // Before the body is read: a stranger's megabyte is refused unread.
    preParsing: async (request) => domain.logos.admitUpload(request.principal),
    handler: async (request) =>
      domain.logos.upload(
        request.principal,
        request.params.eventId,
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      ),
  });

  api.delete('/events/:eventId/logo', {
    schema: {
      tags: ['events'],
      summary: 'Remove the uploaded event logo (moderator, admin); a logo URL shows again',
      security: BEARER,
      params: EventIdParams,
      response: { 200: Event, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => domain.logos.remove(request.principal, request.params.eventId),
  });

  api.get('/events/:eventId/logo', {
    schema: {
      tags: ['events'],
      summary: 'The uploaded event logo',
      description:
        'Kept for a year by caches when `v` is the current version (the URL in branding.uploadedLogoUrl), else revalidated.',
      params: EventIdParams,
      querystring: z.strictObject({ v: z.coerce.number().int().nonnegative().optional() }),
      response: {
        200: z.string().meta({
          description: 'The image',
          content: Object.fromEntries(
            LOGO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          ),
        }),
        ...errorResponses(400, 404),
      },
    },
    handler: async (request, reply) => {
      const logo = domain.logos.read(request.params.eventId, request.query.v);
      void reply
        .type(logo.type)
        .header('x-content-type-options', 'nosniff')
        .header(
          'cache-control',
          logo.current ? `public, max-age=${YEAR_S}, immutable` : 'no-cache',
        );
      if (logo.type === 'image/svg+xml') {
        void reply
          .header('content-security-policy', SVG_POLICY)
          .header('content-disposition', 'inline; filename="logo.svg"');
      }
      // Bytes go out as they are (Fastify serialises no Buffer); the schema only documents them.
      return reply.send(logo.bytes as unknown as string);
    },
  });
}
