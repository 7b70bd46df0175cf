import { useCallback, useEffect, useState } from 'react';
import { dropFromFragment, session } from '../lib/storage.ts';

const STORAGE_KEY = 'bc:admin';

function fragmentToken(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token')?.trim();
  return token ? token : null;
}

/**
 * The admin token arrives in the fragment (`/admin#token=bca_…`), which browsers never send to
 * the server. It moves to this tab's sessionStorage and leaves the address bar at once, so it
 * neither lingers on a projected screen nor goes along when the address is copied.
 */
export function useAdminToken(): [string | null, (token: string | null) => void] {
  const [token, setState] = useState<string | null>(
    () => fragmentToken() ?? session.get(STORAGE_KEY),
  );

  useEffect(() => {
    const take = () => {
      const fromFragment = fragmentToken();
      if (!fromFragment) return;
      session.set(STORAGE_KEY, fromFragment);
      dropFromFragment('token');
      setState(fromFragment);
    };
    take();
    // A corrected link pasted into the same tab changes only the fragment: no reload.
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);

  const setToken = useCallback((next: string | null) => {
    if (next) session.set(STORAGE_KEY, next);
    else session.remove(STORAGE_KEY);
    setState(next);
  }, []);

  return [token, setToken];
}
