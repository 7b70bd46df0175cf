import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { Hashtag, line } from '../shared/schemas/common.ts';
import { JoinCode } from '../shared/schemas/events.ts';
import { LIMITS } from '../shared/limits.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EVENT_NAME: line(LIMITS.eventName).default('My Conference'),
  EVENT_HASHTAG: Hashtag.default('backchannel'),
  EVENT_CODE: JoinCode.optional(),
  X_BEARER_TOKEN: z.string().trim().min(20, 'must be an X app bearer token').max(1000).optional(),
  X_MODE: z.enum(['stream', 'search']).default('stream'),
  X_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  X_API_BASE: z
    .string()
    .url()
    .refine((value) => /^https?:\/\/[^/]+\/?$/.test(value), 'must be an origin like http://127.0.0.1:4555')
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
});

/** X/Twitter ingestion; see server/sources/x/. Off when there is no bearer token. */
export interface XConfig {
  bearerToken: string | null;
  mode: 'stream' | 'search';
  /** Search mode: how often to ask for new posts. */
  pollMs: number;
  /** Where the X API lives; null for the real one. Used to point at the fake server. */
  apiBase: string | null;
  /** A stream silent for this long is dead: X sends a heartbeat every 20 s. */
  keepAliveMs: number;
  /** Reconnect delays: exponential from initialMs, with jitter, never above maxMs. */
  backoff: { initialMs: number; maxMs: number };
  /**
   * Recent search finds a post a few seconds after the stream delivers it. Searches therefore
   * look back this far again (search mode) or run a second time this much later (back-fills).
   */
  searchLagMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** Base of every printed link; defaults to http://localhost:PORT. */
  publicUrl: string;
  adminToken: string;
  /** Server secret the event and session keys are derived from (see auth/keys.ts). */
  keySecret: Buffer;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  firstEvent: { name: string; hashtag: string; code: string | undefined };
  x: XConfig;
}

export class ConfigError extends Error {}

/** Where the generated admin token is kept; `npm run events` reads it from here too. */
export function adminTokenFile(dataDir: string): string {
  return join(resolve(dataDir), 'admin-token');
}

/**
 * Reads and checks the environment. Throws ConfigError with one line naming the variable, so a
 * bad value stops the start with a message a newcomer can act on.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(relevant[name] ?? '')}: ${issue.message}`);
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(`Invalid DATA_DIR=${JSON.stringify(values.DATA_DIR)}: ${(error as Error).message}`);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseFile: join(dataDir, 'backchannel.db'),
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    adminToken: values.ADMIN_TOKEN ?? readOrCreateSecret(adminTokenFile(dataDir), 'bca_'),
    keySecret: Buffer.from(readOrCreateSecret(join(dataDir, 'key-secret'), ''), 'utf8'),
    logLevel: values.LOG_LEVEL,
    firstEvent: { name: values.EVENT_NAME, hashtag: values.EVENT_HASHTAG, code: values.EVENT_CODE },
    x: {
      bearerToken: values.X_BEARER_TOKEN ?? null,
      mode: values.X_MODE,
      pollMs: values.X_POLL_SECONDS * 1000,
      apiBase: values.X_API_BASE ?? null,
      keepAliveMs: 30_000,
      backoff: { initialMs: 250, maxMs: 60_000 },
      searchLagMs: 10_000,
    },
  };
}

/** A secret kept under DATA_DIR, readable by its owner only, made on first use. */
function readOrCreateSecret(file: string, prefix: string): string {
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value.length >= 16) return value;
  }
  const value = prefix + randomBytes(24).toString('base64url');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}
