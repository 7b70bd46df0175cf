import { useEffect, useRef, useState, type RefObject } from 'react';
import { STATUS_LABEL } from '../../lib/question-rules.ts';
import type { Question, QuestionAction, QuestionStatus } from '../../lib/types.ts';
import { setZone } from '../shell/keyboard-zones.ts';
import { expectedOutcome, movesQuestion, questionStateOf } from './question-model.ts';
import type { QuestionMerge } from './useQuestionMerge.ts';
import type { QuestionModeration } from './useQuestionModeration.ts';
import { useQuestionKeys } from '../shell/useQueueKeys.ts';
import { useListFocus } from '../common/useListFocus.ts';

/** What another console's change did, for the message line. */
const CHANGED_TO: Record<QuestionStatus, string> = {
  pending: 'put back',
  approved: 'made live',
  answered: 'marked answered',
  dismissed: 'dismissed',
};

interface Options {
  /** The questions as listed, in the order j and k walk. */
  order: Question[];
  loaded: boolean;
  moderation: QuestionModeration;
  merging: QuestionMerge;
  /** Whether the panel has the keys, and whether its tab is on screen. */
  active: boolean;
  shown: boolean;
  onShow: () => void;
  /** Said when a key needs a question and the list has none. */
  empty: string;
  itemRefs: RefObject<Map<number, HTMLLIElement>>;
  /** The sticky head, which a question scrolled to the top must clear. */
  head: RefObject<HTMLDivElement | null>;
}

/**
 * The keyboard side of the questions panel: which question has the focus, how it follows
 * decisions (ours and other consoles'), and what each key does to it.
 */
export function useQuestionFocus({
  order,
  loaded,
  moderation,
  merging,
  active,
  shown,
  onShow,
  empty,
  itemRefs,
  head,
}: Options) {
  const [editingId, setEditingId] = useState<number | null>(null);
  const { say } = moderation;
  const list = useListFocus({
    order,
    // Gone from a list that shows only some statuses (the waiting ones) is decided, not withdrawn.
    find: (id) => order.find((q) => q.id === id) ?? moderation.known(id),
    statusOf: (question) => question.status,
    isOurs: (question) => moderation.isOurs(question.id, questionStateOf(question)),
    // A reload after a reconnect empties the list for a moment: the focus waits for it.
    ready: loaded,
    announce(question, { moveTo }) {
      const next = moveTo !== null ? '; you are on the next one' : '';
      if (question)
        say(
          'info',
          `Question ${question.id} was just ${CHANGED_TO[question.status]} by another console${next}.`,
        );
      else say('info', `Question ${focusedId} was withdrawn by its author${next}.`);
    },
  });
  const { focusedId, setFocusedId, focused } = list;

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
  }, [active, focused, first, setFocusedId]);

  useEffect(() => {
    const item = focusedId === null ? null : itemRefs.current.get(focusedId);
    if (!item) return;
    item.scrollIntoView({ block: 'nearest' });
    // The sticky head covers the top of the list: a question scrolled to the top goes below it.
    const hidden =
      (head.current?.getBoundingClientRect().bottom ?? 0) - item.getBoundingClientRect().top;
    if (hidden > 0) item.closest('.side-body')?.scrollBy({ top: -(hidden + 8) });
  }, [focusedId, itemRefs, head]);

  const moveOn = list.moveOn;

  function decide(listed: Question, action: QuestionAction) {
    const question = moderation.newest(listed);
    const outcome = expectedOutcome(questionStateOf(question), action);
    // While an action of ours is on its way the list may be behind: the server says what holds.
    if (outcome === 'unchanged' && !moderation.settling()) {
      const where =
        action === 'spotlight'
          ? 'on the screen'
          : action === 'unspotlight'
            ? 'off the screen'
            : STATUS_LABEL[question.status];
      return say('info', `Question ${question.id} is already ${where}; nothing to do.`);
    }
    // An action this console expects the server to refuse still goes out (our copy may be behind):
    // the server's word is shown, and the focus stays put.
    if (outcome === 'changes' && movesQuestion(action)) moveOn(listed);
    merging.forget();
    moderation.moderate(question, action);
  }

  /** m: the first marks the duplicate, the second (on another question) merges it there. */
  function merge(question: Question) {
    const duplicate = order.find((q) => q.id === merging.mergingId);
    if (!duplicate) return merging.start(question);
    if (duplicate.id === question.id) return merging.cancel();
    void merging.merge(duplicate, question);
  }

  useQuestionKeys((key) => {
    if (key === 'escape') return merging.mergingId !== null ? merging.cancel() : setZone('posts');
    if (key === 'undo' && merging.lastMerged !== null)
      return void merging.unmerge(merging.lastMerged);
    if (key === 'undo') {
      // The focus goes to what is being undone at once, so the next key acts on it.
      const target = moderation.undoTarget();
      if (target !== null && order.some((q) => q.id === target)) setFocusedId(target);
      return void moderation.undo();
    }
    if (key === 'next' || key === 'previous') {
      if (!list.step(key === 'next' ? 1 : -1)) say('info', empty);
      return;
    }
    if (!focused)
      return say('info', order.length === 0 ? empty : 'Press j to pick a question first.');
    // No wait for a question still in flight: the socket keeps the order, the server judges each
    // action in turn, and a key dropped in silence would be worse than a refusal in words.
    if (key === 'edit') return setEditingId(focused.id);
    if (key === 'merge') return merge(focused);
    decide(
      focused,
      key === 'spotlight' && moderation.newest(focused).spotlighted ? 'unspotlight' : key,
    );
  });

  /** Another list (a session, or every room): nothing is focused or edited in it yet. */
  function reset() {
    setFocusedId(null);
    setEditingId(null);
  }

  return { focusedId, setFocusedId, focused, editingId, setEditingId, decide, merge, reset };
}
