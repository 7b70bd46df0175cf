import { describe, expect, it } from 'vitest';
import {
  Outbox,
  OUTBOX_MAX,
  type Deliver,
  type Delivered,
  type OutboxItem,
} from '../../client/src/attendee/outbox.ts';
import { AppError } from '../../client/src/lib/errors.ts';
import type { Post } from '../../client/src/lib/types.ts';

function memoryStore() {
  const data = new Map<string, string>();
  return {
    data,
    get: (key: string) => data.get(key) ?? null,
    set: (key: string, value: string) => void data.set(key, value),
    remove: (key: string) => void data.delete(key),
  };
}

const post = (clientId: string, text = `post ${clientId}`): OutboxItem => ({
  kind: 'post',
  clientId,
  text,
  room: null,
});

/**
 * A server that stores each clientId once, as the real one does, and can be unreachable, lose
 * its acknowledgements (store, then time out), or refuse.
 */
function fakeServer() {
  const stored = new Map<string, Post>();
  const server = {
    stored,
    attempts: [] as string[],
    /** What the page was handed, in order. */
    delivered: [] as Delivered[],
    mode: 'up' as 'up' | 'down' | 'lose-ack',
    refuse: new Set<string>(),
    /** How many more sends are answered "too many, wait 50 ms". */
    limited: 0,
    deliver: (async (item) => {
      server.attempts.push(item.clientId);
      if (server.mode === 'down') throw new AppError('network_error', 'Not connected.');
      if (server.limited > 0) {
        server.limited -= 1;
        throw new AppError('rate_limit_exceeded', 'Too many posts.', 0, undefined, 50);
      }
      if (server.refuse.has(item.clientId))
        throw new AppError('author_blocked', 'You cannot post to this event.');
      const existing = stored.get(item.clientId);
      const saved = existing ?? ({ id: stored.size + 1, text: item.text } as unknown as Post);
      stored.set(item.clientId, saved);
      if (server.mode === 'lose-ack') throw new AppError('timeout', 'No answer.');
      const delivered: Delivered = { kind: 'post', post: saved };
      server.delivered.push(delivered);
      return delivered;
    }) as Deliver,
  };
  return server;
}

function setup(store = memoryStore()) {
  return { outbox: new Outbox(store, 'bc:outbox:ABC'), store };
}

describe('the attendee outbox', () => {
  it('keeps posts made offline, marked waiting, and sends them in order once connected', async () => {
    const { outbox } = setup();
    const server = fakeServer();
    expect(await outbox.submit(post('aaaaaaaa1'))).toMatchObject({ kind: 'queued' });
    expect(await outbox.submit(post('aaaaaaaa2'))).toMatchObject({ kind: 'queued' });
    expect(outbox.entries.map((e) => e.state)).toEqual(['waiting', 'waiting']);

    outbox.connect(server.deliver);
    await expect.poll(() => outbox.entries.length).toBe(0);
    expect(server.attempts).toEqual(['aaaaaaaa1', 'aaaaaaaa2']);
    expect(server.delivered.map((d) => d.kind === 'post' && d.post.text)).toEqual([
      'post aaaaaaaa1',
      'post aaaaaaaa2',
    ]);
  });

  it('resends after a lost acknowledgement with the same clientId, so the server stores it once', async () => {
    const { outbox } = setup();
    const server = fakeServer();
    server.mode = 'lose-ack';
    outbox.connect(server.deliver);
    expect(await outbox.submit(post('bbbbbbbb1'))).toMatchObject({ kind: 'queued' });
    expect(outbox.entries[0]!.state).toBe('waiting');

    server.mode = 'up';
    outbox.connect(null);
    outbox.connect(server.deliver);
    await expect.poll(() => outbox.entries.length).toBe(0);
    expect(server.attempts).toEqual(['bbbbbbbb1', 'bbbbbbbb1']);
    expect(server.stored.size).toBe(1);
    expect(server.delivered).toHaveLength(1);
  });

  it('shows a queued post the server refuses as refused, with the reason, and never sends it again by itself', async () => {
    const { outbox } = setup();
    const server = fakeServer();
    server.refuse.add('cccccccc1');
    await outbox.submit(post('cccccccc1'));
    await outbox.submit(post('cccccccc2'));
    outbox.connect(server.deliver);
    await expect.poll(() => outbox.entries.map((e) => e.state)).toEqual(['refused']);
    expect(outbox.entries[0]!.error).toBe('You cannot post to this event.');
    expect(server.stored.has('cccccccc2')).toBe(true);

    outbox.connect(null);
    outbox.connect(server.deliver);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.attempts.filter((id) => id === 'cccccccc1')).toHaveLength(1);
    outbox.discard('cccccccc1');
    expect(outbox.entries).toEqual([]);
  });

  it('waits as long as a rate limit asks, then carries on in order', async () => {
    const { outbox } = setup();
    const server = fakeServer();
    await outbox.submit(post('gggggggg1'));
    await outbox.submit(post('gggggggg2'));
    server.limited = 1;
    outbox.connect(server.deliver);
    await expect.poll(() => outbox.entries.length).toBe(0);
    expect(server.attempts).toEqual(['gggggggg1', 'gggggggg1', 'gggggggg2']);
  });

  it('gives a post refused on its first attempt back to the form instead of keeping it', async () => {
    const { outbox } = setup();
    const server = fakeServer();
    server.refuse.add('dddddddd1');
    outbox.connect(server.deliver);
    const result = await outbox.submit(post('dddddddd1'));
    expect(result).toMatchObject({ kind: 'refused', error: { id: 'author_blocked' } });
    expect(outbox.entries).toEqual([]);
  });

  it('survives a reload, including questions an older client saved without a kind', async () => {
    const store = memoryStore();
    store.set(
      'bc:outbox:ABC',
      JSON.stringify([{ clientId: 'eeeeeeee1', sessionId: 4, text: 'Old?', anonymous: false }]),
    );
    const first = setup(store).outbox;
    await first.submit(post('eeeeeeee2'));
    const { outbox: reloaded } = setup(store);
    expect(reloaded.entries.map((e) => [e.kind, e.clientId, e.state])).toEqual([
      ['question', 'eeeeeeee1', 'waiting'],
      ['post', 'eeeeeeee2', 'waiting'],
    ]);
  });

  it(`holds at most ${OUTBOX_MAX} items and says so`, async () => {
    const { outbox } = setup();
    for (let i = 0; i < OUTBOX_MAX; i++) await outbox.submit(post(`ffffffff${i}`));
    const result = await outbox.submit(post('ffffffffX'));
    expect(result).toMatchObject({ kind: 'refused', error: { id: 'outbox_full' } });
    expect(outbox.entries).toHaveLength(OUTBOX_MAX);
  });
});
