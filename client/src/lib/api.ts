import { AppError } from './errors.ts';
import { credentialHeaders } from './moderator-name.ts';
import type { Attendee, Event, Joined, PostPage, PostStatus, Session, SpeakerLink, UpdateEventBody } from './types.ts';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
}

/** JSON over fetch; every failure becomes an AppError carrying the server's stable error id. */
export async function api<T>(path: string, { method = 'GET', body, token }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, credentialHeaders(token));
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AppError('network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { id?: string; message?: string; fields?: Record<string, string> } } | null)
      ?.error;
    throw new AppError(
      (error?.id as AppError['id'] | undefined) ?? (response.status === 404 ? 'not_found' : 'internal_error'),
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
      error?.fields,
      retryAfter(response),
    );
  }
  return payload as T;
}

/** Retry-After in seconds, as the server sends it with a 429. */
function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return response.status === 429 && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

const enc = encodeURIComponent;

export function getEventByCode(code: string) {
  return api<{ event: Event; sessions: Session[] }>(`/api/events/by-code/${enc(code)}`);
}

export function joinEvent(eventId: number, displayName?: string) {
  return api<Joined>(`/api/events/${eventId}/attendees`, {
    method: 'POST',
    body: displayName ? { displayName } : {},
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

export interface NewSession {
  title: string;
  speaker?: string;
  room?: string;
  /** Without '#'; the server lower-cases it. */
  tag?: string;
  live?: boolean;
}

export function createSession(eventId: number, token: string, body: NewSession) {
  return api<SpeakerLink>(`/api/events/${eventId}/sessions`, { method: 'POST', body, token });
}

export function updateSession(
  sessionId: number,
  token: string,
  body: Partial<Pick<Session, 'title' | 'speaker' | 'room' | 'tag' | 'live' | 'questionsOpen'>>,
) {
  return api<Session>(`/api/sessions/${sessionId}`, { method: 'PATCH', body, token });
}

export function updateEvent(eventId: number, token: string, body: UpdateEventBody) {
  return api<Event>(`/api/events/${eventId}`, { method: 'PATCH', body, token });
}

export function renameAttendee(eventId: number, token: string, displayName: string | null) {
  return api<Attendee>(`/api/events/${eventId}/attendees/me`, { method: 'PATCH', body: { displayName }, token });
}

/** Any session's speaker link, for moderators. */
export function getSpeakerLink(sessionId: number, token: string) {
  return api<SpeakerLink>(`/api/sessions/${sessionId}/speaker-link`, { token });
}
