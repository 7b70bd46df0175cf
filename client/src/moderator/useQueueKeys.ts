import { useEffect, useRef } from 'react';

export type QueueKey = 'next' | 'previous' | 'approve' | 'reject' | 'hide' | 'pin';

const KEYS: Record<string, QueueKey> = { j: 'next', k: 'previous', a: 'approve', r: 'reject', h: 'hide', p: 'pin' };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Single-key shortcuts for the post queue, ignored while typing or with a modifier held. */
export function useQueueKeys(onKey: (key: QueueKey) => void) {
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return;
      const key = KEYS[event.key.toLowerCase()];
      if (!key) return;
      event.preventDefault();
      handler.current(key);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
