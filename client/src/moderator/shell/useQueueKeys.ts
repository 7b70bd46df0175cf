import { SWITCH_KEY, useZoneKeys } from './keyboard-zones.ts';

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
  | 'selectAll'
  | 'images'
  | 'extendNext'
  | 'extendPrevious'
  | 'bulkApprove'
  | 'bulkReject'
  | 'help'
  | 'search'
  | 'escape';

export type QuestionKey =
  | 'next'
  | 'previous'
  | 'approve'
  | 'dismiss'
  | 'answer'
  | 'spotlight'
  | 'edit'
  | 'restore'
  | 'merge'
  | 'undo'
  | 'escape';

export interface Shortcut {
  keys: string[];
  label: string;
}

/** Every shortcut, in the order the help overlay lists them, one group per list. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['j', '↓'], label: 'Next post' },
  { keys: ['k', '↑'], label: 'Previous post' },
  { keys: ['a'], label: 'Approve' },
  { keys: ['r'], label: 'Reject' },
  { keys: ['p'], label: 'Pin or unpin (approved posts)' },
  { keys: ['h'], label: 'Hide (take down from the screens)' },
  { keys: ['b'], label: 'Block the author (takes their posts down)' },
  { keys: ['t'], label: 'Trust the author (new posts go up at once)' },
  { keys: ['u'], label: 'Undo your last post action' },
  { keys: ['i'], label: "Load the post's images (held posts load none until asked)" },
  { keys: ['x'], label: 'Select or unselect for a bulk action' },
  { keys: ['X'], label: 'Select every post shown, or unselect them' },
  { keys: ['J', 'K'], label: 'Extend the selection down or up (or shift-click a checkbox)' },
  { keys: ['A'], label: 'Approve every selected post' },
  { keys: ['R'], label: 'Reject every selected post' },
  { keys: ['Esc'], label: 'Leave the search, or clear the selection' },
];

export const QUESTION_SHORTCUTS: Shortcut[] = [
  { keys: ['j', '↓'], label: 'Next question (waiting ones first, oldest first)' },
  { keys: ['k', '↑'], label: 'Previous question' },
  { keys: ['a'], label: 'Approve: the question goes live' },
  { keys: ['d'], label: 'Dismiss' },
  { keys: ['n'], label: 'Mark answered' },
  { keys: ['s'], label: "Spotlight on the room's screen, or take it off" },
  { keys: ['e'], label: 'Edit the text (Enter saves, Esc cancels; the log keeps the original)' },
  { keys: ['r'], label: 'Restore an answered or dismissed question to live' },
  {
    keys: ['m'],
    label: 'Merge a duplicate: m on it, then m on the question it duplicates (Esc cancels)',
  },
  { keys: ['u'], label: 'Undo your last question action, where a way back exists' },
  { keys: ['Esc'], label: 'Back to the posts' },
];

export const CONSOLE_SHORTCUTS: Shortcut[] = [
  { keys: [SWITCH_KEY], label: 'Move the keys between the posts and the questions' },
  { keys: ['/'], label: 'Search every post and question, in any status' },
  { keys: ['?'], label: 'Show or hide this help (Esc closes it too)' },
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
  i: 'images',
  escape: 'escape',
};

/** Shift picks the bulk actions; Caps Lock alone does not, so it cannot turn a into approve-all. */
const SHIFTED: Record<string, QueueKey> = {
  a: 'bulkApprove',
  r: 'bulkReject',
  x: 'selectAll',
  j: 'extendNext',
  k: 'extendPrevious',
  arrowdown: 'extendNext',
  arrowup: 'extendPrevious',
};

export function keyFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): QueueKey | null {
  // Both are shifted on some layouts (Shift+7 is / on a German keyboard): match the character.
  if (event.key === '?') return 'help';
  if (event.key === '/') return 'search';
  const name = event.key.toLowerCase();
  return (event.shiftKey ? SHIFTED[name] : PLAIN[name]) ?? null;
}

const QUESTION_PLAIN: Record<string, QuestionKey> = {
  j: 'next',
  arrowdown: 'next',
  k: 'previous',
  arrowup: 'previous',
  a: 'approve',
  d: 'dismiss',
  n: 'answer',
  s: 'spotlight',
  e: 'edit',
  r: 'restore',
  m: 'merge',
  u: 'undo',
  escape: 'escape',
};

/** No bulk actions for questions: a shifted letter does nothing rather than something else. */
export function questionKeyFor(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): QuestionKey | null {
  const name = event.key.toLowerCase();
  if (event.shiftKey && name !== 'arrowdown' && name !== 'arrowup') return null;
  return QUESTION_PLAIN[name] ?? null;
}

const moves = (key: string) =>
  key === 'next' || key === 'previous' || key === 'extendNext' || key === 'extendPrevious';

/**
 * Single-key shortcuts for the post queue, ignored while typing or with Ctrl, Alt or Meta held,
 * and while the questions panel has the keys (help and search reach it from there too).
 */
export function useQueueKeys(onKey: (key: QueueKey, label: string) => void) {
  useZoneKeys('posts', { keyFor, repeatable: moves, onKey });
}

/** The questions panel's shortcuts, live only while it has the keys. */
export function useQuestionKeys(onKey: (key: QuestionKey, label: string) => void) {
  useZoneKeys('questions', { keyFor: questionKeyFor, repeatable: moves, onKey });
}
