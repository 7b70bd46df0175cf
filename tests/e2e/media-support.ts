/**
 * Fixtures for the media tests. This machine has no internet, so the post images are served
 * by the test app itself (same origin, which the CSP's img-src allows): small SVG "photos" in
 * the shapes real posts bring (wide, square, tall), one that never exists, and one that takes
 * seconds to arrive.
 */
import type { FastifyInstance } from 'fastify';
import type { Post, PostSource } from '../../shared/schemas/posts.ts';
import { build, sleep, type TestApp } from '../helper.ts';

export const MEDIA_PREFIX = '/test-media/';
/** How long /test-media/slow.svg takes: longer than a post's arrival animation. */
export const SLOW_MS = 3500;

/** A stage with a speaker and a slide: a wide picture. */
const stage = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
  <defs><radialGradient id="g" cx="50%" cy="20%" r="80%"><stop offset="0" stop-color="#3b4a8f"/><stop offset="1" stop-color="#0a0d1c"/></radialGradient></defs>
  <rect width="1600" height="900" fill="url(#g)"/>
  <rect x="380" y="120" width="840" height="470" rx="12" fill="#f4f1ea"/>
  <text x="800" y="330" font-family="sans-serif" font-size="72" font-weight="700" text-anchor="middle" fill="#1b2340">Incident reviews</text>
  <text x="800" y="420" font-family="sans-serif" font-size="40" text-anchor="middle" fill="#55607a">that people actually read</text>
  <rect x="0" y="700" width="1600" height="200" fill="#1a1420"/>
  <circle cx="1260" cy="560" r="46" fill="#e0b48a"/><rect x="1210" y="610" width="100" height="150" rx="30" fill="#c43d4b"/>
</svg>`;

/** Rows of heads in a hall: a 3:2 picture. */
const crowd = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#241b35"/><rect width="1200" height="260" fill="#f7c948"/>
  ${Array.from({ length: 5 }, (_, row) =>
    Array.from({ length: 13 }, (_, col) => {
      const hue = (row * 53 + col * 29) % 360;
      return `<circle cx="${col * 95 + (row % 2) * 45 + 30}" cy="${330 + row * 100}" r="${34 + row * 4}" fill="hsl(${hue} 45% 55%)"/>`;
    }).join(''),
  ).join('')}
</svg>`;

/** A cup of coffee: a square picture. */
const coffee = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
  <rect width="800" height="800" fill="#c8a27a"/><ellipse cx="400" cy="620" rx="300" ry="70" fill="#9c7752"/>
  <rect x="230" y="300" width="340" height="320" rx="40" fill="#fafafa"/><circle cx="600" cy="440" r="70" fill="none" stroke="#fafafa" stroke-width="30"/>
  <ellipse cx="400" cy="310" rx="160" ry="30" fill="#4b2c17"/>
</svg>`;

/** A poster on a wall: a tall picture, which the cards must crop, not squeeze. */
const poster = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900" viewBox="0 0 600 900">
  <rect width="600" height="900" fill="#0f766e"/><circle cx="300" cy="300" r="200" fill="#fde68a"/>
  <text x="300" y="680" font-family="sans-serif" font-size="64" font-weight="800" text-anchor="middle" fill="#ffffff">HACK NIGHT</text>
</svg>`;

const IMAGES: Record<string, string> = {
  'stage.svg': stage,
  'crowd.svg': crowd,
  'coffee.svg': coffee,
  'poster.svg': poster,
  'slow.svg': coffee,
  'held.svg': crowd,
};

/** The real app, plus a route serving the fixture images; anything else there is a 404. */
export async function buildWithImages(): Promise<TestApp> {
  return build(
    {},
    {
      routes: (app) =>
        app.get(`${MEDIA_PREFIX}:name`, async (request, reply) => {
          const { name } = request.params as { name: string };
          const svg = IMAGES[name];
          if (!svg)
            return reply.code(404).send({ error: { id: 'not_found', message: 'no such image' } });
          if (name === 'slow.svg') await sleep(SLOW_MS);
          return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
        }),
    },
  );
}

export const imageUrl = (base: string, name: string) => `${base}${MEDIA_PREFIX}${name}`;

/** A post with images, through the same ingest every source uses (which trusts its caller). */
export function ingestWithMedia(
  app: FastifyInstance,
  eventId: number,
  text: string,
  media: string[],
  author: { name: string; handle?: string },
  source: PostSource = 'x',
): Post {
  return app.domain.posts.ingest({
    eventId,
    source,
    sourceId: `media-${Math.random().toString(36).slice(2)}`,
    text,
    author: { name: author.name, handle: author.handle ?? null, avatarUrl: null, attendeeId: null },
    media,
  }).post;
}
