import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app.ts';
import { ensureFirstEvent, startBanner } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`backchannel: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const explicitUrl = Boolean(process.env.PUBLIC_URL);
  const app = await buildApp({
    config,
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  const created = ensureFirstEvent(app);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    console.error(`backchannel: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    process.exit(1);
  }
  if (!explicitUrl) {
    const { port } = app.server.address() as AddressInfo;
    config.publicUrl = `http://localhost:${port}`;
  }
  process.stdout.write(startBanner(app, created) + '\n');
  handleSignals(app);
}

/** SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close sockets and the database. */
function handleSignals(app: FastifyInstance): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) {
      app.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    app.log.info(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
