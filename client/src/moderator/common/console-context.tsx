import { createContext, useContext, type ReactNode } from 'react';
import type { EventChannel } from '../../lib/channel.ts';
import type { Event } from '../../lib/types.ts';

/**
 * What every part of one moderator console works with: the event's live channel, the moderator
 * key that authorises its requests, and the name this console signs the moderation log with.
 * Provided once by the app shell (only after the event has loaded, so `event` is never null)
 * instead of being passed down through each panel.
 */
export interface Console {
  channel: EventChannel;
  event: Event;
  eventId: number;
  /** The moderator key. */
  token: string;
  /** The name the moderation log shows for this console; null until one is given. */
  name: string | null;
  /** Keeps the new name in this browser and reconnects, so the server hears it. */
  rename: (name: string | null) => void;
}

const ConsoleContext = createContext<Console | null>(null);

export function ConsoleProvider({ value, children }: { value: Console; children: ReactNode }) {
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the moderator console');
  return value;
}
