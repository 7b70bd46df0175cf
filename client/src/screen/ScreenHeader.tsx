import { useState } from 'react';
import type { ConnectionState } from '../lib/channel-state.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import type { Event, Session } from '../lib/types.ts';
import { isLoadableImage } from '../lib/media.ts';

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
      {isLoadableImage(event.branding.logoUrl) && <Logo key={event.branding.logoUrl} url={event.branding.logoUrl} />}
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

/** The organiser's logo; a link that fails leaves the event name alone rather than a broken image. */
function Logo({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return <img className="screen-logo" src={url} alt="" referrerPolicy="no-referrer" data-testid="screen-logo" onError={() => setFailed(true)} />;
}
