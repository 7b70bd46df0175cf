import { useState } from 'react';
import { describeError } from '../../lib/errors.ts';
import { send, type BcSocket } from '../../lib/socket.ts';
import type { Question } from '../../lib/types.ts';
import type { QuestionModeration } from './useQuestionModeration.ts';

/**
 * Merging duplicates from the console: m on a question marks it as the duplicate, then m on
 * the question it duplicates merges the two (Esc cancels); u right after unmerges. The server
 * combines the votes and says what each question became.
 */
export function useQuestionMerge(
  socket: BcSocket | null,
  add: (question: Question) => void,
  say: QuestionModeration['say'],
) {
  const [mergingId, setMergingId] = useState<number | null>(null);
  const [lastMerged, setLastMerged] = useState<number | null>(null);

  async function call(command: () => Promise<{ duplicate: Question; target: Question }>) {
    const { duplicate, target } = await command();
    add(duplicate);
    add(target);
    return { duplicate, target };
  }

  async function merge(duplicate: Question, target: Question) {
    setMergingId(null);
    if (!socket) return say('error', 'Not connected to the server.');
    try {
      const result = await call(() =>
        send(socket, 'question:merge', { questionId: duplicate.id, targetId: target.id }),
      );
      setLastMerged(duplicate.id);
      say(
        'info',
        `Question ${duplicate.id} merged into ${target.id}, which now has ${result.target.votes} votes. Press u to unmerge.`,
      );
    } catch (failure) {
      say('refusal', `The server refused to merge: ${describeError(failure).replace(/\.$/, '')}.`);
    }
  }

  async function unmerge(duplicate: Question | number) {
    const id = typeof duplicate === 'number' ? duplicate : duplicate.id;
    setLastMerged(null);
    if (!socket) return say('error', 'Not connected to the server.');
    try {
      const result = await call(() => send(socket, 'question:unmerge', { questionId: id }));
      say('info', `Unmerged: question ${id} is ${result.duplicate.status} again with its votes.`);
    } catch (failure) {
      say(
        'refusal',
        `The server refused to unmerge: ${describeError(failure).replace(/\.$/, '')}.`,
      );
    }
  }

  return {
    mergingId,
    /** The merge u would undo, while nothing else was done since. */
    lastMerged,
    forget: () => setLastMerged(null),
    start(question: Question) {
      setMergingId(question.id);
      say(
        'info',
        `Merging question ${question.id}: go to the question it duplicates (j/k) and press m, or Esc to cancel.`,
      );
    },
    cancel() {
      setMergingId(null);
      say('info', 'Merge cancelled.');
    },
    merge,
    unmerge,
  };
}

export type QuestionMerge = ReturnType<typeof useQuestionMerge>;
