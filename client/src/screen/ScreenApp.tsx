import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { LIMITS } from '../../../shared/limits.ts';
import { useEventChannel } from '../lib/channel.ts';
import { isQuestionPublic } from '../lib/question-rules.ts';
import { useNow } from '../lib/time.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { screenBrandStyle } from '../lib/brand.ts';
import { AddressWarning } from './AddressWarning.tsx';
import { JoinView } from './JoinView.tsx';
import { NoLiveSession, QuestionsView } from './QuestionsView.tsx';
import { ScreenFooter } from './ScreenFooter.tsx';
import { ScreenHeader } from './ScreenHeader.tsx';
import { ScreenNotice } from './ScreenNotice.tsx';
import { liveSessionFor, MAIN_SCREEN, modeOf, openQuestions, spotlightOf } from './screens.ts';
import { SpotlightCard } from './SpotlightCard.tsx';
import { useWakeLock } from './useWakeLock.ts';
import { pacingFor } from './wall-pacing.ts';
import { WallView } from './WallView.tsx';
import '../styles/screen.css';
import '../styles/screen-wall.css';
import '../styles/screen-modes.css';
import '../styles/screen-media.css';
import '../styles/screen-address.css';

/**
 * The big screen: no input, runs all day. The moderator picks what it shows (wall, top
 * questions, one question, join card) per screen; a screen of a room follows that room's live
 * session. Every reconnect brings a fresh snapshot or the missed broadcasts, never a reload.
 */
export default function ScreenApp({ code }: { code: string }) {
  const { name: param } = useParams();
  const name = param?.trim() || MAIN_SCREEN;
  const channel = useEventChannel(code, { maxPosts: LIMITS.screenPosts });
  const now = useNow(15_000);
  const live = liveSessionFor(channel.sessions, name);
  const { questions } = useSessionQuestions(channel.socket, live?.id ?? null, {
    visible: isQuestionPublic,
  });
  const { event } = channel;
  // ?pace=10 runs the wall ten times faster: for tests and for a rehearsal of the day.
  const pacing = useMemo(
    () => pacingFor(Number(new URLSearchParams(window.location.search).get('pace') ?? 1)),
    [],
  );
  useWakeLock();

  useEffect(() => {
    if (event) document.title = `${event.name} · Screen${name === MAIN_SCREEN ? '' : ` · ${name}`}`;
  }, [event, name]);

  if (!event) {
    const failed = channel.connection === 'failed';
    return (
      <div className="screen" data-theme="dark" data-testid="screen" data-mode="none">
        <p className="screen-message">
          {failed ? (channel.failure?.message ?? 'Cannot connect.') : `Connecting to ${code}…`}
        </p>
      </div>
    );
  }

  const mode = modeOf(channel.screens, name);
  const publicUrl = channel.address?.url ?? window.location.origin;
  const room = name === MAIN_SCREEN ? null : name;
  const open = openQuestions(questions);
  const spotlight = spotlightOf(questions);

  let view;
  if (mode === 'questions') {
    view = (
      <QuestionsView session={live} room={room} questions={open} questionTag={event.questionTag} />
    );
  } else if (mode === 'spotlight') {
    const shown = spotlight ?? open[0] ?? null;
    view = !live ? (
      <NoLiveSession room={room} />
    ) : (
      <main className="screen-main screen-spotlight-view">
        {shown ? (
          <SpotlightCard
            question={shown}
            label={shown === spotlight ? 'Question' : 'Top question'}
            huge
          />
        ) : (
          <ScreenNotice title="No questions yet" testId="screen-no-questions">
            Ask the speaker from your phone: scan the code below.
          </ScreenNotice>
        )}
      </main>
    );
  } else if (mode === 'join') {
    view = <JoinView event={event} publicUrl={publicUrl} room={room} />;
  } else {
    const posts = channel.posts.filter((post) => post.status === 'approved');
    view = (
      <WallView
        posts={posts}
        spotlight={spotlight}
        questionTag={event.questionTag}
        pacing={pacing}
        socket={channel.socket}
        now={now}
        skewMs={channel.skewMs}
      />
    );
  }

  return (
    <div
      className="screen"
      data-testid="screen"
      data-mode={mode}
      data-screen={name}
      data-theme={event.branding.theme}
      style={screenBrandStyle(event)}
    >
      <ScreenHeader
        event={event}
        room={room}
        live={live}
        connection={channel.connection}
        now={now + channel.skewMs}
      />
      {channel.address && !channel.address.noticeDismissed && (
        <AddressWarning publicUrl={publicUrl} />
      )}
      {view}
      <ScreenFooter
        event={event}
        publicUrl={publicUrl}
        room={room}
        showQr={mode !== 'join'}
        tab={mode === 'questions' || mode === 'spotlight' ? 'questions' : null}
      />
    </div>
  );
}
