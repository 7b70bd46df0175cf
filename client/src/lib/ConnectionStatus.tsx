import type { ConnectionState } from './channel-state.ts';

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  failed: 'Disconnected',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <span
      className="connection"
      data-state={state}
      data-testid="connection-status"
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      {LABEL[state]}
    </span>
  );
}
