import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventChannel } from '../lib/channel.ts';
import { STATUS_LABEL } from '../lib/question-rules.ts';
import { defaultSession, sessionLabel } from '../lib/sessions.ts';
import { useNow } from '../lib/time.ts';
import type { Question, QuestionAction, QuestionStatus } from '../lib/types.ts';
import { useSessionQuestions } from '../lib/useSessionQuestions.ts';
import { setZone, SWITCH_KEY, useKeyZone } from './keyboard-zones.ts';
import { ModQuestionItem } from './ModQuestionItem.tsx';
import { expectedOutcome, groupQuestions, movesQuestion, questionOrder, questionStateOf } from './question-model.ts';
import { useQuestionKeys } from './useQueueKeys.ts';
import { useQuestionModeration } from './useQuestionModeration.ts';

const everything = () => true;

/** The short form of the keys, in the hint line; the help card has them in full. */
const QUESTION_HINTS: Array<[string[], string]> = [
  [['j', 'k'], 'move'],
  [['a'], 'approve'],
  [['d'], 'dismiss'],
  [['n'], 'answered'],
  [['s'], 'spotlight'],
  [['e'], 'edit'],
  [['r'], 'restore'],
  [['u'], 'undo'],
  [[SWITCH_KEY], 'back to posts'],
];

/** What another console's change did, for the message line. */
const CHANGED_TO: Record<QuestionStatus, string> = { pending: 'put back', approved: 'made live', answered: 'marked answered', dismissed: 'dismissed' };

interface Props {
  channel: EventChannel;
  /** Whether the Questions tab is the one on screen. */
  shown: boolean;
  onShow: () => void;
}

export function QuestionsPanel({ channel, shown, onShow }: Props) {
  const now = useNow();
  const active = useKeyZone() === 'questions';
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [showDismissed, setShowDismissed] = useState(false);
  const current = channel.sessions.find((s) => s.id === chosenId) ?? defaultSession(channel.sessions);
  const { questions, loaded, add } = useSessionQuestions(channel.socket, current?.id ?? null, { visible: everything });
  const moderation = useQuestionModeration(channel.socket, questions, add);
  const { say } = moderation;
  const itemRefs = useRef(new Map<number, HTMLLIElement>());
  const head = useRef<HTMLDivElement>(null);
  const follow = useRef({ id: null as number | null, index: -1, status: null as QuestionStatus | null });

  const groups = groupQuestions(questions);
  const order = questionOrder(groups);
  const index = order.findIndex((q) => q.id === focusedId);
  const focused = index === -1 ? null : order[index]!;
  const at = (i: number) => order[Math.min(Math.max(i, 0), order.length - 1)]?.id ?? null;

  // The keys and the tab go together: q brings the questions on screen, and another tab takes
  // the keys back to the posts, so a key never acts on a list nobody can see.
  const was = useRef({ active, shown });
  useEffect(() => {
    const before = was.current;
    was.current = { active, shown };
    if (active && !before.active && !shown) onShow();
    else if (active && before.shown && !shown) setZone('posts');
  });

  // Taking the keys lands on the first question, so the next key already acts.
  const first = order[0]?.id ?? null;
  useEffect(() => {
    if (active && focused === null && first !== null) setFocusedId(first);
  }, [active, focused, first]);

  // When the focused question is decided elsewhere (or withdrawn), the focus stays where it was in
  // the list, which is now the next question: the same place a decision of one's own leads.
  useEffect(() => {
    const f = follow.current;
    if (focusedId !== f.id) {
      Object.assign(f, { id: focusedId, index, status: focused?.status ?? null });
      return;
    }
    if (focusedId === null) return;
    if (!focused) {
      // A reload after a reconnect empties the list for a moment: the focus waits for it.
      if (!loaded) return;
      if (f.status !== null) say('info', `Question ${focusedId} was withdrawn by its author; you are on the next one.`);
      setFocusedId(at(f.index));
      return;
    }
    const changed = focused.status !== f.status;
    f.status = focused.status;
    if (!changed) {
      f.index = index;
      return;
    }
    // A change of our own keeps the focus: a decision already moved it on, an undo brought it here.
    const byOther = !moderation.isOurs(focused.id, questionStateOf(focused));
    const moved = byOther && index !== f.index;
    if (moved) setFocusedId(at(f.index));
    else f.index = index;
    if (byOther) say('info', `Question ${focused.id} was just ${CHANGED_TO[focused.status]} by another console${moved ? '; you are on the next one' : ''}.`);
  });

  useEffect(() => {
    const item = focusedId === null ? null : itemRefs.current.get(focusedId);
    if (!item) return;
    item.scrollIntoView({ block: 'nearest' });
    // The sticky head covers the top of the list: a question scrolled to the top goes below it.
    const hidden = (head.current?.getBoundingClientRect().bottom ?? 0) - item.getBoundingClientRect().top;
    if (hidden > 0) item.closest('.side-body')?.scrollBy({ top: -(hidden + 8) });
  }, [focusedId]);

  /** Like a mail client: once the focused question is decided, the focus moves on to the next one. */
  function moveOn(question: Question) {
    if (question.id !== focusedId) return;
    const i = order.indexOf(question);
    setFocusedId((order[i + 1] ?? order[i - 1])?.id ?? null);
  }

  function decide(listed: Question, action: QuestionAction) {
    const question = moderation.newest(listed);
    const outcome = expectedOutcome(questionStateOf(question), action);
    // While an action of ours is on its way the list may be behind: the server says what holds.
    if (outcome === 'unchanged' && !moderation.settling()) {
      const where = action === 'spotlight' ? 'on the screen' : action === 'unspotlight' ? 'off the screen' : STATUS_LABEL[question.status];
      return say('info', `Question ${question.id} is already ${where}; nothing to do.`);
    }
    // An action this console expects the server to refuse still goes out (our copy may be behind):
    // the server's word is shown, and the focus stays put.
    if (outcome === 'changes' && movesQuestion(action)) moveOn(listed);
    moderation.moderate(question, action);
  }

  useQuestionKeys((key) => {
    if (key === 'escape') return setZone('posts');
    if (key === 'undo') {
      // The focus goes to what is being undone at once, so the next key acts on it.
      const target = moderation.undoTarget();
      if (target !== null && order.some((q) => q.id === target)) setFocusedId(target);
      return void moderation.undo();
    }
    if (key === 'next' || key === 'previous') {
      if (order.length === 0) return say('info', 'No questions in this session yet.');
      const step = key === 'next' ? 1 : -1;
      setFocusedId(index === -1 ? at(step === 1 ? 0 : order.length - 1) : at(index + step));
      return;
    }
    if (!focused) return say('info', order.length === 0 ? 'No questions in this session yet.' : 'Press j to pick a question first.');
    // No wait for a question still in flight: the socket keeps the order, the server judges each
    // action in turn, and a key dropped in silence would be worse than a refusal in words.
    if (key === 'edit') return setEditingId(focused.id);
    decide(focused, key === 'spotlight' && moderation.newest(focused).spotlighted ? 'unspotlight' : key);
  });

  function chooseSession(id: number) {
    setChosenId(id);
    setFocusedId(null);
    setEditingId(null);
  }

  if (!current) return <p className="empty">Create a session to collect questions.</p>;

  const row = (q: Question) => (
    <ModQuestionItem
      key={q.id}
      ref={(node) => {
        if (node) itemRefs.current.set(q.id, node);
        else itemRefs.current.delete(q.id);
      }}
      question={q}
      focused={q.id === focusedId}
      editing={q.id === editingId}
      busy={moderation.busy.has(q.id)}
      now={now}
      skewMs={channel.skewMs}
      onFocus={() => setFocusedId(q.id)}
      onModerate={decide}
      onEditing={(on) => setEditingId(on ? q.id : null)}
      onEdit={moderation.edit}
    />
  );
  const { message } = moderation;

  return (
    <div className="questions-panel" data-key-zone="questions" data-testid="questions-panel" data-active={active || undefined}>
      {/* Stays in view while the list scrolls: the session, the keys and the last message. */}
      <div className="questions-head" ref={head}>
        <label className="field">
          <span>Session</span>
          <select
            data-testid="session-select"
            value={current.id}
            onChange={(e) => chooseSession(Number(e.target.value))}
            // Keys are off while a select has focus (arrows pick options): Enter or Esc hands them back.
            onKeyDown={(e) => (e.key === 'Enter' || e.key === 'Escape') && e.currentTarget.blur()}
          >
            {channel.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionLabel(s)}
              </option>
            ))}
          </select>
        </label>
        {active ? (
          <p className="shortcuts question-keys" data-testid="question-keys">
            {QUESTION_HINTS.map(([keys, what], i) => (
              // The separator stays outside the pair: it is where the line may break.
              <Fragment key={what}>
                <span className="key-pair">
                  {keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}{' '}
                  {what}
                </span>
                {i < QUESTION_HINTS.length - 1 && ' · '}
              </Fragment>
            ))}
          </p>
        ) : (
          <button type="button" className="question-keys take-keys" data-testid="question-keys" onClick={() => setZone('questions')}>
            <kbd>{SWITCH_KEY}</kbd> Moderate the questions by keyboard
          </button>
        )}
        {message && (
          <p key={message.seq} className="queue-message" data-kind={message.kind} data-testid="question-message" role={message.kind === 'info' ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </div>
      {!loaded ? (
        <p className="empty" role="status">
          Loading questions…
        </p>
      ) : questions.length === 0 ? (
        <p className="empty">No questions for this session yet.</p>
      ) : (
        <>
          <Group title="Awaiting moderation" hint="oldest first" items={groups.pending} render={row} />
          <Group title="Live" hint="most votes first" items={groups.live} render={row} />
          <Group title="Answered" items={groups.answered} render={row} />
          {groups.dismissed.length > 0 && (
            // Opens by itself when the keys walk into it, so r can restore what is in view.
            <details open={showDismissed || focused?.status === 'dismissed'} onToggle={(e) => setShowDismissed(e.currentTarget.open)}>
              <summary>Dismissed ({groups.dismissed.length})</summary>
              <ol className="mod-list" aria-label="Dismissed questions">
                {groups.dismissed.map(row)}
              </ol>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function Group({ title, hint, items, render }: { title: string; hint?: string; items: Question[]; render: (q: Question) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="section-title">
        {title} ({items.length}){hint && <span className="muted section-hint"> · {hint}</span>}
      </h3>
      <ol className="mod-list" aria-label={`${title} questions`}>
        {items.map(render)}
      </ol>
    </>
  );
}
