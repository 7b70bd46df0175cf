import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { ensureFirstEvent, startBanner } from './bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { describeDatabaseError, lockDataDir, StartError } from './db/lock.ts';

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
  // One server per DATA_DIR; a problem with the directory or the database is one line.
  let app: FastifyInstance;
  let created: ReturnType<typeof ensureFirstEvent>;
  try {
    const lock = lockDataDir(config.dataDir);
    process.on('exit', () => lock.release());
    app = await buildApp({
      config,
      logger: {
        level: config.logLevel,
        redact: ['req.headers.authorization', 'req.headers.cookie'],
      },
    });
    created = ensureFirstEvent(app);
  } catch (error) {
    const line =
      error instanceof StartError
        ? error.message
        : describeDatabaseError(config.databaseFile, error);
    if (line === null) throw error;
    console.error(`backchannel: ${line}`);
    process.exit(1);
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    console.error(
      `backchannel: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  // Keys only on a terminal: where stdout goes to a file or a log collector, they would be kept.
  process.stdout.write(startBanner(app, created, { keys: process.stdout.isTTY === true }) + '\n');
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
