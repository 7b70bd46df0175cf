import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS } from '../../shared/limits.ts';
import { COMMAND_NAMES, HandshakeAuth } from '../../shared/socket-events.ts';
import type { Principal } from '../auth/principal.ts';
import type { Domain } from '../context.ts';
import { forbidden, notFound } from '../lib/errors.ts';
import { command, type CommandHandlers, type CommandLogger } from './commands.ts';
import { createListGuard, limitMessageRate } from './list-guard.ts';
import {
  attendeeRoom,
  eventRoom,
  isSessionRoom,
  moderatorRoom,
  sessionRoom,
  sessionStaffRoom,
} from './rooms.ts';
import { buildSnapshot } from './snapshot.ts';
import type { IoServer, IoSocket } from './types.ts';

/** How long a dropped client's missed broadcasts are kept for replay on reconnect. */
const RECOVERY_MS = 2 * 60 * 1000;

export function createSocketServer(
  httpServer: HttpServer,
  domain: Domain,
  logger: CommandLogger,
): IoServer {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketMessageBytes,
    // A reconnect within the window gets the missed broadcasts replayed and keeps its rooms;
    // after it, the client gets a fresh snapshot (see the connection handler). A recovered
    // reconnect still passes the handshake check, so a rotated key cannot come back that way.
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: false },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) {
      // A token of the wrong shape is a wrong credential; anything else is a malformed handshake.
      const issue = auth.error.issues[0];
      if (issue?.path[0] === 'token')
        return next(
          Object.assign(new Error('unauthorized'), {
            data: { message: 'The credential is not valid' },
          }),
        );
      return next(
        Object.assign(new Error('validation_failed'), {
          data: {
            message: `auth.${issue?.path.join('.') || 'eventCode'}: ${issue?.message ?? 'required'}`,
          },
        }),
      );
    }
    const event = domain.repos.events.findByCode(auth.data.eventCode);
    if (!event)
      return next(
        Object.assign(new Error('event_not_found'), { data: { message: 'No such event' } }),
      );
    const principal = domain.resolvePrincipal(auth.data.token);
    if (!principal)
      return next(
        Object.assign(new Error('unauthorized'), {
          data: { message: 'The credential is not valid' },
        }),
      );
    if (
      principal.kind !== 'anonymous' &&
      (principal.kind === 'admin' || principal.eventId !== event.id)
    ) {
      return next(
        Object.assign(new Error('forbidden'), {
          data: { message: 'This credential is for another event' },
        }),
      );
    }
    // One key is shared by a moderation team: the name at the console tells them apart in the log.
    const named =
      principal.kind === 'moderator' && auth.data.name
        ? { ...principal, name: auth.data.name }
        : principal;
    socket.data = { principal: named, eventId: event.id };
    next();
  });

  io.on('connection', (socket) => {
    if (!socket.recovered) {
      joinRooms(socket);
      const event = domain.repos.events.findById(socket.data.eventId);
      if (event) socket.emit('event:snapshot', buildSnapshot(domain, current(socket), event));
    }
    limitMessageRate(socket);
    registerCommands(socket, domain, logger);
  });

  domain.broadcast.attach(io);
  return io;
}

/** The socket's principal with a fresh attendee row, so a block takes effect on open sockets. */
function current(socket: IoSocket, domain?: Domain): Principal {
  const principal = socket.data.principal;
  if (principal.kind !== 'attendee' || !domain) return principal;
  const attendee = domain.repos.attendees.findById(principal.attendee.id);
  return attendee ? { ...principal, attendee } : principal;
}

function joinRooms(socket: IoSocket): void {
  const { principal, eventId } = socket.data;
  if (principal.kind === 'moderator') {
    void socket.join(moderatorRoom(eventId));
    return;
  }
  void socket.join(eventRoom(eventId));
  if (principal.kind === 'attendee') void socket.join(attendeeRoom(principal.attendee.id));
}

function registerCommands(socket: IoSocket, domain: Domain, logger: CommandLogger): void {
  const who = () => current(socket, domain);
  const eventId = socket.data.eventId;
  const lists = createListGuard(socket);
  // Whether this socket's principal sees a session's staff list (every status) or the public one.
  const scopeOf = (principal: Principal, sessionId: number): 'staff' | 'public' =>
    principal.kind === 'moderator' ||
    (principal.kind === 'speaker' &&
      (principal.sessionId === null || principal.sessionId === sessionId))
      ? 'staff'
      : 'public';

  const handlers: CommandHandlers = {
    'post:create': (body) => domain.posts.create(who(), eventId, body).post,
    'post:moderate': ({ postId, action, from }) =>
      domain.posts.moderate(who(), postId, action, from),
    'post:moderateMany': ({ postIds, action, from }) =>
      domain.moderation.moderateMany(who(), eventId, postIds, action, from),
    'author:setRule': (body) => domain.moderation.setAuthorRule(who(), eventId, body),
    'question:create': ({ sessionId, ...body }) => {
      ensureSessionOfEvent(domain, sessionId, eventId);
      return domain.questions.create(who(), sessionId, body).question;
    },
    'question:vote': ({ questionId }) => domain.questions.vote(who(), questionId, true),
    'question:unvote': ({ questionId }) => domain.questions.vote(who(), questionId, false),
    'question:moderate': ({ questionId, action }) =>
      domain.questions.moderate(who(), questionId, action),
    'question:edit': ({ questionId, text }) => domain.questions.edit(who(), questionId, text),
    'question:withdraw': ({ questionId }) => domain.questions.withdraw(who(), questionId),
    'question:merge': ({ questionId, targetId }) =>
      domain.merges.merge(who(), questionId, targetId),
    'question:unmerge': ({ questionId }) => domain.merges.unmerge(who(), questionId),
    'question:similar': ({ sessionId, text }) => {
      lists.admit();
      ensureSessionOfEvent(domain, sessionId, eventId);
      return domain.similar.find(who(), sessionId, text);
    },
    'screen:set': ({ name, mode }) => domain.screens.set(who(), eventId, name, mode),
    'session:watch': ({ sessionId, sort }) => {
      lists.admit();
      ensureSessionOfEvent(domain, sessionId, eventId);
      const principal = who();
      const scope = scopeOf(principal, sessionId);
      const list = domain.questions.list(principal, sessionId, scope, { sort });
      // One watched session per socket: switching sessions leaves the previous one.
      for (const room of socket.rooms) if (isSessionRoom(room)) void socket.leave(room);
      if (principal.kind !== 'moderator')
        void socket.join(scope === 'staff' ? sessionStaffRoom(sessionId) : sessionRoom(sessionId));
      return list;
    },
    'session:page': ({ sessionId, cursor, sort }) => {
      lists.admit();
      ensureSessionOfEvent(domain, sessionId, eventId);
      const principal = who();
      return domain.questions.list(principal, sessionId, scopeOf(principal, sessionId), {
        sort,
        cursor,
      });
    },
  };
  for (const name of COMMAND_NAMES) command(socket, name, handlers[name], logger);
}

function ensureSessionOfEvent(domain: Domain, sessionId: number, eventId: number): void {
  const session = domain.repos.sessions.findById(sessionId);
  if (!session) throw notFound('session_not_found', `No session with id ${sessionId}`);
  if (session.event_id !== eventId) throw forbidden('That session belongs to another event');
}
