import { useCallback, useState } from 'react';
import { getSpeakerLink } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';

export interface SpeakerLinks {
  links: ReadonlyMap<number, string>;
  errors: ReadonlyMap<number, string>;
  reveal: (sessionId: number) => Promise<void>;
  remember: (sessionId: number, link: string) => void;
}

/** The server may answer with a path or a full URL. */
export function absolute(link: string): string {
  return link.startsWith('/') ? `${window.location.origin}${link}` : link;
}

/**
 * Speaker links carry a key, so they are fetched only when a moderator asks to see one, and
 * kept in memory only (not in storage).
 */
export function useSpeakerLinks(token: string): SpeakerLinks {
  const [links, setLinks] = useState<ReadonlyMap<number, string>>(() => new Map());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(() => new Map());

  const remember = useCallback((sessionId: number, link: string) => {
    setLinks((current) => new Map(current).set(sessionId, absolute(link)));
  }, []);

  const reveal = useCallback(
    async (sessionId: number) => {
      try {
        const { link } = await getSpeakerLink(sessionId, token);
        remember(sessionId, link);
        setErrors((current) => {
          const next = new Map(current);
          next.delete(sessionId);
          return next;
        });
      } catch (failure) {
        setErrors((current) => new Map(current).set(sessionId, describeError(failure)));
      }
    },
    [token, remember],
  );

  return { links, errors, reveal, remember };
}
