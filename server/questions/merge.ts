import type { MergeResult } from '../../shared/schemas/duplicates.ts';
import { isQuestionPublic } from '../../shared/question-rules.ts';
import { requireModerator } from '../auth/guards.ts';
import { actorName, type Principal } from '../auth/principal.ts';
import type { DomainDeps } from '../context.ts';
import { AppError, conflict, notFound } from '../lib/errors.ts';
import { nowIso } from '../lib/time.ts';
import type { QuestionRow } from './repository.ts';
import type { QuestionsService } from './service.ts';
import type { AnswerRow } from '../answers/repository.ts';
import type { AnswersService } from '../answers/service.ts';

/**
 * A moderator merges a duplicate question into another of the same session, and can undo it.
 * The duplicate is dismissed and remembers its target; the target gains the votes of the
 * duplicate's voters who had not voted for it (duplicates-repository.ts), so nobody counts twice.
 * Both askers keep their question: the duplicate's asker sees it merged. The duplicate's answers
 * and replies are shown under the target while merged (answers/service.ts), and go back with an
 * unmerge. Each write is logged
 * (never with an asker) and broadcast through the same rules as any question change.
 */
export function createMergeService(
  { db, repos }: Pick<DomainDeps, 'db' | 'repos'>,
  questions: Pick<QuestionsService, 'get' | 'publish'>,
  answers: Pick<AnswersService, 'mergeable' | 'followMerge' | 'followUnmerge' | 'publishMoved'>,
) {
  /** One merge or unmerge and its log entry, in one transaction; both questions as they end. */
  function write(
    principal: Principal,
    duplicate: QuestionRow,
    target: QuestionRow,
    action: 'question_merge' | 'question_unmerge',
    change: () => Record<string, unknown>,
  ): [QuestionRow, QuestionRow] {
    return db.transaction((): [QuestionRow, QuestionRow] => {
      const detail = change();
      repos.questions.changed();
      repos.log.append({
        eventId: duplicate.event_id,
        actor: actorName(principal),
        action,
        itemType: 'question',
        itemId: duplicate.id,
        detail,
      });
      return [repos.questions.findById(duplicate.id)!, repos.questions.findById(target.id)!];
    })();
  }

  return {
    merge(principal: Principal, duplicateId: number, targetId: number): MergeResult {
      const duplicate = questions.get(duplicateId);
      requireModerator(principal, duplicate.event_id);
      const target = repos.questions.findById(targetId);
      // Another event's question is as good as missing to this moderator.
      if (!target || target.event_id !== duplicate.event_id)
        throw notFound('question_not_found', `No question with id ${targetId}`);
      if (target.id === duplicate.id)
        throw new AppError(400, 'invalid_merge', 'A question cannot be merged into itself');
      if (target.session_id !== duplicate.session_id)
        throw new AppError(400, 'invalid_merge', 'Only questions of the same session can merge');
      if (duplicate.merged_into !== null)
        throw conflict(
          'question_merged',
          `This question is already merged into #${duplicate.merged_into}`,
        );
      if (target.merged_into !== null)
        throw conflict('question_merged', `#${target.id} is itself merged: merge into its target`);
      if (!isQuestionPublic(target))
        throw conflict('invalid_merge', 'Merge into a live or answered question');
      answers.mergeable(duplicate.id, target.id);
      let moved: AnswerRow[] = [];
      const [after, targetAfter] = write(principal, duplicate, target, 'question_merge', () => {
        const at = nowIso();
        const added = repos.duplicates.merge(duplicate.id, target.id, at);
        moved = answers.followMerge(duplicate.id, target.id, at);
        return {
          into: target.id,
          from: duplicate.status,
          votesAdded: added,
          answersMoved: moved.map((row) => row.id),
        };
      });
      answers.publishMoved(moved);
      return {
        duplicate: questions.publish(after, 'updated', isQuestionPublic(duplicate)),
        target: questions.publish(targetAfter, 'updated', true),
      };
    },

    unmerge(principal: Principal, duplicateId: number): MergeResult {
      const duplicate = questions.get(duplicateId);
      requireModerator(principal, duplicate.event_id);
      if (duplicate.merged_into === null)
        throw conflict('invalid_merge', 'This question is not merged into another');
      const target = repos.questions.findById(duplicate.merged_into);
      if (!target) throw notFound('question_not_found', 'The merged-into question is gone');
      // Its votes went on into the target's target: unmerge that first, newest merge first.
      if (target.merged_into !== null)
        throw conflict(
          'question_merged',
          `Unmerge #${target.id} from #${target.merged_into} first`,
        );
      let moved: AnswerRow[] = [];
      const [after, targetAfter] = write(principal, duplicate, target, 'question_unmerge', () => {
        const removed = repos.duplicates.unmerge(duplicate.id, target.id);
        moved = answers.followUnmerge(duplicate.id, target.id, nowIso());
        return {
          from: target.id,
          to: duplicate.merged_from_status,
          votesRemoved: removed,
          answersMoved: moved.map((row) => row.id),
        };
      });
      answers.publishMoved(moved);
      return {
        duplicate: questions.publish(after, 'updated', false),
        target: questions.publish(targetAfter, 'updated', isQuestionPublic(target)),
      };
    },
  };
}

export type MergeService = ReturnType<typeof createMergeService>;
