/**
 * Reading one instance: a hashtag timeline (`GET /api/v1/timelines/tag/:tag`, min_id paging),
 * and with the event account's token, its mentions (`GET /api/v1/notifications?types[]=mention`:
 * Mastodon has no public way to read an account's mentions).
 *
 * Each poll asks from the newest status taken in, but no later than `lookBackMs` ago: a status
 * that federates late gets an id from when it was written, older than what we already have.
 * The overlap is skipped by the `uri` de-duplication.
 */
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { SourcesRepository } from '../repository.ts';
import type { AddressGuard } from '../addresses.ts';
import { getJson } from './client.ts';
import { compareIds, idAt, Status } from './statuses.ts';

const PAGE = 40;
/** A long outage could mean thousands of statuses: enough to cover it, not to run away. */
const MAX_PAGES = 25;
/** The look-back reads at most this many pages back from the position, newest first. */
const LOOK_BACK_PAGES = 2;

export const cursorKey = (instance: string, tag: string) => `mastodon:${instance}#${tag}`;
export const mentionsKey = (instance: string, acct: string) =>
  `mastodon:${instance}@mentions:${acct}`;

export interface InstanceReader {
  origin: string;
  signal: AbortSignal;
  lookBackMs: number;
  repo: SourcesRepository;
  log: FastifyBaseLogger;
  guard: AddressGuard;
}

function parseStatuses(reader: InstanceReader, list: unknown[]): Status[] {
  const statuses: Status[] = [];
  for (const raw of list) {
    const parsed = Status.safeParse(raw);
    if (parsed.success) statuses.push(parsed.data);
    else
      reader.log.warn(
        { instance: reader.origin, reason: parsed.error.issues[0]?.message },
        'Mastodon: skipped a malformed status',
      );
  }
  return statuses.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * A tag followed from now on (a changed setting, not a restart): start from the change less
 * the look-back, so nothing posted while the change took effect is skipped.
 */
export function followFrom(repo: SourcesRepository, instance: string, tag: string, at: number) {
  const key = cursorKey(instance, tag);
  const stored = repo.sourceCursor(key);
  const from = idAt(at);
  if (!stored || compareIds(stored, from) < 0) repo.setSourceCursor(key, from);
}

/** A streamed status moves the tag's position on (never back). */
export function advance(repo: SourcesRepository, instance: string, tag: string, id: string) {
  const key = cursorKey(instance, tag);
  const stored = repo.sourceCursor(key);
  if (!stored || compareIds(stored, id) < 0) repo.setSourceCursor(key, id);
}

/**
 * Everything new under one tag on one instance, oldest first, from the stored position
 * (min_id paging, a full page followed at once by the next); then the newest statuses just
 * before that position, back to lookBackMs ago (max_id/since_id), where one that federated
 * late would sit. Resolves true when it stopped at MAX_PAGES with more to read: the caller
 * polls again at once instead of waiting an interval.
 */
export async function pollTag(
  reader: InstanceReader,
  tag: string,
  take: (statuses: Status[]) => void,
): Promise<boolean> {
  const { origin, signal, repo } = reader;
  const page = async (params: Record<string, string>) => {
    const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, origin);
    url.searchParams.set('limit', String(PAGE));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const body = await getJson(url, { signal, guard: reader.guard });
    const list = Array.isArray(body) ? body : [];
    const statuses = parseStatuses(reader, list);
    take(statuses);
    return { full: list.length >= PAGE, statuses };
  };
  const key = cursorKey(origin, tag);
  const stored = repo.sourceCursor(key);
  let newest = stored;
  let more = false;
  for (let n = 0; n < (stored ? MAX_PAGES : 1) && !signal.aborted; n++) {
    const { full, statuses } = await page(newest ? { min_id: newest } : {});
    const last = statuses.at(-1)?.id;
    if (last && (!newest || compareIds(last, newest) > 0)) {
      newest = last;
      repo.setSourceCursor(key, newest);
    }
    more = full && statuses.length > 0 && stored !== null;
    if (!more) break;
  }
  if (!stored) {
    // A first look that found nothing still marks where we started, or the next poll would
    // be a first look again and take only the newest page of what came meanwhile.
    if (!newest) repo.setSourceCursor(key, idAt(Date.now() - reader.lookBackMs));
    return false;
  }
  const settled = idAt(Date.now() - reader.lookBackMs);
  let before = stored;
  for (let n = 0; n < LOOK_BACK_PAGES && !signal.aborted; n++) {
    if (compareIds(before, settled) <= 0) break;
    const { full, statuses } = await page({ max_id: before, since_id: settled });
    if (!full || statuses.length === 0) break;
    before = statuses[0]!.id;
  }
  return more;
}

const Notification = z.object({
  id: z.string().regex(/^\d{1,30}$/),
  type: z.string(),
  status: z.unknown().optional(),
});

/**
 * New mentions of the token's account, oldest first. A first look takes only what was said
 * within the look-back: older mentions predate the setting. Resolves true when MAX_PAGES full
 * pages left more to read.
 */
export async function pollMentions(
  reader: InstanceReader,
  acct: string,
  token: string,
  take: (statuses: Status[]) => void,
): Promise<boolean> {
  const key = mentionsKey(reader.origin, acct);
  let newest = reader.repo.sourceCursor(key);
  const first = newest === null;
  for (let n = 0; n < (first ? 1 : MAX_PAGES) && !reader.signal.aborted; n++) {
    const url = new URL('/api/v1/notifications', reader.origin);
    url.searchParams.append('types[]', 'mention');
    url.searchParams.set('limit', String(PAGE));
    if (newest) url.searchParams.set('min_id', newest);
    const body = await getJson(url, { token, signal: reader.signal, guard: reader.guard });
    const list = (Array.isArray(body) ? body : [])
      .map((raw) => Notification.safeParse(raw))
      .filter((parsed) => parsed.success)
      .map((parsed) => parsed.data)
      .sort((a, b) => compareIds(a.id, b.id));
    const since = Date.now() - reader.lookBackMs;
    const statuses = parseStatuses(
      reader,
      list.filter((item) => item.type === 'mention' && item.status).map((item) => item.status),
    ).filter((status) => !first || Date.parse(status.created_at ?? '') >= since);
    take(statuses);
    const last = list.at(-1)?.id;
    if (last && (!newest || compareIds(last, newest) > 0)) {
      newest = last;
      reader.repo.setSourceCursor(key, newest);
    }
    if (list.length < PAGE) return false;
  }
  if (first && !newest) reader.repo.setSourceCursor(key, '0');
  return !first && !reader.signal.aborted;
}
