import { useEffect, useRef } from 'react';
import { useLatest } from '../../lib/useLatest.ts';
import { describeError, isTransportError } from '../../lib/errors.ts';
import { STATUS_LABEL } from '../../lib/question-rules.ts';
import { send, type BcSocket } from '../../lib/socket.ts';
import type { Question, QuestionAction } from '../../lib/types.ts';
import {
  QUESTION_PAST,
  QUESTION_VERB,
  questionStateOf,
  questionUndoSteps,
  refusalHint,
  sameQuestionState,
  type QuestionState,
} from './question-model.ts';
import { useDecisions } from '../common/useDecisions.ts';

type UndoEntry =
  | {
      kind: 'state';
      id: number;
      label: string;
      before: QuestionState;
      after: QuestionState;
      replaced: number | null;
    }
  | { kind: 'text'; id: number; label: string; before: string; after: string };

/**
 * Every question decision this console makes, with its undo and its message line. The server
 * stays the judge of each transition: a refusal comes back in its own words, with the key that
 * would have worked.
 */
export function useQuestionModeration(
  socket: BcSocket | null,
  questions: Question[],
  add: (question: Question) => void,
) {
  const decisions = useDecisions<QuestionState, UndoEntry>(sameQuestionState);
  const { busy, running, later, message, say, undoStack, expect, isOurs, settled } = decisions;
  const track = (id: number, on: boolean) => decisions.track([id], on);
  const questionsRef = useLatest(questions);
  /**
   * Each question as the server last said, in the order it said so: an undo runs right after the
   * answer it waited for, before React has rendered that answer into `questions`.
   */
  const latest = useRef(new Map<number, Question>());

  useEffect(() => {
    if (!socket) return undefined;
    const heard = (question: Question) => latest.current.set(question.id, question);
    const forget = () => latest.current.clear();
    const gone = (ref: { id: number }) => latest.current.delete(ref.id);
    socket.on('question:created', heard);
    socket.on('question:updated', heard);
    socket.on('question:removed', gone);
    socket.on('connect', forget);
    return () => {
      socket.off('question:created', heard);
      socket.off('question:updated', heard);
      socket.off('question:removed', gone);
      socket.off('connect', forget);
    };
  }, [socket]);

  const newest = (id: number): Question | null =>
    latest.current.get(id) ?? questionsRef.current.find((q) => q.id === id) ?? null;
  /** The question of the latest action sent, which an undo pressed before its answer will undo. */
  const lastSent = useRef<number | null>(null);

  async function run(id: number, action: QuestionAction): Promise<Question> {
    if (!socket) throw new Error('Not connected to the server.');
    track(id, true);
    try {
      const updated = await send(socket, 'question:moderate', { questionId: id, action });
      latest.current.set(updated.id, updated);
      expect(updated.id, questionStateOf(updated));
      add(updated);
      return updated;
    } finally {
      track(id, false);
    }
  }

  function refused(what: string, failure: unknown, hint: string | null = null) {
    const reason = describeError(failure).replace(/\.$/, '');
    say(
      isTransportError(failure) ? 'error' : 'refusal',
      `The server refused to ${what}: ${reason}${hint ? ` (${hint})` : ''}.`,
    );
  }

  async function moderateNow(listed: Question, action: QuestionAction): Promise<void> {
    lastSent.current = listed.id;
    // Our actions go out one after another, each judged against what the one before it left.
    const ahead = [...running];
    if (ahead.length > 0) await Promise.allSettled(ahead);
    const question = newest(listed.id) ?? listed;
    const before = questionStateOf(question);
    // Spotlighting replaces the room's spotlighted question; the undo puts that one back.
    const onScreen = questionsRef.current
      .map((q) => newest(q.id)!)
      .find((q) => q.spotlighted && q.id !== question.id);
    const replaced = action === 'spotlight' ? (onScreen?.id ?? null) : null;
    try {
      const updated = await run(question.id, action);
      const after = questionStateOf(updated);
      if (sameQuestionState(before, after)) {
        say(
          'info',
          `Question ${question.id} is already ${STATUS_LABEL[after.status]}${after.spotlighted ? ' and on the screen' : ''}; nothing changed.`,
        );
        return;
      }
      undoStack.push({
        kind: 'state',
        id: question.id,
        label: `${QUESTION_VERB[action]} question ${question.id}`,
        before,
        after,
        replaced,
      });
      // Only offer u when there is a way back (a decided question never returns to pending).
      const undoable = !('impossible' in questionUndoSteps(before, after));
      say(
        'info',
        `Question ${question.id} ${QUESTION_PAST[action]}.${undoable ? ' Press u to undo.' : ''}`,
      );
    } catch (failure) {
      refused(
        `${QUESTION_VERB[action]} question ${question.id}`,
        failure,
        refusalHint(action, question.status),
      );
    }
  }

  async function sendText(id: number, text: string): Promise<Question> {
    if (!socket) throw new Error('Not connected to the server.');
    track(id, true);
    try {
      const updated = await send(socket, 'question:edit', { questionId: id, text });
      latest.current.set(updated.id, updated);
      add(updated);
      return updated;
    } finally {
      track(id, false);
    }
  }

  /** Resolves once saved; rejects with the server's reason, which the editor shows under itself. */
  async function edit(question: Question, text: string): Promise<void> {
    lastSent.current = question.id;
    const updated = await later(sendText(question.id, text));
    if (updated.text === question.text) return;
    undoStack.push({
      kind: 'text',
      id: question.id,
      label: `edit question ${question.id}`,
      before: question.text,
      after: updated.text,
    });
    say(
      'info',
      `Question ${question.id}: new text saved; the moderation log keeps the original. Press u to undo.`,
    );
  }

  /** The question the next undo will concern, known before any answer arrives. */
  function undoTarget(): number | null {
    if (running.size > 0 && lastSent.current !== null) return lastSent.current;
    return undoStack.peek()?.id ?? null;
  }

  /** Undoes this console's last question action; resolves with the question it concerned. */
  async function undoNow(): Promise<number | null> {
    // u right after a key must undo that key's action, even if its answer is still on the way.
    await settled();
    const entry = undoStack.pop();
    if (!entry) {
      say('info', 'No question action to undo.');
      return null;
    }
    const current = questionsRef.current.some((q) => q.id === entry.id) ? newest(entry.id) : null;
    if (!current) {
      say('info', `Cannot undo ${entry.label}: it is not in this session's list any more.`);
      return null;
    }
    try {
      if (entry.kind === 'text') {
        if (current.text !== entry.after) {
          say('info', `Question ${entry.id} was edited again since; its text stays as it is.`);
          return entry.id;
        }
        await sendText(entry.id, entry.before);
        say('info', `Undone: ${entry.label}. The original text is back.`);
        return entry.id;
      }
      if (!sameQuestionState(questionStateOf(current), entry.after)) {
        say(
          'info',
          `Question ${entry.id} changed since (it is ${STATUS_LABEL[current.status]} now); it stays as it is.`,
        );
        return entry.id;
      }
      const steps = questionUndoSteps(entry.before, entry.after);
      if ('impossible' in steps) {
        const instead =
          entry.after.status === 'dismissed' ? 'a approves it instead' : 'd dismisses it instead';
        say('refusal', `Cannot undo ${entry.label}: ${steps.impossible} (${instead}).`);
        return entry.id;
      }
      for (const step of steps) await run(entry.id, step);
      const previous = entry.replaced === null ? null : newest(entry.replaced);
      if (
        previous &&
        !previous.spotlighted &&
        (previous.status === 'approved' || previous.status === 'answered')
      ) {
        await run(previous.id, 'spotlight');
      }
      say(
        'info',
        `Undone: ${entry.label}.${previous ? ` Question ${previous.id} is back on the screen.` : ''}`,
      );
      return entry.id;
    } catch (failure) {
      refused(`undo ${entry.label}`, failure);
      return entry.id;
    }
  }

  return {
    busy,
    message,
    say,
    isOurs,
    moderate: (question: Question, action: QuestionAction) =>
      void later(moderateNow(question, action)),
    edit,
    undoTarget,
    /** Whether anything of ours is still on its way, so the list may be behind the server. */
    settling: () => running.size > 0,
    /** A question as last heard, listed or not (a list may show only some statuses); null once gone. */
    known: (id: number) => newest(id),
    /** The question as the server last said, which may be ahead of the rendered list. */
    newest: (question: Question) => newest(question.id) ?? question,
    undo: () => later(undoNow()),
  };
}

export type QuestionModeration = ReturnType<typeof useQuestionModeration>;
