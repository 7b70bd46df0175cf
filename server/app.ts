import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LIMITS } from '../shared/limits.ts';
import attendeeRoutes from './attendees/routes.ts';
import type { Config } from './config.ts';
import { createDomain, type Domain } from './context.ts';
import { openDatabase, type Db } from './db/database.ts';
import eventRoutes from './events/routes.ts';
import exportRoutes from './exports/routes.ts';
import auth from './http/auth.ts';
import { frameworkErrors, registerErrorHandling } from './http/errors.ts';
import { registerClient } from './http/static.ts';
import moderationRoutes from './moderation/routes.ts';
import postRoutes from './posts/routes.ts';
import questionRoutes from './questions/routes.ts';
import type { IoServer } from './realtime/types.ts';
import { createSocketServer } from './realtime/socket-server.ts';
import { startStatsTicker } from './realtime/stats.ts';
import sessionRoutes from './sessions/routes.ts';
import sourceRoutes from './sources/routes.ts';
import { createXSource, type XSource } from './sources/x/source.ts';
import screenRoutes from './screens/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    domain: Domain;
    io: IoServer;
    xSource: XSource;
  }
}

export const CLIENT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');

export interface BuildOptions {
  config: Config;
  logger?: FastifyServerOptions['logger'];
  clientDir?: string;
}

/**
 * The whole application as one Fastify instance: what tests import and what server/index.ts
 * listens with. socket.io is attached to the same HTTP server, so one port serves everything.
 */
export async function buildApp({ config, logger = false, clientDir = CLIENT_DIR }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: LIMITS.bodyBytes,
    // Tokens travel in the Authorization header and URL fragments, never in URLs the server
    // sees; request logs therefore carry no secrets. Behind a reverse proxy, trust it for IPs.
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  // JSON only: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = openDatabase(config.databaseFile);
  const domain = createDomain(config, db);
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('domain', domain);

  registerErrorHandling(app);

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
          response: { 200: z.object({ status: z.literal('ok'), uptimeSeconds: z.number(), events: z.number() }) },
        },
        handler: async () => ({
          status: 'ok' as const,
          uptimeSeconds: Math.round(process.uptime()),
          events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
        }),
      });
      for (const routes of [eventRoutes, sessionRoutes, attendeeRoutes, postRoutes, questionRoutes, moderationRoutes, screenRoutes, sourceRoutes, exportRoutes]) {
        await api.register(routes, { domain });
      }
    },
    { prefix: '/api' },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await registerClient(app, clientDir);

  const io = createSocketServer(app.server, domain, app.log);
  app.decorate('io', io);
  const stopStats = startStatsTicker(io, domain);

  // X ingestion starts once the app is ready and stops first on close, before anything it writes to.
  const xSource = createXSource({ config: config.x, domain, db, log: app.log.child({ source: 'x' }) });
  app.decorate('xSource', xSource);
  app.addHook('onReady', async () => xSource.start());

  // Stop taking new sockets and flush pending vote counts before the HTTP server closes;
  // close the database last, when nothing can write any more.
  app.addHook('preClose', async () => {
    await xSource.stop();
    stopStats();
    await domain.broadcast.flushWall();
    domain.broadcast.close();
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
