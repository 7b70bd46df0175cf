/**
 * The floor the join and ingest scenarios are measured against: a bare Fastify + socket.io
 * server doing the least the same requests need — a static page, a join that hands out a
 * random token, a socket that sends a tiny snapshot, and a post that is inserted into SQLite with
 * the same durability settings — with none of Backchannel's validation, auth, moderation or
 * broadcasting.
 */
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Server } from 'socket.io';

const app = Fastify();
const db = new Database(join(process.env.DATA_DIR!, 'baseline.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE posts (id INTEGER PRIMARY KEY, source_id TEXT UNIQUE, text TEXT)');
const insert = db.prepare('INSERT INTO posts (source_id, text) VALUES (?, ?)');
const count = db.prepare('SELECT count(*) FROM posts').pluck();

app.get('/e/:code', async (_request, reply) =>
  reply.type('text/html').send('<!doctype html><div id="root"></div>'),
);
// The join challenge is the cheapest one altcha-lib makes, and the join does not check it.
app.get('/api/events/by-code/:code/join-challenge', async () =>
  createChallenge({ algorithm: 'PBKDF2/SHA-256', cost: 1, counter: 0, deriveKey }),
);
app.post('/api/events/by-code/:code/attendees', async (_request, reply) =>
  reply.code(201).send({ token: randomBytes(16).toString('hex') }),
);
app.post('/api/events/:eventId/posts', async (request, reply) => {
  const body = request.body as { text: string; sourceId: string };
  const { lastInsertRowid } = insert.run(body.sourceId, body.text);
  return reply.code(201).send({ id: Number(lastInsertRowid) });
});
app.get('/count', async () => ({ count: count.get() }));

const io = new Server(app.server, { serveClient: false });
io.on('connection', (socket) => socket.emit('event:snapshot', { posts: [], sessions: [] }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('minimal server ready');
process.on('SIGTERM', () => process.exit(0));
