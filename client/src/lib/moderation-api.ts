import type { z } from 'zod';
import type { AuthorList } from '../../../shared/schemas/moderation.ts';
import type { SourceStatusList } from '../../../shared/schemas/sources.ts';
import { api } from './api.ts';

/**
 * The moderator's REST reads and the word list. Writes that other moderators must see at once
 * (post decisions, author rules, screen modes) go over the socket instead.
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
