/**
 * Every privileged REST route and socket command, crossed with every kind of credential. Only
 * the right credential passes; every other one is refused (401 when it is no valid credential,
 * 403 when it is valid but does not reach) and the refusal leaves every table as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOTE_FLUSH_MS, WAITING_FLUSH_MS } from '../../shared/limits.ts';
import { COMMAND_NAMES } from '../../shared/socket-events.ts';
import {
  build,
  connectClient,
  listen,
  request,
  sleep,
  socketClients,
  type ClientSocket,
  type TestApp,
} from '../helper.ts';
import { credential, credentialsFor, type Credential, type Target } from './credentials.ts';
import {
  HTTP_ROUTES,
  SOCKET_COMMANDS,
  type CommandName,
  type HttpRoute,
  type SocketCommand,
} from './matrix/index.ts';
import { buildWorld, dumpTables, type World } from './support.ts';

let t: TestApp;
let url: string;
let w: World;
const clients = socketClients(() => ({ url, code: w.a.code }));

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  w = buildWorld(t.app);
});
afterAll(() => t.close());

function callHttp(
  route: HttpRoute,
  target: { url: string; body?: object } & Target,
  cred: Credential,
) {
  const token = cred.token(w, target);
  const headers: Record<string, string> = {};
  if (token !== undefined)
    headers.authorization = cred.header ? cred.header(token) : `Bearer ${token}`;
  return t.app.inject({
    method: route.method,
    url: target.url,
    headers,
    ...(target.body ? { payload: target.body } : {}),
  });
}

describe('the REST authorization matrix', () => {
  it('covers every route whose OpenAPI entry asks for a bearer credential', () => {
    const doc = t.app.swagger() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const secured = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op.security ?? []).length > 0)
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const covered = new Set(HTTP_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect(secured.filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const route of HTTP_ROUTES) {
    describe(`${route.method} ${route.path}${route.what ? ` ${route.what}` : ''}`, () => {
      let target: ReturnType<HttpRoute['setup']>;
      beforeAll(() => {
        target = route.setup(t.app, w);
      });

      for (const cred of credentialsFor(route.hasAuthor ?? false).filter(
        (c) => !route.allowed.includes(c.key),
      )) {
        it(`refuses ${cred.name} with ${cred.refusal} and changes nothing`, async () => {
          const before = dumpTables(t.app);
          const res = await callHttp(route, target, cred);
          expect(res.statusCode).toBe(cred.refusal);
          expect(res.json().error.id).toBe(cred.refusal === 401 ? 'unauthorized' : 'forbidden');
          expect(dumpTables(t.app)).toEqual(before);
        });
      }

      for (const key of route.allowed) {
        it(`lets ${credential(key).name} through`, async () => {
          const fresh = route.setup(t.app, w);
          const before = dumpTables(t.app);
          const res = await callHttp(route, fresh, credential(key));
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, res.body).toBeLessThan(300);
          if (route.method === 'GET') expect(dumpTables(t.app)).toEqual(before);
          else expect(dumpTables(t.app)).not.toEqual(before);
        });
      }
    });
  }
});

type Attempt = { refusedAtConnect: string } | { ack: { data?: unknown; error?: { id: string } } };

/** Connects with the credential and sends the command: refused at the handshake, or acknowledged. */
async function attempt(
  eventCode: string,
  token: string | undefined,
  name: CommandName,
  payload: object,
): Promise<Attempt> {
  let socket: ClientSocket;
  try {
    socket = (await clients.connect({ eventCode, token })).socket;
  } catch (error) {
    return { refusedAtConnect: (error as Error).message };
  }
  return {
    ack: (await request(socket, name, payload as never)) as {
      data?: unknown;
      error?: { id: string };
    },
  };
}

describe('the socket authorization matrix', () => {
  it('covers every command but session:watch, session:page and question:similar, which are open to every role', () => {
    const covered = new Set(SOCKET_COMMANDS.map((c) => c.name));
    const open: string[] = ['session:watch', 'session:page', 'question:similar'];
    expect(COMMAND_NAMES.filter((name) => !open.includes(name) && !covered.has(name))).toEqual([]);
  });

  for (const command of SOCKET_COMMANDS) {
    describe(`${command.name}${command.what ? ` ${command.what}` : ''}`, () => {
      let target: ReturnType<SocketCommand['setup']>;
      let observer: ClientSocket;
      const seen: string[] = [];
      beforeAll(async () => {
        target = command.setup(t.app, w);
        observer = (await connectClient(url, { eventCode: w.a.code, token: w.a.moderatorKey }))
          .socket;
        // Periodic broadcasts (live counters, source health) are nobody's doing.
        observer.onAny((name: string) => {
          if (name !== 'stats:updated' && name !== 'source:status') seen.push(name);
        });
        // The setup's own broadcasts (and the vote and waiting counts it scheduled) are not the
        // refusals' doing.
        await sleep(Math.max(VOTE_FLUSH_MS, WAITING_FLUSH_MS) + 150);
        seen.length = 0;
      });
      afterAll(() => {
        observer.close();
      });

      for (const cred of credentialsFor(command.hasAuthor ?? false).filter(
        (c) => !c.httpOnly && !command.allowed.includes(c.key),
      )) {
        const id = cred.refusal === 401 ? 'unauthorized' : 'forbidden';
        it(`refuses ${cred.name} (${id}) and changes nothing`, async () => {
          const before = dumpTables(t.app);
          const token = cred.token(w, target);
          const outcome = await attempt(w.a.code, token, command.name, target.payload);
          if ('refusedAtConnect' in outcome) {
            // The handshake validates the token's length before looking it up.
            expect(
              cred.key === 'oversized' ? ['unauthorized', 'validation_failed'] : [id],
            ).toContain(outcome.refusedAtConnect);
          } else {
            expect(outcome.ack.data).toBeUndefined();
            expect(outcome.ack.error?.id).toBe(id);
          }
          // Another event's credential, or the admin token, never even joins event A.
          if (cred.home || cred.key === 'admin')
            expect(outcome).toEqual({ refusedAtConnect: 'forbidden' });
          if (cred.home && command.namesA) {
            // Connected to its own event, it still cannot reach A's items by id.
            const fromHome = await attempt(cred.home(w), token, command.name, target.payload);
            expect(fromHome).toMatchObject({ ack: { error: { id: 'forbidden' } } });
          }
          expect(dumpTables(t.app)).toEqual(before);
        });
      }

      it('tells a watching moderator nothing about the refused attempts', async () => {
        // Long enough for any count a refusal wrongly scheduled to arrive.
        await sleep(Math.max(VOTE_FLUSH_MS, WAITING_FLUSH_MS) + 150);
        expect(seen).toEqual([]);
      });

      for (const key of command.allowed) {
        it(`lets ${credential(key).name} through`, async () => {
          const fresh = command.setup(t.app, w);
          const before = dumpTables(t.app);
          const outcome = await attempt(
            w.a.code,
            credential(key).token(w, fresh),
            command.name,
            fresh.payload,
          );
          expect(outcome).toMatchObject({ ack: { data: expect.anything() } });
          expect(dumpTables(t.app)).not.toEqual(before);
          // The observer does hear real changes, so its silence above means something.
          await expect.poll(() => seen.length, { timeout: 1000 }).toBeGreaterThan(0);
          seen.length = 0;
        });
      }
    });
  }
});
