import type { z } from 'zod';
import type { AuthorList } from '../../../shared/schemas/moderation.ts';
import type { QuestionPage } from '../../../shared/schemas/questions.ts';
import type { SourceStatusList } from '../../../shared/schemas/sources.ts';
import { api } from './api.ts';
import { queryString, staffGetJson } from './staff-fetch.ts';
import type { PostPage, PostStatus } from './types.ts';

/**
 * The moderator's REST reads, search among them, and the word list. Writes that other
 * moderators must see at once (post decisions, author rules, screen modes) go over the socket.
 */

export type { AuthorSummary, AuthorRule } from '../../../shared/schemas/moderation.ts';
export type { Branding } from '../../../shared/schemas/events.ts';
export type { ScreenMode, EventStats } from '../../../shared/schemas/screens.ts';
export type { SourceStatus } from '../../../shared/schemas/sources.ts';

export interface LogEntry {
  id: number;
  actor: string;
  action: string;
  itemType: string;
  itemId: number | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export function listAuthors(eventId: number, token: string) {
  return api<z.infer<typeof AuthorList>>(`/api/events/${eventId}/authors`, { token });
}

export function getModerationLog(eventId: number, token: string, cursor?: string | null) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return api<{ entries: LogEntry[]; nextCursor: string | null }>(`/api/events/${eventId}/moderation/log${query}`, { token });
}

export function getBlockedWords(eventId: number, token: string) {
  return api<{ words: string[] }>(`/api/events/${eventId}/moderation/words`, { token });
}

export function putBlockedWords(eventId: number, token: string, words: string[]) {
  return api<{ words: string[] }>(`/api/events/${eventId}/moderation/words`, { method: 'PUT', body: { words }, token });
}

export function listSources(eventId: number, token: string) {
  return api<SourceStatusList>(`/api/events/${eventId}/sources`, { token });
}

export interface PostSearch {
  q: string;
  status?: PostStatus;
  cursor?: string | null;
  limit?: number;
}

/** Posts in any status (or one) whose text or author contains q, newest first. */
export function searchPosts(eventId: number, token: string, { q, status, cursor, limit }: PostSearch, signal?: AbortSignal) {
  const query = queryString({ q, status, cursor, limit });
  return staffGetJson<PostPage>(`/api/events/${eventId}/moderation/posts${query}`, token, signal);
}

/** Questions of every session whose text or author contains q, newest first. */
export function searchQuestions(eventId: number, token: string, { q, cursor, limit }: Omit<PostSearch, 'status'>, signal?: AbortSignal) {
  const query = queryString({ q, cursor, limit });
  return staffGetJson<QuestionPage>(`/api/events/${eventId}/questions/search${query}`, token, signal);
}
