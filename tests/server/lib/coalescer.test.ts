import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from '../../../server/lib/coalescer.ts';

type Batch = Array<[string, number[]]>;

/** A coalescer of numbers per key that records every batch it sends, as plain arrays. */
function recording(intervalMs: number, sendMs = 0) {
  const sent: Batch[] = [];
  let inFlight = 0;
  let overlapped = false;
  const coalescer = createCoalescer<string, number[]>({
    intervalMs,
    async send(batch) {
      inFlight += 1;
      if (inFlight > 1) overlapped = true;
      sent.push([...batch.entries()].map(([key, values]) => [key, [...values]]));
      if (sendMs > 0) await new Promise((resolve) => setTimeout(resolve, sendMs));
      inFlight -= 1;
    },
  });
  const add = (key: string, value: number) =>
    coalescer.add(key, (values = []) => [...values, value]);
  return { coalescer, add, sent, overlapped: () => overlapped };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the coalescer', () => {
  it('sends a lone change on the next tick, not an interval later', async () => {
    const { coalescer, add, sent } = recording(1000);
    add('a', 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([[['a', [1]]]]);
    coalescer.close();
  });

  it('gathers the changes of one interval into one batch, keys in the order first changed', async () => {
    const { coalescer, add, sent } = recording(1000);
    add('a', 1);
    await vi.advanceTimersByTimeAsync(0);
    add('b', 2);
    add('a', 3);
    add('b', 4);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      [['a', [1]]],
      [
        ['b', [2, 4]],
        ['a', [3]],
      ],
    ]);
    coalescer.close();
  });

  it('starts no batch while the previous one is still being sent', async () => {
    const { coalescer, add, sent, overlapped } = recording(100, 500);
    add('a', 1);
    await vi.advanceTimersByTimeAsync(0);
    add('a', 2);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([[['a', [1]]], [['a', [2]]]]);
    expect(overlapped()).toBe(false);
    coalescer.close();
  });

  it('sends what is pending at once when flushed, and nothing twice', async () => {
    const { coalescer, add, sent } = recording(1000);
    add('a', 1);
    await coalescer.flush();
    expect(sent).toEqual([[['a', [1]]]]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
    coalescer.close();
  });

  it('drops what is pending when closed and takes nothing after', async () => {
    const { coalescer, add, sent } = recording(1000);
    add('a', 1);
    coalescer.close();
    add('b', 2);
    await vi.advanceTimersByTimeAsync(5000);
    await coalescer.flush();
    expect(sent).toEqual([]);
  });
});
