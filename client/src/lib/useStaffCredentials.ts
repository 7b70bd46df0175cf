import { useEffect, useState } from 'react';
import { dropFromFragment, readStaffCredentials, type StaffCredentials } from './storage.ts';

/**
 * The key and session from the URL fragment (or this tab's storage). The key leaves the address
 * bar as soon as it is read; it stays in this tab's sessionStorage, so a reload still works.
 * Pasting a corrected link into the same tab changes only the fragment, which does not reload
 * the page, so listen for it.
 */
export function useStaffCredentials(kind: 'moderator' | 'speaker', code: string): StaffCredentials {
  const [credentials, setCredentials] = useState(() => readStaffCredentials(kind, code));
  useEffect(() => {
    const update = () => {
      const next = readStaffCredentials(kind, code);
      dropFromFragment('key');
      setCredentials((current) =>
        current.key === next.key && current.session === next.session ? current : next,
      );
    };
    update();
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, [kind, code]);
  return credentials;
}
