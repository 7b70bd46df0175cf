import { useCallback, useEffect, useRef, useState } from 'react';
import { addressProblem } from '../../../shared/public-address.ts';
import { toAppError, type AppError } from '../lib/errors.ts';
import type { EventAccess } from '../lib/types.ts';
import '../styles/admin.css';
import '../styles/admin-forms.css';
import { listEvents } from './admin-api.ts';
import { CreateEventForm } from './CreateEventForm.tsx';
import { EventCard } from './EventCard.tsx';
import { RotateKeys } from './RotateKeys.tsx';
import { TokenForm } from './TokenForm.tsx';
import { useAdminToken } from './useAdminToken.ts';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; events: EventAccess[] }
  | { state: 'failed'; message: string };

/** Why the token did not work, in words an organiser can act on. */
function refusal(error: AppError): string {
  return error.status === 403
    ? 'That is an event key (moderator, speaker, API or attendee), not the admin token. Use the Admin page link or the admin token that npm start prints.'
    : 'The server refused this admin token. Check it against the one npm start prints, or DATA_DIR/admin-token.';
}

/**
 * The links point at the server's public address (PUBLIC_URL); say so when phones cannot open it
 * (loopback) or it is not where this page was opened.
 */
function OriginHint({ events }: { events: EventAccess[] }) {
  const first = events[0];
  if (!first) return null;
  const origin = new URL(first.links.attendee).origin;
  const problem = addressProblem(origin, window.location.origin);
  if (!problem) return null;
  return (
    <p className="admin-origin-hint" data-testid="admin-origin-hint" data-problem={problem}>
      {problem === 'loopback' ? (
        <>
          Links and QR codes use <code>{origin}</code>, which only this computer can open: phones
          cannot join with them. Restart the server with <code>PUBLIC_URL</code> set to the address
          phones reach (the server prints this machine's network address when it starts).
        </>
      ) : (
        <>
          Links use the server’s public address, <code>{origin}</code>. If attendees reach it
          another way (you opened this page at <code>{window.location.origin}</code>), restart the
          server with <code>PUBLIC_URL</code> set to that address.
        </>
      )}
    </p>
  );
}

/** `/admin`: the organiser's page. Every event with the links to hand out, and a form to make one. */
export default function AdminApp() {
  const [token, setToken] = useAdminToken();
  const [problem, setProblem] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [freshId, setFreshId] = useState<number | null>(null);
  const freshCard = useRef<HTMLElement>(null);

  const refuse = useCallback(
    (error: AppError) => {
      setProblem(refusal(error));
      setToken(null);
    },
    [setToken],
  );

  // quiet: after a change made on this page, the list stays up while it refreshes.
  const reload = useCallback(
    async (quiet = false) => {
      if (!token) return;
      if (!quiet) setLoad({ state: 'loading' });
      try {
        const { events } = await listEvents(token);
        setLoad({ state: 'ready', events });
        setProblem(null);
      } catch (failure) {
        const error = toAppError(failure);
        if (error.status === 401 || error.status === 403) refuse(error);
        else setLoad({ state: 'failed', message: error.message });
      }
    },
    [token, refuse],
  );

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads from the server on mount and on a new token
    void reload();
  }, [reload]);

  useEffect(() => {
    if (freshId === null) return;
    freshCard.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    freshCard.current?.focus({ preventScroll: true });
  }, [freshId]);

  if (!token) return <TokenForm problem={problem} onToken={setToken} />;

  function created(access: EventAccess) {
    setLoad((current) => ({
      state: 'ready',
      events: [...(current.state === 'ready' ? current.events : []), access],
    }));
    setFreshId(access.event.id);
  }

  function rotated(access: EventAccess) {
    setLoad((current) =>
      current.state === 'ready'
        ? {
            state: 'ready',
            events: current.events.map((e) => (e.event.id === access.event.id ? access : e)),
          }
        : current,
    );
  }

  // Newest first: the event just made is where the eye lands.
  const events = load.state === 'ready' ? [...load.events].reverse() : [];
  return (
    <main className="admin">
      <header className="admin-header">
        <div>
          <p className="admin-brand">Backchannel</p>
          <h1>Organiser</h1>
        </div>
        <div className="admin-header-actions">
          {/* On one column the form is below every event: a way to it. Focusing scrolls it into view. */}
          <button
            type="button"
            className="admin-jump"
            onClick={() => document.getElementById('new-event-name')?.focus()}
          >
            New event
          </button>
          <button type="button" onClick={() => setToken(null)} data-testid="admin-forget">
            Forget the token
          </button>
        </div>
      </header>
      <div className="admin-layout">
        <section
          className="admin-events"
          aria-labelledby="admin-events-title"
          aria-busy={load.state === 'loading'}
        >
          <h2 id="admin-events-title">
            Events{load.state === 'ready' ? ` (${events.length})` : ''}
          </h2>
          {load.state === 'loading' && (
            <p className="muted" role="status">
              Loading events…
            </p>
          )}
          {load.state === 'failed' && (
            <div className="banner error" role="alert">
              <span>{load.message}</span>
              <button type="button" onClick={() => void reload()}>
                Try again
              </button>
            </div>
          )}
          {load.state === 'ready' && events.length === 0 && (
            <p className="empty">No events yet: create the first one.</p>
          )}
          <OriginHint events={events} />
          {events.map((access) => (
            <EventCard
              key={access.event.id}
              access={access}
              fresh={access.event.id === freshId}
              ref={access.event.id === freshId ? freshCard : undefined}
              token={token}
              onChanged={() => void reload(true)}
            >
              <RotateKeys token={token} access={access} onRotated={rotated} onRefused={refuse} />
            </EventCard>
          ))}
        </section>
        <aside className="admin-aside">
          <CreateEventForm token={token} onCreated={created} onRefused={refuse} />
        </aside>
      </div>
    </main>
  );
}
