/**
 * The naive design the vote storm is measured against: a minimal socket.io server that keeps
 * counts in memory and re-broadcasts every single vote to every client (what the peer app
 * does). It speaks the same event names as Backchannel so the same load worker drives both.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const questionIds = (process.env.QUESTION_IDS ?? '').split(',').map(Number);
const counts = new Map(questionIds.map((id) => [id, 0]));

const http = createServer((request, response) => {
  if (request.url === '/counts') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(Object.fromEntries(counts)));
    return;
  }
  response.statusCode = 404;
  response.end();
});
const io = new Server(http, { serveClient: false });

io.on('connection', (socket) => {
  socket.on('session:watch', (_payload: unknown, ack: (reply: unknown) => void) => {
    ack({ data: { questions: [...counts].map(([id, votes]) => ({ id, votes })), myVotes: [] } });
  });
  socket.on('question:vote', (payload: { questionId: number }, ack: (reply: unknown) => void) => {
    const votes = (counts.get(payload.questionId) ?? 0) + 1;
    counts.set(payload.questionId, votes);
    io.emit('question:votes', { sessionId: 1, counts: [{ id: payload.questionId, votes }] });
    ack({ data: { questionId: payload.questionId, voted: true, votes } });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`naive vote server ready on ${port}`));
process.on('SIGTERM', () => process.exit(0));
