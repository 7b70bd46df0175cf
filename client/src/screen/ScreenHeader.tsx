import type { ConnectionState } from '../lib/channel-state.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import type { Event, Session } from '../lib/types.ts';
import { logoOf } from '../lib/brand.ts';
import { EventLogo } from '../lib/EventLogo.tsx';

interface Props {
  event: Event;
  /** The room this screen follows; null for the event's main screen. */
  room: string | null;
  live: Session | null;
  connection: ConnectionState;
  /** Server time, for the clock. */
  now: number;
}

export function ScreenHeader({ event, room, live, connection, now }: Props) {
  return (
    <header className="screen-header">
      <EventLogo url={logoOf(event)} className="screen-logo" testId="screen-logo" />
      <h1 className="screen-event" data-testid="screen-event">
        {event.name}
      </h1>
      {room && <span className="screen-room">{room}</span>}
      {live && (
        <p className="screen-session" data-testid="screen-session">
          <span className="screen-now">Now</span> {live.title}
          {live.speaker && <span className="screen-speaker"> · {live.speaker}</span>}
        </p>
      )}
      {connection !== 'live' && <ConnectionStatus state={connection} />}
      <time className="screen-clock" dateTime={new Date(now).toISOString()}>
        {new Date(now).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
      </time>
    </header>
  );
}
