import { useState } from 'react';
import type { EventChannel } from '../../lib/channel.ts';
import { describeError } from '../../lib/errors.ts';
import type { ScreenMode, SourceStatus } from '../../lib/moderation-api.ts';
import { send } from '../../lib/socket.ts';
import { useConsole } from '../common/console-context.tsx';
import { SourceSettingsForm } from './SourceSettingsForm.tsx';
import { SourcesStatus } from '../live/SourcesStatus.tsx';

const MODES: Array<[ScreenMode, string]> = [
  ['wall', 'Wall'],
  ['questions', 'Questions'],
  ['spotlight', 'Spotlight'],
  ['join', 'Join card'],
];

/** 'main', every room a session is in, and any screen already set. */
export function screenNames(channel: EventChannel): string[] {
  const rooms = channel.sessions
    .map((s) => s.room?.trim())
    .filter((room): room is string => Boolean(room));
  return [...new Set(['main', ...rooms, ...channel.screens.map((s) => s.name)])];
}

interface Props {
  sources: SourceStatus[];
  loadError: string | null;
}

/** Each screen's mode, switched live, and how the outside sources are doing. */
export function ScreensPanel({ sources, loadError }: Props) {
  const { channel, eventId, token } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const code = channel.event?.code ?? '';

  async function setMode(name: string, mode: ScreenMode) {
    if (!channel.socket) return;
    setBusy(name);
    setError(null);
    try {
      channel.dispatch({
        type: 'screen',
        screen: await send(channel.socket, 'screen:set', { name, mode }),
      });
    } catch (failure) {
      setError(`Could not switch screen "${name}": ${describeError(failure)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="screens-panel">
      <h3 className="section-title first">Screens</h3>
      {(error ?? loadError) && (
        <p className="field-error" role="alert" data-testid="screens-error">
          {error ?? loadError}
        </p>
      )}
      <ul className="screen-list" aria-label="Screens">
        {screenNames(channel).map((name) => {
          const mode = channel.screens.find((s) => s.name === name)?.mode ?? 'wall';
          const live =
            channel.sessions.find(
              (s) => s.live && s.room.trim().toLowerCase() === name.toLowerCase(),
            ) ?? (name === 'main' ? channel.sessions.find((s) => s.live) : undefined);
          const path = `/e/${code}/screen${name === 'main' ? '' : `/${encodeURIComponent(name)}`}`;
          return (
            <li
              key={name}
              className="screen-row"
              data-testid="screen-row"
              data-screen={name}
              data-mode={mode}
            >
              <div className="screen-who">
                <strong>{name === 'main' ? 'Main screen' : name}</strong>
                <span className="muted">{live ? `Now: ${live.title}` : 'No live session'}</span>
                <a href={path} target="_blank" rel="noreferrer" className="muted">
                  Open
                </a>
              </div>
              <div className="segmented" role="group" aria-label={`Mode of screen ${name}`}>
                {MODES.map(([value, label]) => (
                  <button
                    key={value}
                    type="button"
                    aria-pressed={mode === value}
                    data-testid={`screen-mode-${value}`}
                    disabled={busy === name}
                    onClick={() => void setMode(name, value)}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="hint">
        Each room's screen is open at its own link and shows that room's live session in questions
        and spotlight modes; the main screen follows whichever session is live.
      </p>
      <h3 className="section-title">Sources</h3>
      <SourcesStatus sources={sources} />
      <SourceSettingsForm eventId={eventId} token={token} socket={channel.socket} />
    </div>
  );
}
