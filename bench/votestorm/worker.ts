/**
 * Load worker for the vote storm: holds a share of the attendee sockets, casts their votes at
 * random moments in the window, and records what each client sees. Runs as a child process so
 * the load does not share an event loop with the measuring process.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  eventCode: string;
  sessionId: number;
  tokens: string[];
  questionIds: number[];
  windowMs: number;
  votesPerClient: number;
}

interface Client {
  socket: Socket;
  view: Map<number, number>;
  messages: number;
  lastChangeAt: number;
}

const send = (message: unknown) => process.send!(message);
let clients: Client[] = [];
const ackMs: number[] = [];
const acked: Array<{ questionId: number; voted: boolean }> = [];
let failures = 0;
let disconnects = 0;
let pendingVotes = 0;

function connectOne(setup: Setup, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = io(setup.url, {
      auth: { eventCode: setup.eventCode, token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    const client: Client = { socket, view: new Map(), messages: 0, lastChangeAt: 0 };
    socket.on('question:votes', (update: { counts: Array<{ id: number; votes: number }> }) => {
      client.messages += 1;
      let changed = false;
      for (const { id, votes } of update.counts) {
        if (client.view.get(id) !== votes) changed = true;
        client.view.set(id, votes);
      }
      if (changed) client.lastChangeAt = Date.now();
    });
    socket.on('disconnect', () => (disconnects += 1));
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.emit(
        'session:watch',
        { sessionId: setup.sessionId },
        (reply: { data?: { questions: Array<{ id: number; votes: number }> } }) => {
          for (const question of reply.data?.questions ?? [])
            client.view.set(question.id, question.votes);
          resolve(client);
        },
      );
    });
  });
}

async function connectAll(setup: Setup): Promise<void> {
  const batch = 100;
  for (let i = 0; i < setup.tokens.length; i += batch) {
    clients.push(
      ...(await Promise.all(
        setup.tokens.slice(i, i + batch).map((token) => connectOne(setup, token)),
      )),
    );
  }
}

function storm(setup: Setup): void {
  pendingVotes = clients.length * setup.votesPerClient;
  let lastSentAt = 0;
  for (const client of clients) {
    const choices = [...setup.questionIds]
      .sort(() => Math.random() - 0.5)
      .slice(0, setup.votesPerClient);
    for (const questionId of choices) {
      setTimeout(() => {
        const started = performance.now();
        lastSentAt = Math.max(lastSentAt, Date.now());
        client.socket.emit(
          'question:vote',
          { questionId },
          (reply: { data?: { voted: boolean }; error?: unknown }) => {
            ackMs.push(performance.now() - started);
            if (reply.data) acked.push({ questionId, voted: reply.data.voted });
            else failures += 1;
            if (--pendingVotes === 0) send({ type: 'voted', lastSentAt });
          },
        );
      }, Math.random() * setup.windowMs);
    }
  }
}

process.on(
  'message',
  async (message: { type: string; setup?: Setup; expected?: Record<string, number> }) => {
    if (message.type === 'setup') {
      try {
        await connectAll(message.setup!);
        send({ type: 'ready', clients: clients.length });
      } catch (error) {
        send({ type: 'error', message: String(error) });
      }
    } else if (message.type === 'go') {
      storm(message.setup!);
    } else if (message.type === 'check') {
      const expected = message.expected!;
      let mismatched = 0;
      let lastChangeAt = 0;
      for (const client of clients) {
        const ok = Object.entries(expected).every(
          ([id, votes]) => (client.view.get(Number(id)) ?? 0) === votes,
        );
        if (!ok) mismatched += 1;
        lastChangeAt = Math.max(lastChangeAt, client.lastChangeAt);
      }
      send({ type: 'checked', mismatched, lastChangeAt });
    } else if (message.type === 'report') {
      send({
        type: 'report',
        ackMs,
        acked,
        failures,
        disconnects,
        pendingVotes,
        messages: clients.map((c) => c.messages),
      });
    } else if (message.type === 'close') {
      for (const client of clients) client.socket.close();
      clients = [];
      process.exit(0);
    }
  },
);
