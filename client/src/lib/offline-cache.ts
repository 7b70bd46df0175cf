import { useEffect, useRef } from 'react';
import { local } from './storage.ts';

/** Data as last received from the server, and when, for showing while the connection is down. */
export interface Cached<T> {
  savedAt: number;
  data: T;
}

const PREFIX = 'bc:cache:';
const INDEX = `${PREFIX}index`;
/** How many lists are kept; the least recently saved goes first. */
export const CACHE_MAX_ENTRIES = 12;
/** A list bigger than this (in characters of JSON) is kept in memory only. */
export const CACHE_MAX_CHARS = 200_000;

const memory = new Map<string, Cached<unknown>>();

function readIndex(): string[] {
  try {
    const parsed: unknown = JSON.parse(local.get(INDEX) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** The last saved copy under `key`: this page's memory first, else localStorage (a reload). */
export function readCache<T>(key: string): Cached<T> | null {
  const inMemory = memory.get(key);
  if (inMemory) return inMemory as Cached<T>;
  try {
    const parsed = JSON.parse(local.get(PREFIX + key) ?? 'null') as Cached<T> | null;
    return parsed && typeof parsed.savedAt === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/** Keeps `data` in this page's memory, and in localStorage unless `persist` is false. */
export function writeCache<T>(key: string, data: T, persist = true): void {
  const entry: Cached<T> = { savedAt: Date.now(), data };
  memory.delete(key);
  memory.set(key, entry);
  if (memory.size > CACHE_MAX_ENTRIES) memory.delete(memory.keys().next().value!);
  if (!persist) return;
  const json = JSON.stringify(entry);
  const index = readIndex().filter((k) => k !== key);
  if (json.length > CACHE_MAX_CHARS) {
    local.remove(PREFIX + key);
  } else {
    local.set(PREFIX + key, json);
    index.push(key);
  }
  while (index.length > CACHE_MAX_ENTRIES) local.remove(PREFIX + index.shift()!);
  local.set(INDEX, JSON.stringify(index));
}

/** "14:05": when the shown data was last current. */
export function loadedAt(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

const SAVE_EVERY_MS = 2000;

/**
 * Keeps `data` under `key` while `live`: in memory at every change (a tab switched back shows
 * it at once), in localStorage at most every 2 s (a vote storm changes a list several times a
 * second) and once more when the list goes away, so a reload finds the last copy seen.
 */
export function useSaveForOffline<T>(key: string | null, data: T, live: boolean): void {
  const latest = useRef(data);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!key || !live) return;
    latest.current = data;
    writeCache(key, data, false);
    if (timer.current !== undefined) return;
    writeCache(key, data);
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      writeCache(key, latest.current);
    }, SAVE_EVERY_MS);
  }, [key, data, live]);
  useEffect(() => {
    if (!key) return undefined;
    return () => {
      if (timer.current === undefined) return;
      window.clearTimeout(timer.current);
      timer.current = undefined;
      writeCache(key, latest.current);
    };
  }, [key]);
}
