import { useEffect, useState, type ReactNode } from 'react';
import { moderatorName, setModeratorName } from '../../lib/moderator-name.ts';
import { useEventChannel } from '../../lib/channel.ts';
import { MissingKey } from '../../lib/MissingKey.tsx';
import { useStaffCredentials } from '../../lib/useStaffCredentials.ts';
import { AddressNotice } from '../live/AddressNotice.tsx';
import { AuthorsPanel } from '../setup/AuthorsPanel.tsx';
import { ExportPanel } from '../setup/ExportPanel.tsx';
import { useKeyZone } from './keyboard-zones.ts';
import { ConsoleProvider, type Console } from '../common/console-context.tsx';
import { LinksPanel } from '../setup/LinksPanel.tsx';
import { LogPanel } from '../setup/LogPanel.tsx';
import { ModHeader } from '../live/ModHeader.tsx';
import { PostQueue } from '../queue/PostQueue.tsx';
import { QuestionsPanel } from '../questions/QuestionsPanel.tsx';
import type { QuestionView } from '../questions/QuestionsHead.tsx';
import { ScreensPanel } from '../setup/ScreensPanel.tsx';
import { SessionsPanel } from '../setup/SessionsPanel.tsx';
import { SettingsPanel } from '../setup/SettingsPanel.tsx';
import { useAuthors } from '../setup/useAuthors.ts';
import { useSources, useStats } from '../live/useLive.ts';
import { useModeration } from '../queue/useModeration.ts';
import { useSpeakerLinks } from '../setup/useSpeakerLinks.ts';
import { useWaiting } from '../questions/useWaiting.ts';
import '../../styles/moderator.css';
import '../../styles/moderator-queue.css';
import '../../styles/moderator-panels.css';
import '../../styles/moderator-setup.css';
import '../../styles/moderator-search.css';

type Side =
  'questions' | 'screens' | 'authors' | 'log' | 'sessions' | 'settings' | 'links' | 'export';
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
  const waiting = useWaiting(channel.socket, eventId, token, channel.sessions);
  const [questionView, setQuestionView] = useState<QuestionView | null>(null);
  const waitingAll = localPending + waiting.total;
  const [name, setName] = useState(moderatorName);

  useEffect(() => {
    if (event)
      document.title = `${waitingAll > 0 ? `(${waitingAll}) ` : ''}Moderate · ${event.name}`;
  }, [event, waitingAll]);

  if (!key) return <MissingKey what="moderator" />;
  if (channel.connection === 'failed' && !channel.ready)
    return <MissingKey what="moderator" failure={channel.failure} />;
  if (!event)
    return (
      <p className="page-message" role="status">
        Connecting to {code}…
      </p>
    );

  const context: Console = {
    channel,
    event,
    eventId: event.id,
    token,
    name,
    rename(next) {
      setModeratorName(next);
      setName(next?.trim() || null);
      // Reconnect so the server hears the new name.
      channel.socket?.disconnect().connect();
    },
  };

  // Focusable (tabIndex 0): a panel scrolls on its own, and a keyboard can only scroll what it can focus.
  const panel = (id: Side, body: ReactNode) => (
    <div
      id={`mod-panel-${id}`}
      role="tabpanel"
      aria-labelledby={`mod-tab-${id}`}
      className="side-body"
      hidden={side !== id}
      tabIndex={0}
    >
      {body}
    </div>
  );

  return (
    // Which list has the keys shows on the page: the other list's focus outline fades.
    <ConsoleProvider value={context}>
      <div className="moderator" data-keys={keyZone}>
        <ModHeader
          counters={counters}
          localPending={localPending}
          questionsWaiting={waiting.total}
          onQuestionsWaiting={() => {
            setSide('questions');
            setQuestionView('waiting');
          }}
          sources={boards.sources}
          onSources={() => setSide('screens')}
        />
        {channel.address && <AddressNotice address={channel.address} compact />}
        {channel.connection === 'failed' && (
          <p className="banner error" role="alert">
            {channel.failure?.id === 'unauthorized'
              ? 'This moderator key no longer works: the organiser replaced it. Open the new moderator link.'
              : `${channel.failure?.message ?? 'Disconnected.'} Reload the page to try again.`}
          </p>
        )}
        <div className="mod-layout">
          <PostQueue moderation={moderation} authors={authors} />
          <aside
            className="panel side"
            aria-label="Questions, screens, authors, log, setup and export"
          >
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
            {panel(
              'questions',
              <QuestionsPanel
                shown={side === 'questions'}
                onShow={() => setSide('questions')}
                waiting={waiting}
                view={questionView}
                onView={setQuestionView}
              />,
            )}
            {panel('screens', <ScreensPanel sources={boards.sources} loadError={boards.error} />)}
            {panel('authors', <AuthorsPanel authors={authors} moderation={moderation} />)}
            {panel('log', <LogPanel active={side === 'log'} />)}
            {panel('sessions', <SessionsPanel speakerLinks={speakerLinks} />)}
            {panel('settings', <SettingsPanel />)}
            {panel('links', <LinksPanel speakerLinks={speakerLinks} />)}
            {panel('export', <ExportPanel />)}
          </aside>
        </div>
      </div>
    </ConsoleProvider>
  );
}
