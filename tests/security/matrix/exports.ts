/** Exports hold every post and question, held and rejected ones too, and who wrote them. */
import type { HttpRoute } from './types.ts';

export const EXPORT_ROUTES: HttpRoute[] = [
  ...['export.json', 'export/questions.csv', 'export/posts.csv', 'export.md'].map(
    (file): HttpRoute => ({
      method: 'GET',
      path: `/api/events/:eventId/${file}`,
      allowed: ['moderator'],
      setup: (_app, w) => ({ url: `/api/events/${w.a.eventId}/${file}` }),
    }),
  ),
];
