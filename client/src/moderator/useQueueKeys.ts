import { useLayoutEffect, useRef } from 'react';

export type QueueKey =
  | 'next'
  | 'previous'
  | 'approve'
  | 'reject'
  | 'hide'
  | 'pin'
  | 'block'
  | 'trust'
  | 'undo'
  | 'select'
  | 'bulkApprove'
  | 'bulkReject'
  | 'help'
  | 'search'
  | 'escape';

/** Every shortcut, in the order the help overlay lists them. */
export const SHORTCUTS: Array<{ keys: string[]; key: QueueKey; label: string }> = [
  { keys: ['j', '↓'], key: 'next', label: 'Next post' },
  { keys: ['k', '↑'], key: 'previous', label: 'Previous post' },
  { keys: ['a'], key: 'approve', label: 'Approve' },
  { keys: ['r'], key: 'reject', label: 'Reject' },
  { keys: ['p'], key: 'pin', label: 'Pin or unpin (approved posts)' },
  { keys: ['h'], key: 'hide', label: 'Hide (take down from the screens)' },
  { keys: ['b'], key: 'block', label: 'Block the author (takes their posts down)' },
  { keys: ['t'], key: 'trust', label: 'Trust the author (new posts go up at once)' },
  { keys: ['u'], key: 'undo', label: 'Undo your last action' },
  { keys: ['x'], key: 'select', label: 'Select or unselect for a bulk action' },
  { keys: ['A'], key: 'bulkApprove', label: 'Approve every selected post' },
  { keys: ['R'], key: 'bulkReject', label: 'Reject every selected post' },
  { keys: ['/'], key: 'search', label: 'Search every post and question, in any status' },
  { keys: ['?'], key: 'help', label: 'Show or hide this help' },
  { keys: ['Esc'], key: 'escape', label: 'Close the help, leave the search, or clear the selection' },
];

const PLAIN: Record<string, QueueKey> = {
  j: 'next',
  arrowdown: 'next',
  k: 'previous',
  arrowup: 'previous',
  a: 'approve',
  r: 'reject',
  h: 'hide',
  p: 'pin',
  b: 'block',
  t: 'trust',
  u: 'undo',
  x: 'select',
  escape: 'escape',
};

/** Shift picks the bulk actions; Caps Lock alone does not, so it cannot turn a into approve-all. */
const SHIFTED: Record<string, QueueKey> = { a: 'bulkApprove', r: 'bulkReject', arrowdown: 'next', arrowup: 'previous' };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function keyFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): QueueKey | null {
  // Both are shifted on some layouts (Shift+7 is / on a German keyboard): match the character.
  if (event.key === '?') return 'help';
  if (event.key === '/') return 'search';
  const name = event.key.toLowerCase();
  return (event.shiftKey ? SHIFTED[name] : PLAIN[name]) ?? null;
}

/** Single-key shortcuts for the post queue, ignored while typing or with Ctrl, Alt or Meta held. */
export function useQueueKeys(onKey: (key: QueueKey, label: string) => void) {
  const handler = useRef(onKey);
  handler.current = onKey;
  // Layout, not passive: the keys work from the moment the queue is on screen.
  useLayoutEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = keyFor(event);
      if (!key) return;
      // Holding j to run down the list is fine; holding a must not approve a whole column.
      if (event.repeat && key !== 'next' && key !== 'previous') return;
      event.preventDefault();
      handler.current(key, event.key.length === 1 ? event.key : event.key.replace('Arrow', ''));
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
