import type { AuthorList, BlockedWords, LogPage } from '../../../shared/schemas/moderation.ts';
import type { QuestionPage } from '../../../shared/schemas/questions.ts';
import type {
  SourceSettings,
  SourceSettingsBody,
  SourceStatusList,
} from '../../../shared/schemas/sources.ts';
import type { HeldVotes, ReleasedVotes } from '../../../shared/schemas/votes.ts';
import type { WaitingQuestions } from '../../../shared/schemas/waiting.ts';
import { api } from './api.ts';
import { queryString, staffGetJson } from './staff-fetch.ts';
import type { AddressNotice, PostPage, PostStatus } from './types.ts';

/**
 * The moderator's REST reads, search among them, and the word list. Writes that other
 * moderators must see at once (post decisions, author rules, screen modes) go over the socket.
 */

export type { AuthorSummary, AuthorRule, LogEntry } from '../../../shared/schemas/moderation.ts';
export type { Branding } from '../../../shared/schemas/events.ts';
export type { ScreenMode, EventStats } from '../../../shared/schemas/screens.ts';
export type { SourceStatus } from '../../../shared/schemas/sources.ts';

export function listAuthors(eventId: number, token: string) {
  return api<AuthorList>(`/api/events/${eventId}/authors`, { token });
}

export function getModerationLog(eventId: number, token: string, cursor?: string | null) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return api<LogPage>(`/api/events/${eventId}/moderation/log${query}`, { token });
}

export function getBlockedWords(eventId: number, token: string) {
  return api<BlockedWords>(`/api/events/${eventId}/moderation/words`, { token });
}

export function putBlockedWords(eventId: number, token: string, words: string[]) {
  return api<BlockedWords>(`/api/events/${eventId}/moderation/words`, {
    method: 'PUT',
    body: { words },
    token,
  });
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

/** Posts in any status (or one) matching q in text or author, best first, with snippets. */
export function searchPosts(
  eventId: number,
  token: string,
  { q, status, cursor, limit }: PostSearch,
  signal?: AbortSignal,
) {
  const query = queryString({ q, status, cursor, limit });
  return staffGetJson<PostPage>(`/api/events/${eventId}/moderation/posts${query}`, token, signal);
}

/** Questions of every session matching q in text or author, best first, with snippets. */
export function searchQuestions(
  eventId: number,
  token: string,
  { q, cursor, limit }: Omit<PostSearch, 'status'>,
  signal?: AbortSignal,
) {
  const query = queryString({ q, cursor, limit });
  return staffGetJson<QuestionPage>(
    `/api/events/${eventId}/questions/search${query}`,
    token,
    signal,
  );
}

/** Hide (or show again) the big screens' notice about the public address. */
export function setAddressNotice(eventId: number, dismissed: boolean, token: string) {
  return api<AddressNotice>(`/api/events/${eventId}/address-notice`, {
    method: 'PUT',
    body: { dismissed },
    token,
  });
}

/** Every session's count of questions awaiting moderation, and the live sessions' oldest. */
export function listWaiting(eventId: number, token: string) {
  return api<WaitingQuestions>(`/api/events/${eventId}/moderation/questions/waiting`, { token });
}

/** Questions with votes held from fresh identities (shared/limits.ts FRESH_VOTES). */
export function listHeldVotes(eventId: number, token: string) {
  return api<HeldVotes>(`/api/events/${eventId}/held-votes`, { token });
}

export function releaseHeldVotes(questionId: number, token: string) {
  return api<ReleasedVotes>(`/api/questions/${questionId}/held-votes/release`, {
    method: 'POST',
    token,
  });
}

export type { SourceSettings, SourceSettingsBody } from '../../../shared/schemas/sources.ts';

export function getSourceSettings(eventId: number, token: string) {
  return api<SourceSettings>(`/api/events/${eventId}/sources/settings`, { token });
}

export function putSourceSettings(eventId: number, token: string, body: SourceSettingsBody) {
  return api<SourceSettings>(`/api/events/${eventId}/sources/settings`, {
    method: 'PUT',
    body,
    token,
  });
}
