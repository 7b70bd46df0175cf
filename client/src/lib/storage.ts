// Storage can be missing or throw (private browsing, disabled cookies); the app must still run,
// it just forgets across reloads.

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export const local = {
  get: (key: string) => safe(() => window.localStorage.getItem(key), null),
  set: (key: string, value: string) =>
    safe(() => window.localStorage.setItem(key, value), undefined),
  remove: (key: string) => safe(() => window.localStorage.removeItem(key), undefined),
};

export const session = {
  get: (key: string) => safe(() => window.sessionStorage.getItem(key), null),
  set: (key: string, value: string) =>
    safe(() => window.sessionStorage.setItem(key, value), undefined),
  remove: (key: string) => safe(() => window.sessionStorage.removeItem(key), undefined),
};

/**
 * Takes a credential out of the address bar once the page has read it (it is in sessionStorage
 * by then), so it neither lingers on a projected screen, nor goes along when the address is
 * copied or shared, nor stays in the history. Other fragment parameters stay, and so does the
 * router's state.
 */
export function dropFromFragment(param: string): void {
  const rest = new URLSearchParams(window.location.hash.slice(1));
  if (!rest.has(param)) return;
  rest.delete(param);
  const hash = rest.toString() ? `#${rest}` : '';
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${window.location.search}${hash}`,
  );
}

export const attendeeTokenKey = (code: string) => `bc:attendee:${code}`;

export interface StaffCredentials {
  key: string | null;
  session: string | null;
}

/**
 * Keys travel in the URL fragment, which browsers never send to a server or put in a Referer.
 * They are copied to sessionStorage so a reload that lost the fragment still works, and a
 * fragment, when present, always wins (a new link replaces an old key).
 */
export function readStaffCredentials(
  kind: 'moderator' | 'speaker',
  code: string,
): StaffCredentials {
  const storageKey = `bc:${kind}:${code}`;
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment: StaffCredentials = {
    key: fragment.get('key'),
    session: fragment.get('session'),
  };
  if (fromFragment.key) {
    session.set(storageKey, JSON.stringify(fromFragment));
    return fromFragment;
  }
  const stored = session.get(storageKey);
  if (stored) {
    const parsed = safe(() => JSON.parse(stored) as Partial<StaffCredentials>, {});
    if (typeof parsed.key === 'string') {
      return {
        key: parsed.key,
        session:
          fromFragment.session ?? (typeof parsed.session === 'string' ? parsed.session : null),
      };
    }
  }
  return { key: null, session: fromFragment.session };
}
