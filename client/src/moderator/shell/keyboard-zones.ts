import { useLayoutEffect, useSyncExternalStore } from 'react';
import { useLatest } from '../../lib/useLatest.ts';

/**
 * The console has two lists a key can act on: the post queue and the questions panel. One of
 * them holds the keyboard at a time, so `a` approves a post or a question, never both, and
 * never one the moderator is not looking at. One listener routes every key; module state is
 * enough because a page holds one console.
 */
export type KeyZone = 'posts' | 'questions';

export interface ZoneKeys<K extends string> {
  keyFor: (event: Pick<KeyboardEvent, 'key' | 'shiftKey'>) => K | null;
  /** Keys worth holding down (moving); any other is taken once per press. */
  repeatable: (key: K) => boolean;
  onKey: (key: K, label: string) => void;
}

type AnyZoneKeys = ZoneKeys<string>;

let zone: KeyZone = 'posts';
let overlays = 0;
const zoneListeners = new Set<() => void>();
const handlers = new Map<KeyZone, { current: AnyZoneKeys }>();

/** The key that hands the keyboard to the other list: q for questions, and back. */
export const SWITCH_KEY = 'q';

export function currentZone(): KeyZone {
  return zone;
}

export function setZone(next: KeyZone): void {
  if (next === zone) return;
  // Only a list that is on screen can hold the keyboard.
  if (next === 'questions' && !handlers.has('questions')) return;
  zone = next;
  for (const listener of zoneListeners) listener();
}

function subscribe(listener: () => void) {
  zoneListeners.add(listener);
  return () => zoneListeners.delete(listener);
}

/** Which list has the keyboard, re-rendering when it changes. */
export function useKeyZone(): KeyZone {
  return useSyncExternalStore(subscribe, currentZone, currentZone);
}

/** While a dialog such as the help card is open, every key goes to the post queue, which owns it. */
export function openOverlay(): () => void {
  overlays += 1;
  return () => {
    overlays -= 1;
  };
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A checkbox just ticked (a post picked for a bulk action) takes no text: the keys still work.
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio'].includes(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Help and search belong to the whole console: they reach the post queue from either list. */
const isGlobal = (key: string) => key === '?' || key === '/';

function onKeyDown(event: KeyboardEvent) {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (overlays === 0 && event.key.toLowerCase() === SWITCH_KEY) {
    if (event.repeat || !handlers.has('questions')) return;
    event.preventDefault();
    setZone(zone === 'posts' ? 'questions' : 'posts');
    return;
  }
  const global = isGlobal(event.key);
  // Search lives in the post column: going there takes the keyboard along.
  if (event.key === '/' && overlays === 0) setZone('posts');
  const target = overlays > 0 || global ? 'posts' : zone;
  const handler = (handlers.get(target) ?? handlers.get('posts'))?.current;
  if (!handler) return;
  const key = handler.keyFor(event);
  if (!key) return;
  // Holding j to run down a list is fine; holding a must not approve a whole column.
  if (event.repeat && !handler.repeatable(key)) return;
  event.preventDefault();
  handler.onKey(key, event.key.length === 1 ? event.key : event.key.replace('Arrow', ''));
}

/**
 * A click in a list hands it the keyboard too, so mouse and keys never disagree on the list. On
 * the click, not the press: the list that takes the keys shows its longer key line, and a layout
 * that moved between press and release would drop the click on the button that was pressed.
 */
function onClaim(event: MouseEvent) {
  const owner =
    event.target instanceof Element ? event.target.closest<HTMLElement>('[data-key-zone]') : null;
  const claimed = owner?.dataset.keyZone;
  if (claimed === 'posts' || claimed === 'questions') setZone(claimed);
}

/** Registers one list's keys for as long as it is mounted. */
export function useZoneKeys<K extends string>(owner: KeyZone, keys: ZoneKeys<K>) {
  const ref = useLatest(keys as unknown as AnyZoneKeys);
  // Layout, not passive: the keys work from the moment the list is on screen.
  useLayoutEffect(() => {
    if (handlers.size === 0) {
      window.addEventListener('keydown', onKeyDown);
      window.addEventListener('click', onClaim, true);
    }
    handlers.set(owner, ref);
    return () => {
      handlers.delete(owner);
      if (zone === owner) setZone('posts');
      if (handlers.size === 0) {
        window.removeEventListener('keydown', onKeyDown);
        window.removeEventListener('click', onClaim, true);
      }
    };
  }, [owner, ref]);
}
