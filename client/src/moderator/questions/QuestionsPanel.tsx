import { useRef } from 'react';
import { useConsole } from '../common/console-context.tsx';
import { defaultSession } from '../../lib/sessions.ts';
import { useNow } from '../../lib/time.ts';
import type { Question } from '../../lib/types.ts';
import { useAnswers } from '../../lib/useAnswers.ts';
import { useSessionQuestions } from '../../lib/useSessionQuestions.ts';
import { useKeyZone } from '../shell/keyboard-zones.ts';
import { ModAnswers } from './ModAnswers.tsx';
import { ModQuestionItem } from './ModQuestionItem.tsx';
import { groupQuestions } from './question-model.ts';
import { sectionOrder, sessionSections, waitingSections } from './question-sections.ts';
import { QuestionSections } from './QuestionSections.tsx';
import { QuestionsHead, type QuestionView } from './QuestionsHead.tsx';
import { useQuestionFocus } from './useQuestionFocus.ts';
import { useQuestionMerge } from './useQuestionMerge.ts';
import { useQuestionModeration } from './useQuestionModeration.ts';
import type { Waiting } from './useWaiting.ts';

const everything = () => true;

interface Props {
  /** The moderator key, for answers over REST. */
  /** Whether the Questions tab is the one on screen. */
  shown: boolean;
  onShow: () => void;
  /** What waits in every room (the header counts it too). */
  waiting: Waiting;
  /** A session's id, 'waiting' for every live session, or null for the default session. */
  view: QuestionView | null;
  onView: (view: QuestionView) => void;
}

export function QuestionsPanel({ shown, onShow, waiting, view, onView }: Props) {
  const { channel, token } = useConsole();
  const now = useNow();
  const active = useKeyZone() === 'questions';
  const all = view === 'waiting' && channel.sessions.some((s) => s.live);
  const current = all
    ? null
    : (channel.sessions.find((s) => s.id === view) ?? defaultSession(channel.sessions));
  const session = useSessionQuestions(channel.socket, current?.id ?? null, { visible: everything });
  const source = all ? waiting : session;
  const moderation = useQuestionModeration(channel.socket, source.questions, source.add);
  const merging = useQuestionMerge(channel.socket, source.add, moderation.say);
  const { answersOf, upsert: upsertAnswer } = useAnswers(
    channel.socket,
    all ? [] : session.questions.filter((q) => q.status !== 'dismissed').map((q) => q.id),
    token || null,
  );
  const itemRefs = useRef(new Map<number, HTMLLIElement>());
  const head = useRef<HTMLDivElement>(null);

  const sections = all
    ? waitingSections(waiting.questions, channel.sessions, waiting.counts)
    : sessionSections(groupQuestions(session.questions));
  const order = sectionOrder(sections);
  const empty = all
    ? 'No questions waiting in the live sessions.'
    : 'No questions in this session yet.';
  const focus = useQuestionFocus({
    order,
    loaded: source.loaded,
    moderation,
    merging,
    active,
    shown,
    onShow,
    empty,
    itemRefs,
    head,
  });

  function choose(next: QuestionView) {
    onView(next);
    focus.reset();
  }

  if (!all && !current) return <p className="empty">Create a session to collect questions.</p>;

  const row = (q: Question) => (
    <ModQuestionItem
      key={q.id}
      ref={(node) => {
        if (node) itemRefs.current.set(q.id, node);
        else itemRefs.current.delete(q.id);
      }}
      question={q}
      focused={q.id === focus.focusedId}
      editing={q.id === focus.editingId}
      busy={moderation.busy.has(q.id)}
      now={now}
      skewMs={channel.skewMs}
      onFocus={() => focus.setFocusedId(q.id)}
      onModerate={focus.decide}
      merging={merging.mergingId}
      onMerge={focus.merge}
      onUnmerge={(question) => void merging.unmerge(question)}
      onEditing={(on) => focus.setEditingId(on ? q.id : null)}
      onEdit={moderation.edit}
      answers={
        all ? undefined : (
          <ModAnswers question={q} answers={answersOf(q.id)} onChanged={upsertAnswer} />
        )
      }
    />
  );

  return (
    <div
      className="questions-panel"
      data-key-zone="questions"
      data-testid="questions-panel"
      data-view={all ? 'waiting' : 'session'}
      data-active={active || undefined}
    >
      <QuestionsHead
        ref={head}
        sessions={channel.sessions}
        view={all ? 'waiting' : current!.id}
        onView={choose}
        counts={waiting.counts}
        totalWaiting={waiting.total}
        active={active}
        message={moderation.message}
      />
      {all && waiting.error ? (
        <p className="empty" role="alert">
          {waiting.error}
        </p>
      ) : !source.loaded ? (
        <p className="empty" role="status">
          Loading questions…
        </p>
      ) : order.length === 0 && sections.every((s) => !s.more) ? (
        <p className="empty">{all ? empty : 'No questions for this session yet.'}</p>
      ) : (
        <QuestionSections sections={sections} render={row} focusedId={focus.focusedId} />
      )}
    </div>
  );
}
