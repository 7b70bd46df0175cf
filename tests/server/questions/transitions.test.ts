import { describe, expect, it } from 'vitest';
import type { QuestionRow } from '../../../server/questions/repository.ts';
import { nextState } from '../../../server/questions/transitions.ts';

function buildQuestionRow(overrides: Partial<QuestionRow> = {}): QuestionRow {
  return {
    id: 1,
    event_id: 1,
    session_id: 1,
    attendee_id: 1,
    post_id: null,
    client_id: null,
    text: 'Why?',
    author_name: null,
    anonymous: 0,
    status: 'approved',
    votes: 0,
    spotlighted: 0,
    created_at: '2026-01-01T00:00:00.000Z',
    answered_at: null,
    flags: '[]',
    merged_into: null,
    merged_from_status: null,
    merged_at: null,
    ...overrides,
  };
}

describe('question life cycle', () => {
  it('approves a pending question and answers an approved one with a time', () => {
    expect(nextState(buildQuestionRow({ status: 'pending' }), 'approve')).toEqual({
      status: 'approved',
      answeredAt: null,
    });
    const answered = nextState(buildQuestionRow(), 'answer');
    expect(answered).toMatchObject({ status: 'answered' });
    expect(typeof (answered as { answeredAt: string }).answeredAt).toBe('string');
  });

  it('treats repeating an action that took effect as unchanged, not as an error', () => {
    expect(nextState(buildQuestionRow({ status: 'answered' }), 'answer')).toBe('unchanged');
    expect(nextState(buildQuestionRow({ spotlighted: 1 }), 'spotlight')).toBe('unchanged');
    expect(nextState(buildQuestionRow(), 'restore')).toBe('unchanged');
  });

  it('restores answered and dismissed questions to live', () => {
    expect(nextState(buildQuestionRow({ status: 'answered' }), 'restore')).toEqual({
      status: 'approved',
      answeredAt: null,
    });
    expect(nextState(buildQuestionRow({ status: 'dismissed' }), 'restore')).toEqual({
      status: 'approved',
      answeredAt: null,
    });
  });

  it('refuses to answer a dismissed question or spotlight a pending one', () => {
    expect(() => nextState(buildQuestionRow({ status: 'dismissed' }), 'answer')).toThrow(
      /cannot be answered/,
    );
    expect(() => nextState(buildQuestionRow({ status: 'pending' }), 'spotlight')).toThrow(
      /spotlighted/,
    );
  });

  it('takes a dismissed question off the spotlight', () => {
    expect(nextState(buildQuestionRow({ spotlighted: 1 }), 'dismiss')).toEqual({
      status: 'dismissed',
      answeredAt: null,
      spotlighted: false,
    });
  });
});

describe('a merged question', () => {
  it('takes no moderation action until it is unmerged', () => {
    const merged = buildQuestionRow({ status: 'dismissed', merged_into: 7 });
    for (const action of ['approve', 'restore', 'dismiss', 'spotlight'] as const)
      expect(() => nextState(merged, action)).toThrow(
        expect.objectContaining({ id: 'question_merged', statusCode: 409 }),
      );
  });
});
