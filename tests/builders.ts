/**
 * Builders for posts and questions, made through the real routes (so validation, screening and
 * broadcasts run as in production) with defaults a test overrides only where it cares.
 */
import type { FastifyInstance } from 'fastify';
import type { CreatePostBody, Post } from '../shared/schemas/posts.ts';
import type { CreateQuestionBody, Question } from '../shared/schemas/questions.ts';

let made = 0;

/** Who posts or asks: a token, or (left out) a fresh attendee of the event. */
interface By {
  token?: string;
  /** The fresh attendee's display name; null joins without one. */
  name?: string | null;
}

function tokenFor(app: FastifyInstance, eventId: number, { token, name = 'Ada' }: By): string {
  return token ?? app.domain.attendees.join(eventId, name).token;
}

async function created<T>(
  app: FastifyInstance,
  url: string,
  token: string,
  payload: object,
): Promise<T> {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`POST ${url} ${res.statusCode}: ${res.body}`);
  return res.json<T>();
}

/**
 * POST /api/events/:eventId/posts, expecting 201. `token` may be an attendee's or the API key
 * (with `author`); without one a fresh attendee posts. The text is unique unless given.
 */
export async function createPost(
  app: FastifyInstance,
  eventId: number,
  overrides: Partial<CreatePostBody> & By = {},
): Promise<Post> {
  const { token, name, ...body } = overrides;
  made += 1;
  return created<Post>(
    app,
    `/api/events/${eventId}/posts`,
    tokenFor(app, eventId, { token, name }),
    {
      text: `Post number ${made}`,
      ...body,
    },
  );
}

/**
 * POST /api/sessions/:sessionId/questions, expecting 201; without a token a fresh attendee of
 * the session's event asks. The text is unique unless given.
 */
export async function createQuestion(
  app: FastifyInstance,
  sessionId: number,
  overrides: Partial<CreateQuestionBody> & By = {},
): Promise<Question> {
  const { token, name, ...body } = overrides;
  const session = app.domain.repos.sessions.findById(sessionId);
  if (!session) throw new Error(`no session ${sessionId}`);
  made += 1;
  return created<Question>(
    app,
    `/api/sessions/${sessionId}/questions`,
    tokenFor(app, session.event_id, { token, name }),
    { text: `Question number ${made}?`, ...body },
  );
}
