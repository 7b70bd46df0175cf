import { useCallback, useEffect, useRef, useState } from 'react';
import { joinEvent } from '../lib/api.ts';
import { toAppError, type AppError } from '../lib/errors.ts';
import { attendeeTokenKey, local } from '../lib/storage.ts';
import type { Challenge } from 'altcha-lib';
import { solveInWorkers } from './solveJoinChallenge.ts';

/**
 * The attendee credential for one event: the stored token when there is one, else a join (by
 * the event code, with a proof of work solved in Web Workers). A
 * token the server refuses (the database was reset, the token revoked) is dropped and replaced
 * once; a second refusal is shown rather than looped on.
 */
export function useAttendeeToken(code: string, eventId: number | null) {
  const storageKey = attendeeTokenKey(code);
  const [token, setToken] = useState<string | null>(() => local.get(storageKey));
  const [error, setError] = useState<AppError | null>(null);
  const joining = useRef(false);
  const replaced = useRef(false);

  const join = useCallback(async () => {
    if (eventId === null || joining.current) return;
    joining.current = true;
    setError(null);
    try {
      const joined = await joinEvent(code, (challenge) =>
        solveInWorkers(challenge as unknown as Challenge),
      );
      local.set(storageKey, joined.token);
      setToken(joined.token);
    } catch (failure) {
      setError(toAppError(failure));
    } finally {
      joining.current = false;
    }
  }, [code, eventId, storageKey]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- joins the event (a request) when there is no token yet
    if (!token && !error) void join();
  }, [token, error, join]);

  /** Call when the server refuses the token; answers whether a fresh join is under way. */
  const refused = useCallback(
    (failure: AppError) => {
      if (failure.id !== 'unauthorized' || replaced.current) return false;
      replaced.current = true;
      local.remove(storageKey);
      setToken(null);
      return true;
    },
    [storageKey],
  );

  return { token, error, retry: join, refused };
}
