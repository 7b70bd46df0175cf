/**
 * The attacker of watch-flood.test.ts, in its own process so that its own work does not count
 * against the server's event loop: one anonymous socket emitting session:watch as fast as it can.
 * Prints one JSON line: how many answers of each kind it got before it was done or dropped.
 */
import { io } from 'socket.io-client';

const [url, eventCode, sessionId, count] = process.argv.slice(2);
const total = Number(count);
const socket = io(url!, {
  auth: { eventCode },
  transports: ['websocket'],
  reconnection: false,
  forceNew: true,
});
const answers: Record<string, number> = {};
let largest = 0;
let received = 0;
const done = (how: string) => {
  process.stdout.write(JSON.stringify({ how, answers, largest }) + '\n');
  socket.close();
  process.exit(0);
};
socket.once('event:snapshot', () => {
  process.stdout.write('ready\n');
  process.stdin.once('data', () => {
    socket.once('disconnect', () => done('disconnected'));
    const emit = socket.emit.bind(socket) as (...args: unknown[]) => void;
    for (let i = 0; i < total; i++)
      emit(
        'session:watch',
        { sessionId: Number(sessionId) },
        (reply: { data?: { questions: unknown[] }; error?: { id: string } }) => {
          const kind = reply.error?.id ?? 'data';
          answers[kind] = (answers[kind] ?? 0) + 1;
          if (reply.data) largest = Math.max(largest, reply.data.questions.length);
          if (++received === total) done('answered');
        },
      );
  });
});
socket.once('connect_error', (error) => {
  process.stdout.write(JSON.stringify({ how: 'refused', error: error.message }) + '\n');
  process.exit(1);
});
