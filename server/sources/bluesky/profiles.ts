/**
 * Authors' display names and avatars from the public AppView (app.bsky.actor.getProfiles, 25
 * actors a request), cached per DID. A failed lookup never holds a post back: it goes in with
 * the DID, and the DID is not asked about again for a minute.
 */
import { z } from 'zod';
import type { Profile } from './records.ts';

const BATCH = 25;
const CACHE_MAX = 20_000;
const FRESH_MS = 6 * 60 * 60 * 1000;
const FAILED_MS = 60 * 1000;
const TIMEOUT_MS = 5000;

const Profiles = z.object({
  profiles: z.array(
    z.object({
      did: z.string(),
      handle: z.string().optional(),
      displayName: z.string().optional(),
      avatar: z.string().optional(),
    }),
  ),
});

export function createProfileCache(appViewUrl: string, onError: (message: string) => void) {
  const cache = new Map<string, { profile: Profile | null; until: number }>();

  function put(did: string, profile: Profile | null, ttl: number) {
    cache.delete(did);
    cache.set(did, { profile, until: Date.now() + ttl });
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  }

  async function fetchBatch(dids: string[], signal: AbortSignal): Promise<void> {
    const url = new URL('/xrpc/app.bsky.actor.getProfiles', appViewUrl);
    for (const did of dids) url.searchParams.append('actors', did);
    try {
      const res = await fetch(url, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`profile lookup answered ${res.status}`);
      const body = Profiles.parse(await res.json());
      const found = new Map(body.profiles.map((p) => [p.did, p]));
      for (const did of dids) {
        const p = found.get(did);
        put(
          did,
          p
            ? {
                did,
                handle: p.handle ?? null,
                displayName: p.displayName ?? null,
                avatar: p.avatar ?? null,
              }
            : null,
          p ? FRESH_MS : FAILED_MS,
        );
      }
    } catch (error) {
      if (signal.aborted) return;
      for (const did of dids) put(did, null, FAILED_MS);
      onError(
        `Bluesky profile lookup failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Handle → DID, for mentions of an event's account named by its handle. */
  const dids = new Map<string, { did: string | null; until: number }>();

  return {
    /**
     * The DIDs of `accounts` (DIDs as they are; handles looked up, a failed lookup tried again
     * a minute later). Facets name the DID, so a handle must become one to be matched.
     */
    async didsOf(accounts: Iterable<string>, signal: AbortSignal): Promise<Map<string, string>> {
      const now = Date.now();
      const handles = [...new Set(accounts)].filter(
        (a) => !a.startsWith('did:') && (dids.get(a)?.until ?? 0) <= now,
      );
      for (let i = 0; i < handles.length; i += BATCH) {
        const batch = handles.slice(i, i + BATCH);
        const url = new URL('/xrpc/app.bsky.actor.getProfiles', appViewUrl);
        for (const handle of batch) url.searchParams.append('actors', handle);
        try {
          const res = await fetch(url, {
            signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
            headers: { accept: 'application/json' },
          });
          if (!res.ok) throw new Error(`handle lookup answered ${res.status}`);
          const found = Profiles.parse(await res.json()).profiles;
          for (const handle of batch) {
            const did = found.find((p) => p.handle?.toLowerCase() === handle)?.did ?? null;
            dids.set(handle, { did, until: Date.now() + (did ? FRESH_MS : FAILED_MS) });
          }
        } catch (error) {
          if (signal.aborted) break;
          for (const handle of batch)
            dids.set(handle, { did: null, until: Date.now() + FAILED_MS });
          onError(
            `Bluesky handle lookup failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      const out = new Map<string, string>();
      for (const account of accounts) {
        const did = account.startsWith('did:') ? account : dids.get(account)?.did;
        if (did) out.set(account, did.toLowerCase());
      }
      return out;
    },

    /** Looks up every DID not cached (or gone stale), a few requests at once. */
    async load(dids: Iterable<string>, signal: AbortSignal): Promise<void> {
      const now = Date.now();
      const missing = [...new Set(dids)].filter((did) => (cache.get(did)?.until ?? 0) <= now);
      const batches: string[][] = [];
      for (let i = 0; i < missing.length; i += BATCH) batches.push(missing.slice(i, i + BATCH));
      for (let i = 0; i < batches.length; i += 4)
        await Promise.all(batches.slice(i, i + 4).map((batch) => fetchBatch(batch, signal)));
    },
    get: (did: string): Profile | null => cache.get(did)?.profile ?? null,
  };
}
