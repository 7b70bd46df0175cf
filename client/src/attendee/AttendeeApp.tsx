import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getEventByCode } from '../lib/api.ts';
import { useEventChannel } from '../lib/channel.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import { describeError, isTransportError, toAppError, type AppError } from '../lib/errors.ts';
import { readCache } from '../lib/offline-cache.ts';
import type { CachedChannel } from '../lib/channel-state.ts';
import { useAppBrand } from '../lib/brand.ts';
import { EventLogo } from '../lib/EventLogo.tsx';
import { attendeeRoom } from '../lib/sessions.ts';
import { local, session } from '../lib/storage.ts';
import type { Event, Session } from '../lib/types.ts';
import { ArchiveNamingToggle } from './ArchiveNamingToggle.tsx';
import { NameEditor } from './NameEditor.tsx';
import { QuestionsTab } from './QuestionsTab.tsx';
import { useAttendeeToken } from './useAttendeeToken.ts';
import { useOutbox } from './useOutbox.ts';
import { Wall } from './Wall.tsx';
import '../styles/attendee.css';

type Tab = 'wall' | 'questions';

export default function AttendeeApp({ code }: { code: string }) {
  const [initial, setInitial] = useState<{ event: Event; sessions: Session[] } | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const tabKey = `bc:tab:${code}`;
  // A link may name the tab (the screen's QR code does while it shows questions).
  const [tab, setTab] = useState<Tab>(() => {
    const asked = new URLSearchParams(window.location.search).get('tab') ?? session.get(tabKey);
    return asked === 'questions' ? 'questions' : 'wall';
  });
  const [room] = useState(() => attendeeRoom(code, window.location.search, local));

  const cacheKey = `attendee:${code}`;
  useEffect(() => {
    let cancelled = false;
    getEventByCode(code)
      .then((result) => !cancelled && setInitial(result))
      .catch((error: unknown) => {
        if (cancelled) return;
        // Offline with a copy from before: open on it; the channel says how old it is.
        const cached = readCache<CachedChannel>(cacheKey)?.data;
        if (isTransportError(error) && cached?.event)
          setInitial({ event: cached.event, sessions: cached.sessions });
        else setLoadError(toAppError(error));
      });
    return () => {
      cancelled = true;
    };
  }, [code, cacheKey]);

  const credential = useAttendeeToken(code, initial?.event.id ?? null);
  const channel = useEventChannel(code, {
    token: credential.token,
    enabled: Boolean(credential.token),
    onRefused: credential.refused,
    cacheKey,
  });
  // Lives here, not in a tab, so what is still on its way survives a tab switch.
  const { dispatch } = channel;
  const outbox = useOutbox(channel.socket, code, (delivered) =>
    dispatch(
      delivered.kind === 'post'
        ? { type: 'post', post: delivered.post }
        : { type: 'my-question', question: delivered.question },
    ),
  );

  useEffect(() => {
    session.set(tabKey, tab);
  }, [tab, tabKey]);

  const event = channel.event ?? initial?.event ?? null;
  const brand = useAppBrand(event);
  useEffect(() => {
    if (event) document.title = `${event.name} · Backchannel`;
  }, [event]);

  if (loadError) {
    const missing = loadError.status === 404;
    return (
      <main className="page-message">
        <h1>{missing ? `No event with code ${code}` : 'Could not open this event'}</h1>
        <p>
          {missing ? 'Check the code on the big screen and try again.' : describeError(loadError)}
        </p>
        <p>
          <Link to="/">Enter another code</Link>
        </p>
      </main>
    );
  }
  if (!event)
    return (
      <p className="page-message" role="status">
        Opening event {code}…
      </p>
    );

  const fatal = credential.error ?? (channel.connection === 'failed' ? channel.failure : null);

  return (
    <div className="attendee branded" style={brand.style}>
      {/* The event and who you post as; everything else is in main, so landmarks cover the page. */}
      <header className="attendee-top">
        <div className="attendee-header">
          <EventLogo url={brand.logo} className="app-logo" testId="event-logo" />
          <div className="attendee-title">
            <h1>{event.name}</h1>
            <p className="muted">
              {event.hashtags.map((tag) => `#${tag}`).join(' ')}
              {event.hashtags.length > 0 ? ' · ' : ''}code {event.code}
            </p>
          </div>
          <ConnectionStatus state={channel.connection} />
        </div>
        {channel.attendee && credential.token && (
          <NameEditor
            attendee={channel.attendee}
            token={credential.token}
            onRenamed={(attendee) => channel.dispatch({ type: 'attendee', attendee })}
          />
        )}
        {channel.attendee && credential.token && event && event.settings.archive !== 'off' && (
          <ArchiveNamingToggle
            eventId={channel.attendee.eventId}
            eventCode={event.code}
            token={credential.token}
          />
        )}
      </header>

      <main className="attendee-main">
        {fatal && (
          <div className="banner error" role="alert">
            <span>{describeError(fatal)}</span>
            <button type="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        )}

        {/* Tabs switch what main shows; they are not site navigation, so no <nav>. */}
        <div className="tabs" role="tablist" aria-label="Sections">
          <button
            type="button"
            role="tab"
            id="tab-wall"
            aria-controls="panel-wall"
            aria-selected={tab === 'wall'}
            data-testid="tab-wall"
            onClick={() => setTab('wall')}
          >
            Wall
          </button>
          <button
            type="button"
            role="tab"
            id="tab-questions"
            aria-controls="panel-questions"
            aria-selected={tab === 'questions'}
            data-testid="tab-questions"
            onClick={() => setTab('questions')}
          >
            Questions
          </button>
        </div>

        {tab === 'wall' ? (
          <section
            id="panel-wall"
            role="tabpanel"
            aria-labelledby="tab-wall"
            className="attendee-panel"
          >
            <Wall channel={channel} room={room} outbox={outbox} />
          </section>
        ) : (
          <section
            id="panel-questions"
            role="tabpanel"
            aria-labelledby="tab-questions"
            className="attendee-panel"
          >
            <QuestionsTab
              channel={channel}
              event={event}
              sessions={channel.ready ? channel.sessions : (initial?.sessions ?? [])}
              outbox={outbox}
              room={room}
              token={credential.token ?? null}
            />
          </section>
        )}
      </main>
    </div>
  );
}
