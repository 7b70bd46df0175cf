import { Fragment, type Ref } from 'react';
import { sessionLabel } from '../../lib/sessions.ts';
import type { Session } from '../../lib/types.ts';
import { setZone, SWITCH_KEY } from '../shell/keyboard-zones.ts';
import { waitingLabel } from './question-sections.ts';
import type { Message } from '../common/decisions.ts';

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

/** What the panel lists: one session, or what waits in every live session. */
export type QuestionView = number | 'waiting';
const WAITING = 'waiting';

interface Props {
  sessions: Session[];
  view: QuestionView;
  onView: (view: QuestionView) => void;
  counts: ReadonlyMap<number, number>;
  totalWaiting: number;
  active: boolean;
  message: Message | null;
  ref?: Ref<HTMLDivElement>;
}

/** Stays in view while the list scrolls: what is listed, the keys and the last message. */
export function QuestionsHead({
  sessions,
  view,
  onView,
  counts,
  totalWaiting,
  active,
  message,
  ref,
}: Props) {
  const live = sessions.filter((s) => s.live).length;
  return (
    <div className="questions-head" ref={ref}>
      <label className="field">
        <span>Session</span>
        <select
          data-testid="session-select"
          value={String(view)}
          onChange={(e) => onView(e.target.value === WAITING ? WAITING : Number(e.target.value))}
          // Keys are off while a select has focus (arrows pick options): Enter or Esc hands them back.
          onKeyDown={(e) => (e.key === 'Enter' || e.key === 'Escape') && e.currentTarget.blur()}
        >
          {live > 0 && (
            <option value={WAITING} data-testid="waiting-option">
              {waitingLabel(
                `Waiting in all ${live} live session${live === 1 ? '' : 's'}`,
                totalWaiting,
              )}
            </option>
          )}
          {sessions.map((s) => (
            <option key={s.id} value={s.id} data-waiting={counts.get(s.id) ?? 0}>
              {waitingLabel(sessionLabel(s), counts.get(s.id) ?? 0)}
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
        <button
          type="button"
          className="question-keys take-keys"
          data-testid="question-keys"
          onClick={() => setZone('questions')}
        >
          <kbd>{SWITCH_KEY}</kbd> Moderate the questions by keyboard
        </button>
      )}
      {message && (
        <p
          key={message.seq}
          className="queue-message"
          data-kind={message.kind}
          data-testid="question-message"
          role={message.kind === 'info' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
