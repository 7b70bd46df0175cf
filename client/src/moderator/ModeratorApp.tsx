import { useEffect, useState, type ReactNode } from 'react';
import { useEventChannel } from '../lib/channel.ts';
import { MissingKey } from '../lib/MissingKey.tsx';
import { useStaffCredentials } from '../lib/useStaffCredentials.ts';
import { AuthorsPanel } from './AuthorsPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { useKeyZone } from './keyboard-zones.ts';
import { LinksPanel } from './LinksPanel.tsx';
import { LogPanel } from './LogPanel.tsx';
import { ModHeader } from './ModHeader.tsx';
import { PostQueue } from './PostQueue.tsx';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import { ScreensPanel } from './ScreensPanel.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { useAuthors } from './useAuthors.ts';
import { useSources, useStats } from './useLive.ts';
import { useModeration } from './useModeration.ts';
import { useSpeakerLinks } from './useSpeakerLinks.ts';
import '../styles/moderator.css';
import '../styles/moderator-queue.css';
import '../styles/moderator-panels.css';
import '../styles/moderator-setup.css';
import '../styles/moderator-search.css';

type Side = 'questions' | 'screens' | 'authors' | 'log' | 'sessions' | 'settings' | 'links' | 'export';
const SIDES: Array<[Side, string]> = [
  ['questions', 'Questions'],
  ['screens', 'Screens'],
  ['authors', 'Authors'],
  ['log', 'Log'],
  ['sessions', 'Sessions'],
  ['settings', 'Settings'],
  ['links', 'Links'],
  // Last: it is what the end of the day needs, and eight tabs make two even rows of four.
  ['export', 'Export'],
];

export default function ModeratorApp({ code }: { code: string }) {
  const { key } = useStaffCredentials('moderator', code);
  const token = key ?? '';
  const channel = useEventChannel(code, { token: key, enabled: Boolean(key), maxPosts: 2000 });
  const [side, setSide] = useState<Side>('questions');
  const keyZone = useKeyZone();
  const speakerLinks = useSpeakerLinks(token);
  const { event } = channel;
  const eventId = event?.id ?? null;
  const authors = useAuthors(channel.socket, eventId, token);
  const moderation = useModeration(channel, authors);
  const boards = useSources(channel.socket, eventId, token);
  const localPending = channel.posts.filter((p) => p.status === 'pending').length;
  const counters = useStats(channel.socket, localPending);

  useEffect(() => {
    if (event) document.title = `${localPending > 0 ? `(${localPending}) ` : ''}Moderate · ${event.name}`;
  }, [event, localPending]);

  if (!key) return <MissingKey what="moderator" />;
  if (channel.connection === 'failed' && !channel.ready) return <MissingKey what="moderator" failure={channel.failure} />;
  if (!event) return <p className="page-message" role="status">Connecting to {code}…</p>;

  // Focusable (tabIndex 0): a panel scrolls on its own, and a keyboard can only scroll what it can focus.
  const panel = (id: Side, body: ReactNode) => (
    <div id={`mod-panel-${id}`} role="tabpanel" aria-labelledby={`mod-tab-${id}`} className="side-body" hidden={side !== id} tabIndex={0}>
      {body}
    </div>
  );

  return (
    // Which list has the keys shows on the page: the other list's focus outline fades.
    <div className="moderator" data-keys={keyZone}>
      <ModHeader
        event={event}
        sessions={channel.sessions}
        counters={counters}
        localPending={localPending}
        sources={boards.sources}
        connection={channel.connection}
        onSources={() => setSide('screens')}
        onRenamed={() => channel.socket?.disconnect().connect()}
      />
      {channel.connection === 'failed' && (
        <p className="banner error" role="alert">
          {channel.failure?.message ?? 'Disconnected.'} Reload the page to try again.
        </p>
      )}
      <div className="mod-layout">
        <PostQueue channel={channel} token={token} moderation={moderation} authors={authors} />
        <aside className="panel side" aria-label="Questions, screens, authors, log, setup and export">
          <nav className="tabs side-tabs" role="tablist" aria-label="Console sections">
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
          {panel('questions', <QuestionsPanel channel={channel} shown={side === 'questions'} onShow={() => setSide('questions')} />)}
          {panel('screens', <ScreensPanel channel={channel} sources={boards.sources} loadError={boards.error} />)}
          {panel('authors', <AuthorsPanel authors={authors} moderation={moderation} />)}
          {panel('log', <LogPanel channel={channel} token={token} active={side === 'log'} />)}
          {panel('sessions', <SessionsPanel channel={channel} token={token} speakerLinks={speakerLinks} />)}
          {panel('settings', <SettingsPanel channel={channel} token={token} />)}
          {panel('links', <LinksPanel event={event} sessions={channel.sessions} speakerLinks={speakerLinks} />)}
          {panel('export', <ExportPanel event={event} sessions={channel.sessions} token={token} />)}
        </aside>
      </div>
    </div>
  );
}
