import { describe, expect, it } from 'vitest';
import {
  expectedOutcome,
  groupQuestions,
  questionOrder,
  questionUndoSteps,
  refusalHint,
  type QuestionState,
} from '../../client/src/moderator/questions/question-model.ts';
import type { Question } from '../../shared/schemas/questions.ts';

const question = (id: number, overrides: Partial<Question> = {}): Question => ({
  id,
  eventId: 1,
  sessionId: 1,
  text: `question ${id}`,
  authorName: 'A',
  anonymous: false,
  status: 'pending',
  votes: 0,
  spotlighted: false,
  postId: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  answeredAt: null,
  flags: [],
  mergedInto: null,
  ...overrides,
});

const state = (status: QuestionState['status'], spotlighted = false): QuestionState => ({
  status,
  spotlighted,
});

describe('the questions panel order', () => {
  it('lists waiting questions oldest first, then live ones by votes, then answered and dismissed newest first', () => {
    const questions = [
      question(1, { status: 'answered' }),
      question(2, { status: 'approved', votes: 1 }),
      question(3),
      question(4, { status: 'dismissed' }),
      question(5, { status: 'approved', votes: 9 }),
      question(6, { status: 'answered' }),
      question(7),
      question(8, { status: 'dismissed' }),
    ];
    expect(questionOrder(groupQuestions(questions)).map((q) => q.id)).toEqual([
      3, 7, 5, 2, 6, 1, 8, 4,
    ]);
  });

  it('breaks a tie in votes by who asked first', () => {
    const live = groupQuestions([
      question(9, { status: 'approved', votes: 2 }),
      question(4, { status: 'approved', votes: 2 }),
    ]).live;
    expect(live.map((q) => q.id)).toEqual([4, 9]);
  });
});

describe('what a question action is expected to do', () => {
  it('follows the server’s transitions', () => {
    expect(expectedOutcome(state('pending'), 'approve')).toBe('changes');
    expect(expectedOutcome(state('approved'), 'approve')).toBe('unchanged');
    expect(expectedOutcome(state('answered'), 'approve')).toBe('refused');
    expect(expectedOutcome(state('pending'), 'restore')).toBe('refused');
    expect(expectedOutcome(state('dismissed'), 'answer')).toBe('refused');
    expect(expectedOutcome(state('answered'), 'dismiss')).toBe('changes');
  });

  it('spotlights only a live or answered question, and taking one off never fails', () => {
    expect(expectedOutcome(state('approved'), 'spotlight')).toBe('changes');
    expect(expectedOutcome(state('answered', true), 'spotlight')).toBe('unchanged');
    expect(expectedOutcome(state('pending'), 'spotlight')).toBe('refused');
    expect(expectedOutcome(state('dismissed'), 'unspotlight')).toBe('unchanged');
  });

  it('names the key that would work when the server refuses', () => {
    expect(refusalHint('restore', 'pending')).toBe('a approves it');
    expect(refusalHint('approve', 'answered')).toBe('r puts it back live');
    expect(refusalHint('dismiss', 'dismissed')).toBeNull();
  });
});

describe('undoing a question action', () => {
  it('reverses what has a way back', () => {
    expect(questionUndoSteps(state('approved'), state('dismissed'))).toEqual(['restore']);
    expect(questionUndoSteps(state('approved'), state('answered'))).toEqual(['restore']);
    expect(questionUndoSteps(state('dismissed'), state('approved'))).toEqual(['dismiss']);
    expect(questionUndoSteps(state('answered'), state('approved'))).toEqual(['answer']);
    expect(questionUndoSteps(state('approved'), state('approved', true))).toEqual(['unspotlight']);
  });

  it('restores a status before spotlighting again, since only a live question can be on screen', () => {
    expect(questionUndoSteps(state('answered', true), state('dismissed'))).toEqual([
      'restore',
      'answer',
      'spotlight',
    ]);
    expect(questionUndoSteps(state('approved', true), state('dismissed'))).toEqual([
      'restore',
      'spotlight',
    ]);
  });

  it('says why a decided question cannot go back to awaiting moderation', () => {
    const steps = questionUndoSteps(state('pending'), state('approved'));
    expect(steps).toEqual({
      impossible: 'a decided question cannot go back to awaiting moderation, so it stays live',
    });
  });
});
