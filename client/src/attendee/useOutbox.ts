import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { AppError } from '../lib/errors.ts';
import { send, type BcSocket } from '../lib/socket.ts';
import { local } from '../lib/storage.ts';
import { useLatest } from '../lib/useLatest.ts';
import { Outbox, type Delivered, type OutboxItem } from './outbox.ts';

async function deliverOver(socket: BcSocket, item: OutboxItem): Promise<Delivered> {
  // socket.io would buffer a command sent while disconnected and time it out after 10 s; the
  // outbox keeps it instead and sends it on the next connect.
  if (!socket.connected) throw new AppError('network_error', 'Not connected.');
  if (item.kind === 'post') {
    const post = await send(socket, 'post:create', {
      text: item.text,
      clientId: item.clientId,
      ...(item.room ? { room: item.room } : {}),
    });
    return { kind: 'post', post };
  }
  const question = await send(socket, 'question:create', {
    sessionId: item.sessionId,
    text: item.text,
    clientId: item.clientId,
    ...(item.anonymous ? { anonymous: true } : {}),
  });
  return { kind: 'question', question };
}

/**
 * The attendee's outbox for one event (posts and questions), kept in localStorage under the
 * key older clients used for questions alone, so a question queued before an update still goes.
 */
export function useOutbox(
  socket: BcSocket | null,
  code: string,
  onDelivered: (delivered: Delivered) => void,
) {
  const onDeliveredRef = useLatest(onDelivered);
  const outbox = useMemo(() => new Outbox(local, `bc:outbox:${code}`), [code]);
  useEffect(() => () => outbox.dispose(), [outbox]);

  useEffect(() => {
    if (!socket) return undefined;
    const up = () =>
      outbox.connect(async (item) => {
        const delivered = await deliverOver(socket, item);
        onDeliveredRef.current(delivered);
        return delivered;
      });
    const down = () => outbox.connect(null);
    if (socket.connected) up();
    socket.on('connect', up);
    socket.on('disconnect', down);
    return () => {
      socket.off('connect', up);
      socket.off('disconnect', down);
      outbox.connect(null);
    };
  }, [socket, outbox, onDeliveredRef]);

  const entries = useSyncExternalStore(
    (listener) => outbox.subscribe(listener),
    () => outbox.entries,
  );

  return {
    entries,
    submit: (item: OutboxItem) => outbox.submit(item),
    retry: (clientId: string) => outbox.retry(clientId),
    discard: (clientId: string) => outbox.discard(clientId),
  };
}

export type AttendeeOutbox = ReturnType<typeof useOutbox>;
