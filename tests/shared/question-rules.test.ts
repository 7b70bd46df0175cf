import { describe, expect, it } from 'vitest';
import {
  compareByVotes,
  QUESTION_ACTIONS,
  QUESTION_STATUSES,
  questionTransition,
  speakerMayModerate,
} from '../../shared/question-rules.ts';
import { postTransition, POST_ACTIONS, POST_STATUSES } from '../../shared/post-rules.ts';
import { QuestionAction, QuestionStatus } from '../../shared/schemas/questions.ts';
import { PostAction, PostStatus } from '../../shared/schemas/posts.ts';

describe('question rules', () => {
  it('gives the schemas their enums, so a status the rules know is one the server accepts', () => {
    expect(QuestionStatus.options).toEqual([...QUESTION_STATUSES]);
    expect(QuestionAction.options).toEqual([...QUESTION_ACTIONS]);
    expect(PostStatus.options).toEqual([...POST_STATUSES]);
    expect(PostAction.options).toEqual([...POST_ACTIONS]);
  });

  it('answers a live question, refuses to answer a dismissed one and repeats as unchanged', () => {
    expect(questionTransition({ status: 'approved', spotlighted: false }, 'answer')).toEqual({
      change: { status: 'answered' },
    });
    expect(questionTransition({ status: 'dismissed', spotlighted: false }, 'answer')).toEqual({
      refused: 'A question that is dismissed cannot be answered',
    });
    expect(questionTransition({ status: 'answered', spotlighted: false }, 'answer')).toBe(
      'unchanged',
    );
  });

  it('takes a dismissed question off the screen and spotlights only live or answered ones', () => {
    expect(questionTransition({ status: 'approved', spotlighted: true }, 'dismiss')).toEqual({
      change: { status: 'dismissed', spotlighted: false },
    });
    expect(questionTransition({ status: 'pending', spotlighted: false }, 'spotlight')).toEqual({
      refused: 'Only a live or answered question can be spotlighted',
    });
    expect(questionTransition({ status: 'answered', spotlighted: false }, 'spotlight')).toEqual({
      change: { spotlighted: true },
    });
  });

  it('lets a speaker restore an answered question but not a dismissed one, nor approve', () => {
    expect(speakerMayModerate('restore', 'answered')).toBe(true);
    expect(speakerMayModerate('restore', 'dismissed')).toBe(false);
    expect(speakerMayModerate('approve', 'pending')).toBe(false);
  });

  it('ranks by votes, the question asked first winning a tie', () => {
    const ranked = [
      { id: 3, votes: 1 },
      { id: 2, votes: 5 },
      { id: 1, votes: 1 },
    ].sort(compareByVotes);
    expect(ranked.map((q) => q.id)).toEqual([2, 1, 3]);
  });
});

describe('post rules', () => {
  it('unpins a post taken down, pins only an approved one and repeats as unchanged', () => {
    expect(postTransition({ status: 'approved', pinned: true }, 'hide')).toEqual({
      change: { status: 'hidden', pinned: false },
    });
    expect(postTransition({ status: 'pending', pinned: false }, 'pin')).toEqual({
      refused: 'Only an approved post can be pinned',
    });
    expect(postTransition({ status: 'rejected', pinned: false }, 'reject')).toBe('unchanged');
  });
});
