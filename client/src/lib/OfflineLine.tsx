import type { ConnectionState } from './channel-state.ts';
import { loadedAt } from './offline-cache.ts';

/**
 * Says, while the connection is down, that what the tab shows is what was loaded before, and
 * from when; nothing while live.
 */
export function OfflineLine({
  connection,
  syncedAt,
}: {
  connection: ConnectionState;
  /** When the shown data was last current; null when nothing was ever loaded. */
  syncedAt: number | null;
}) {
  // A first load still connecting says "Loading…" itself; this is for data shown without a link.
  if (connection === 'live' || (connection === 'connecting' && syncedAt === null)) return null;
  return (
    <p className="offline-line" role="status" data-testid="offline-line">
      {syncedAt === null
        ? 'Offline — nothing loaded here yet; it shows once the connection is back.'
        : `Offline — showing what was loaded at ${loadedAt(syncedAt)}`}
    </p>
  );
}
