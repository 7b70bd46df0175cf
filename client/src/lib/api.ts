import type { ApiErrorBody } from '../../../shared/errors.ts';
import { AppError } from './errors.ts';
import { credentialHeaders } from './moderator-name.ts';
import type {
  Attendee,
  CreateSessionInput,
  Event,
  EventByCode,
  Joined,
  JoinChallenge,
  PostPage,
  PostStatus,
  Session,
  SpeakerLink,
  UpdateEventBody,
  UpdateSessionInput,
  Ok,
} from './types.ts';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
}

/**
 * The one fetch of the client: every failure becomes an AppError carrying the server's stable
 * error id (an abort is rethrown as it is, so callers can tell "cancelled" from "failed").
 */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (failure) {
    if (init.signal?.aborted) throw failure;
    throw new AppError(
      'network_error',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  if (response.ok) return response;
  const payload: unknown = await response.json().catch(() => null);
  const error = (payload as Partial<ApiErrorBody> | null)?.error;
  throw new AppError(
    error?.id ?? (response.status === 404 ? 'not_found' : 'internal_error'),
    error?.message ?? `The server answered ${response.status}.`,
    response.status,
    error?.fields,
    retryAfter(response),
  );
}

/** JSON over request(); a file body goes as it is. */
export async function api<T>(
  path: string,
  { method = 'GET', body, token }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file goes as it is (the server reads its type from its bytes); anything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined)
    headers['content-type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  Object.assign(headers, credentialHeaders(token));
  const response = await request(path, {
    method,
    headers,
    body: body === undefined ? undefined : file ? body : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => null)) as T;
}

/** Retry-After in seconds, as the server sends it with a 429. */
function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return response.status === 429 && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : undefined;
}

const enc = encodeURIComponent;

export function getEventByCode(code: string) {
  return api<EventByCode>(`/api/events/by-code/${enc(code)}`);
}

/**
 * Joins by the event's code: fetches a proof-of-work challenge, has `solve` answer it (in
 * workers), then joins with the answer.
 */
export async function joinEvent(
  code: string,
  solve: (challenge: JoinChallenge) => Promise<string>,
  displayName?: string,
) {
  const base = `/api/events/by-code/${enc(code)}`;
  const challenge = await api<JoinChallenge>(`${base}/join-challenge`);
  let altcha: string;
  try {
    altcha = await solve(challenge);
  } catch {
    throw new AppError(
      'challenge_failed',
      'Your device could not finish the join check. Reload the page to try again.',
    );
  }
  return api<Joined>(`${base}/attendees`, {
    method: 'POST',
    body: displayName ? { altcha, displayName } : { altcha },
  });
}

export function listModerationPosts(
  eventId: number,
  token: string,
  params: { status?: PostStatus; cursor?: string | null },
) {
  const query = new URLSearchParams();
  if (params.status) query.set('status', params.status);
  if (params.cursor) query.set('cursor', params.cursor);
  const suffix = query.toString() ? `?${query}` : '';
  return api<PostPage>(`/api/events/${eventId}/moderation/posts${suffix}`, { token });
}

/** The tag without '#'; the server lower-cases it. */
export type NewSession = CreateSessionInput;

export function createSession(eventId: number, token: string, body: NewSession) {
  return api<SpeakerLink>(`/api/events/${eventId}/sessions`, { method: 'POST', body, token });
}

export function updateSession(sessionId: number, token: string, body: UpdateSessionInput) {
  return api<Session>(`/api/sessions/${sessionId}`, { method: 'PATCH', body, token });
}

/** Deletes a session with its questions (moderators). */
export function deleteSession(sessionId: number, token: string) {
  return api<Ok>(`/api/sessions/${sessionId}`, { method: 'DELETE', token });
}

export function updateEvent(eventId: number, token: string, body: UpdateEventBody) {
  return api<Event>(`/api/events/${eventId}`, { method: 'PATCH', body, token });
}

/** Uploads the event's logo: the image file itself as the body (moderators). */
export function uploadLogo(eventId: number, token: string, image: Blob) {
  return api<Event>(`/api/events/${eventId}/logo`, { method: 'PUT', body: image, token });
}

export function removeLogo(eventId: number, token: string) {
  return api<Event>(`/api/events/${eventId}/logo`, { method: 'DELETE', token });
}

export function renameAttendee(eventId: number, token: string, displayName: string | null) {
  return api<Attendee>(`/api/events/${eventId}/attendees/me`, {
    method: 'PATCH',
    body: { displayName },
    token,
  });
}

/** Any session's speaker link, for moderators. */
export function getSpeakerLink(sessionId: number, token: string) {
  return api<SpeakerLink>(`/api/sessions/${sessionId}/speaker-link`, { token });
}
