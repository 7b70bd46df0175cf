/**
 * The naive wall the fanout scenario is measured against: a minimal socket.io server that
 * broadcasts each approved post to everyone, individually, the moment it is approved.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const http = createServer();
const io = new Server(http, { serveClient: false });

io.on('connection', (socket) => {
  socket.on('post:moderate', (payload: { postId: number }, ack: (reply: unknown) => void) => {
    const post = { id: payload.postId, text: `Post ${payload.postId}`, status: 'approved' };
    io.emit('post:approved', post);
    ack({ data: post });
  });
});

http.listen(port, '127.0.0.1', () => console.log(`naive wall server ready on ${port}`));
process.on('SIGTERM', () => process.exit(0));
