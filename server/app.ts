import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LIMITS } from '../shared/limits.ts';
import attendeeRoutes from './attendees/routes.ts';
import type { Config } from './config.ts';
import { createDomain, type Domain } from './context.ts';
import { openDatabase, type Db } from './db/database.ts';
import eventRoutes from './events/routes.ts';
import logoRoutes from './events/logo-routes.ts';
import exportRoutes from './exports/routes.ts';
import auth from './http/auth.ts';
import { frameworkErrors, registerErrorHandling } from './http/errors.ts';
import { registerClient } from './http/static.ts';
import moderationRoutes from './moderation/routes.ts';
import postRoutes from './posts/routes.ts';
import questionRoutes from './questions/routes.ts';
import heldVoteRoutes from './questions/held-votes-routes.ts';
import duplicateRoutes from './questions/duplicates-routes.ts';
import waitingRoutes from './questions/waiting-routes.ts';
import answerRoutes from './answers/routes.ts';
import archiveRoutes from './archive/routes.ts';
import archivePages from './archive/pages-routes.ts';
import { topicRoutes } from './archive/topics-routes.ts';
import peopleRoutes from './archive/people-routes.ts';
import type { IoServer } from './realtime/types.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import { startStatsTicker } from './realtime/stats.ts';
import sessionRoutes from './sessions/routes.ts';
import { SCHEDULE_TICK_MS, startScheduler } from './sessions/scheduler.ts';
import sourceRoutes from './sources/routes.ts';
import { createBlueskySource, type BlueskySource } from './sources/bluesky/source.ts';
import type { Lookup } from './sources/addresses.ts';
import { createMastodonSource } from './sources/mastodon/source.ts';
import { createXSource, type XSource } from './sources/x/source.ts';
import screenRoutes from './screens/routes.ts';
import addressRoutes from './address/routes.ts';
import { settleAddress } from './address/settle.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    domain: Domain;
    io: IoServer;
    xSource: XSource;
    blueskySource: BlueskySource;
  }
}

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

/** HTTP timeouts, suited to bodies of at most LIMITS.bodyBytes. */
export const HTTP_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 20_000,
  keepAliveMs: 65_000,
  idleMs: 120_000,
  checkMs: 2_000,
};

export interface BuildOptions {
  config: Config;
  logger?: FastifyServerOptions['logger'];
  clientDir?: string;
  /** How often the schedule is checked (sessions going live by the clock). */
  scheduleTickMs?: number;
  /** Tests shorten these to watch a slow connection being closed. */
  httpTimeouts?: Partial<typeof HTTP_TIMEOUTS>;
  /** How outside host names are resolved for the address check; tests give their own. */
  lookup?: Lookup;
}

/**
 * The whole application as one Fastify instance: what tests import and what server/index.ts
 * listens with. socket.io is attached to the same HTTP server, so one port serves everything.
 */
export async function buildApp({
  config,
  logger = false,
  clientDir = CLIENT_DIR,
  scheduleTickMs = SCHEDULE_TICK_MS,
  httpTimeouts,
  lookup,
}: BuildOptions): Promise<FastifyInstance> {
  const timeouts = { ...HTTP_TIMEOUTS, ...httpTimeouts };
  const app = Fastify({
    logger,
    bodyLimit: LIMITS.bodyBytes,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (off by default):
    // otherwise any client could pick the address its per-address limits are counted under.
    trustProxy:
      typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    // A slow body used to hold its connection (and a file descriptor) for ever. A 64 KiB body
    // takes well under a second on a phone's worst link; 20 s is generous. An idle connection
    // closes after 2 minutes; keep-alive outlives common proxies' 60 s so they close first.
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks those timeouts this often (30 s by default, which let a slow body live 50 s).
    http: { connectionsCheckingInterval: timeouts.checkMs },
  });
  // The headers of a request must arrive sooner still (slowloris sends them a byte at a time).
  app.server.headersTimeout = timeouts.headersMs;
  // JSON only: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = openDatabase(config.databaseFile);
  const domain = createDomain(config, db, lookup);
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('domain', domain);

  registerErrorHandling(app);
  // Many API answers carry a key or an attendee's own data (keys, tokens, exports, the log):
  // none may be kept by a browser or a shared cache. Set before routing, so errors carry it too.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  // External plugins first: security headers, then the OpenAPI document, which must see every
  // route registered after it. Rate limits are per attendee (server/lib/rate-limit.ts), not per
  // IP: a whole venue reaches us from one NAT address.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Same-origin app; the screens load avatars from other sites.
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Backchannel API',
        description:
          'Live conference backchannel: wall posts, moderation and audience Q&A. Errors are `{ error: { id, message, fields? } }` with stable ids.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Then the app: who is calling, then the routes of each domain.
  await app.register(auth, { domain });
  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      typed.get('/health', {
        schema: {
          tags: ['health'],
          summary: 'Liveness and database check',
          response: {
            200: z.object({
              status: z.literal('ok'),
              uptimeSeconds: z.number(),
              events: z.number(),
            }),
          },
        },
        handler: async () => ({
          status: 'ok' as const,
          uptimeSeconds: Math.round(process.uptime()),
          events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
        }),
      });
      for (const routes of [
        eventRoutes,
        logoRoutes,
        sessionRoutes,
        attendeeRoutes,
        postRoutes,
        questionRoutes,
        heldVoteRoutes,
        duplicateRoutes,
        waitingRoutes,
        answerRoutes,
        moderationRoutes,
        screenRoutes,
        sourceRoutes,
        exportRoutes,
        addressRoutes,
        archiveRoutes,
        topicRoutes,
        peopleRoutes,
      ]) {
        await api.register(routes, { domain });
      }
    },
    { prefix: '/api' },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The public archive's pages are server-rendered; before the client's catch-all.
  await app.register(archivePages, { domain });
  await registerClient(app, clientDir);

  const io = createSocketServer(app.server, domain, app.log);
  app.decorate('io', io);
  const stopStats = startStatsTicker(io, domain);
  const scheduler = startScheduler(domain, app.log, scheduleTickMs);
  app.addHook('onReady', async () => {
    scheduler.tick();
  });

  // Outside sources (X, Bluesky, Mastodon) start once the app is ready and stops first on close, before anything it writes to.
  const xSource = createXSource({
    config: config.x,
    domain,
    db,
    log: app.log.child({ source: 'x' }),
  });
  app.decorate('xSource', xSource);
  app.addHook('onReady', async () => xSource.start());
  const blueskySource = createBlueskySource({
    config: config.bluesky,
    domain,
    db,
    log: app.log.child({ source: 'bluesky' }),
  });
  app.decorate('blueskySource', blueskySource);
  app.addHook('onReady', async () => blueskySource.start());
  const mastodonSource = createMastodonSource({
    config: config.mastodon,
    domain,
    db,
    log: app.log.child({ source: 'mastodon' }),
  });
  app.addHook('onReady', async () => mastodonSource.start());
  // Without PUBLIC_URL the links name the address the server listens on, once it is known.
  app.addHook('onListen', async () => settleAddress(config, app.server.address()));

  // Stop taking new sockets and flush pending vote counts before the HTTP server closes;
  // close the database last, when nothing can write any more.
  app.addHook('preClose', async () => {
    await Promise.all([xSource.stop(), blueskySource.stop(), mastodonSource.stop()]);
    stopStats();
    scheduler.stop();
    await domain.broadcast.flushWall();
    domain.broadcast.close();
    domain.waiting.close();
    await domain.voteCoalescer.flush();
    io.local.disconnectSockets(true);
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    domain.voteCoalescer.close();
    domain.sources.close();
    db.close();
  });
  return app;
}

/** The n nearest hops are trusted proxies (what Fastify does with a number, typed as a function). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}
