import { describe, expect, it, vi } from 'vitest';
import type { Broadcaster } from '../../../server/realtime/broadcaster.ts';
import type { QuestionsRepository } from '../../../server/questions/repository.ts';
import { createVoteCoalescer } from '../../../server/questions/vote-coalescer.ts';

function fakeRepo(rows: Record<number, { votes: number; status: string }>) {
  return {
    findById: (id: number) => (rows[id] ? { id, ...rows[id] } : null),
  } as unknown as QuestionsRepository;
}

describe('vote coalescer', () => {
  it('sends one message with the current counts for many votes in one interval', async () => {
    vi.useFakeTimers();
    const rows = { 1: { votes: 0, status: 'approved' }, 2: { votes: 0, status: 'pending' } };
    const votes = vi.fn();
    const coalescer = createVoteCoalescer(fakeRepo(rows), { votes } as unknown as Broadcaster, 250);
    for (let i = 0; i < 100; i++) {
      rows[1].votes += 1;
      coalescer.mark(7, 3, 1);
    }
    rows[2].votes = 5;
    coalescer.mark(7, 3, 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(votes).toHaveBeenCalledTimes(1);
    // The public gets only the live question's count; staff get both.
    expect(votes).toHaveBeenCalledWith(
      7,
      3,
      [{ id: 1, votes: 100 }],
      [
        { id: 1, votes: 100 },
        { id: 2, votes: 5 },
      ],
    );

    rows[1].votes = 101;
    coalescer.mark(7, 3, 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(votes).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(votes).toHaveBeenCalledTimes(2);
    expect(votes).toHaveBeenLastCalledWith(7, 3, [{ id: 1, votes: 101 }], [{ id: 1, votes: 101 }]);
    coalescer.close();
    vi.useRealTimers();
  });
});
