import { useEffect, useState } from 'react';
import { useEventChannel } from '../lib/channel.ts';
import { ConnectionStatus } from '../lib/ConnectionStatus.tsx';
import { MissingKey } from '../lib/MissingKey.tsx';
import { useStaffCredentials } from '../lib/useStaffCredentials.ts';
import { LinksPanel } from './LinksPanel.tsx';
import { PostQueue } from './PostQueue.tsx';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { useSpeakerLinks } from './useSpeakerLinks.ts';
import '../styles/moderator.css';

type Side = 'questions' | 'sessions' | 'settings' | 'links';
const SIDES: Array<[Side, string]> = [
  ['questions', 'Questions'],
  ['sessions', 'Sessions'],
  ['settings', 'Settings'],
  ['links', 'Links'],
];

export default function ModeratorApp({ code }: { code: string }) {
  const { key } = useStaffCredentials('moderator', code);
  const channel = useEventChannel(code, { token: key, enabled: Boolean(key), maxPosts: 2000 });
  const [side, setSide] = useState<Side>('questions');
  const speakerLinks = useSpeakerLinks(key ?? '');
  const { event } = channel;

  useEffect(() => {
    if (event) document.title = `Moderate · ${event.name}`;
  }, [event]);

  if (!key) return <MissingKey what="moderator" />;
  if (channel.connection === 'failed' && !channel.ready) return <MissingKey what="moderator" failure={channel.failure} />;
  if (!event) return <p className="page-message" role="status">Connecting to {code}…</p>;

  const pending = channel.posts.filter((p) => p.status === 'pending').length;
  const live = channel.sessions.filter((s) => s.live);

  return (
    <div className="moderator">
      <header className="mod-header">
        <div>
          <h1>{event.name}</h1>
          <p className="muted">
            Code {event.code} · posts {event.settings.postModeration}-moderated · questions {event.settings.questionModeration}-moderated
            {live.length > 0 && ` · live: ${live.map((s) => s.title).join(', ')}`}
          </p>
        </div>
        <div className="mod-header-side">
          <span className="pending-count" data-testid="pending-count" data-zero={pending === 0 || undefined} aria-live="polite">
            {pending} pending
          </span>
          <ConnectionStatus state={channel.connection} />
        </div>
      </header>
      {channel.connection === 'failed' && (
        <p className="banner error" role="alert">
          {channel.failure?.message ?? 'Disconnected.'} Reload the page to try again.
        </p>
      )}
      <div className="mod-layout">
        <PostQueue channel={channel} token={key} />
        <aside className="panel side" aria-label="Questions, sessions and settings">
          <nav className="tabs" role="tablist" aria-label="Console sections">
            {SIDES.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`mod-tab-${id}`}
                aria-selected={side === id}
                aria-controls={`mod-panel-${id}`}
                data-testid={`mod-tab-${id}`}
                onClick={() => setSide(id)}
              >
                {label}
              </button>
            ))}
          </nav>
          {/* Panels stay mounted, so the questions keep streaming in while another panel is open. */}
          <div id="mod-panel-questions" role="tabpanel" aria-labelledby="mod-tab-questions" className="side-body" hidden={side !== 'questions'}>
            <QuestionsPanel channel={channel} />
          </div>
          <div id="mod-panel-sessions" role="tabpanel" aria-labelledby="mod-tab-sessions" className="side-body" hidden={side !== 'sessions'}>
            <SessionsPanel channel={channel} token={key} speakerLinks={speakerLinks} />
          </div>
          <div id="mod-panel-settings" role="tabpanel" aria-labelledby="mod-tab-settings" className="side-body" hidden={side !== 'settings'}>
            <SettingsPanel channel={channel} token={key} />
          </div>
          <div id="mod-panel-links" role="tabpanel" aria-labelledby="mod-tab-links" className="side-body" hidden={side !== 'links'}>
            <LinksPanel event={event} sessions={channel.sessions} speakerLinks={speakerLinks} />
          </div>
        </aside>
      </div>
    </div>
  );
}
