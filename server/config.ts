import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Hashtag, line } from '../shared/schemas/common.ts';
import { JoinCode } from '../shared/schemas/events.ts';
import { FRESH_VOTES, JOIN_CHALLENGE, LIMITS } from '../shared/limits.ts';

/** An http(s) origin, without a trailing slash. */
const origin = z
  .string()
  .url()
  .refine(
    (value) => /^https?:\/\/[^/]+\/?$/.test(value),
    'must be an origin like https://example.org',
  )
  .transform((value) => value.replace(/\/+$/, ''));

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
  TRUST_PROXY: z
    .string()
    .trim()
    .max(1000)
    .transform((value, ctx): boolean | number | string[] => {
      if (/^(false|0|off|no)$/i.test(value)) return false;
      if (/^(true|on|yes)$/i.test(value)) return true;
      if (/^\d{1,2}$/.test(value)) return Number(value);
      const list = value.split(',').map((part) => part.trim());
      const address = /^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i;
      if (list.every((part) => address.test(part))) return list;
      ctx.addIssue({
        code: 'custom',
        message:
          'true, a number of proxy hops, or a comma-separated list of proxy addresses or CIDRs',
      });
      return z.NEVER;
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EVENT_NAME: line(LIMITS.eventName).default('My Conference'),
  EVENT_HASHTAG: Hashtag.default('backchannel'),
  EVENT_CODE: JoinCode.optional(),
  JOIN_POW_COST: z.coerce.number().int().min(1).max(100_000).default(JOIN_CHALLENGE.cost),
  JOIN_POW_MAX: z.coerce.number().int().min(1).max(10_000_000).default(JOIN_CHALLENGE.maxNumber),
  FRESH_VOTES: z.coerce.number().int().min(0).max(1_000_000).default(FRESH_VOTES.perQuestion),
  X_BEARER_TOKEN: z.string().trim().min(20, 'must be an X app bearer token').max(1000).optional(),
  X_MODE: z.enum(['stream', 'search']).default('stream'),
  X_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  X_API_BASE: z
    .string()
    .url()
    .refine(
      (value) => /^https?:\/\/[^/]+\/?$/.test(value),
      'must be an origin like http://127.0.0.1:4555',
    )
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  BLUESKY_JETSTREAM_URL: z
    .string()
    .url()
    .refine(
      (value) => /^wss?:\/\/[^/]+\/?$/.test(value),
      'must be an origin like wss://jetstream2.us-east.bsky.network',
    )
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  BLUESKY_APPVIEW_URL: origin.default('https://public.api.bsky.app'),
  MASTODON_INSTANCES: z
    .string()
    .transform((value, ctx) => {
      const list = [
        ...new Set(
          value
            .split(',')
            .map((item) => item.trim().replace(/\/+$/, ''))
            .filter(Boolean),
        ),
      ];
      for (const item of list) {
        if (!/^https?:\/\/[^/\s]+$/.test(item)) {
          ctx.addIssue({
            code: 'custom',
            message: `${item} is not an origin like https://mastodon.social`,
          });
          return z.NEVER;
        }
      }
      if (list.length > LIMITS.mastodonInstances.max) {
        ctx.addIssue({
          code: 'custom',
          message: `at most ${LIMITS.mastodonInstances.max} instances`,
        });
        return z.NEVER;
      }
      return list;
    })
    .optional(),
  MASTODON_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(20),
  ALLOW_PRIVATE_SOURCE_ADDRESSES: z
    .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
    .transform((value) => ['true', '1', 'on', 'yes'].includes(value))
    .default(false),
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
  /**
   * X documents that the filtered stream may deliver a post several seconds late, after newer
   * ones: a back-fill after a drop starts at least this long before the drop.
   */
  deliveryLagMs: number;
}

/** Bluesky through Jetstream; see server/sources/bluesky/. Off without a Jetstream URL. */
export interface BlueskyConfig {
  jetstreamUrl: string | null;
  /** Public profile lookups (app.bsky.actor.getProfiles). */
  appViewUrl: string;
  /** A reconnect asks Jetstream to replay from this long before the last event taken in. */
  rewindMs: number;
  backoff: { initialMs: number; maxMs: number };
  /** No pong to a ping within this long: the connection is dead. */
  keepAliveMs: number;
}

/** Mastodon by polling public hashtag timelines; see server/sources/mastodon/. */
export interface MastodonConfig {
  instances: string[];
  pollMs: number;
  /**
   * A status can appear on a timeline after newer ones (federation, slow indexing): each poll
   * asks again from the newest status older than this, so a late one is not skipped.
   */
  lookBackMs: number;
  backoff: { initialMs: number; maxMs: number };
  /**
   * ALLOW_PRIVATE_SOURCE_ADDRESSES: instances (and the streaming hosts they name) may resolve
   * to loopback, private or link-local addresses. Off: see server/sources/addresses.ts.
   */
  allowPrivateAddresses: boolean;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /**
   * Base of every public link (printed, QR codes, join card, console, admin page). PUBLIC_URL
   * when set; otherwise the server's own address, fixed once it listens (see server/address).
   */
  publicUrl: string;
  /** Whether PUBLIC_URL set publicUrl. */
  publicUrlConfigured: boolean;
  /** When PUBLIC_URL is unset: this machine's address on the local network, for the hints. */
  lanUrl: string | null;
  adminToken: string;
  /** Server secret the event and session keys are derived from (see auth/keys.ts). */
  keySecret: Buffer;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /**
   * Which reverse proxies' X-Forwarded-For to believe for the client's address (Fastify's
   * trustProxy). Off unless TRUST_PROXY says: otherwise anyone could claim any address, and
   * every per-address limit would be a suggestion.
   */
  trustProxy: boolean | number | string[];
  firstEvent: { name: string; hashtag: string; code: string | undefined };
  /** The proof of work a join costs (see shared/limits.ts JOIN_CHALLENGE). */
  joinChallenge: { cost: number; maxNumber: number };
  /** Counted votes per question from fresh identities (see shared/limits.ts FRESH_VOTES). */
  freshVoteLimit: number;
  x: XConfig;
  bluesky: BlueskyConfig;
  mastodon: MastodonConfig;
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
    throw new ConfigError(
      `Invalid ${name}=${JSON.stringify(relevant[name] ?? '')}: ${issue.message}`,
    );
  }
  const values = parsed.data;
  const dataDir = resolve(values.DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `Invalid DATA_DIR=${JSON.stringify(values.DATA_DIR)}: ${(error as Error).message}`,
    );
  }
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseFile: join(dataDir, 'backchannel.db'),
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    publicUrlConfigured: values.PUBLIC_URL !== undefined,
    lanUrl: null,
    adminToken: values.ADMIN_TOKEN ?? readOrCreateSecret(adminTokenFile(dataDir), 'bca_'),
    keySecret: Buffer.from(readOrCreateSecret(join(dataDir, 'key-secret'), ''), 'utf8'),
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY ?? false,
    firstEvent: { name: values.EVENT_NAME, hashtag: values.EVENT_HASHTAG, code: values.EVENT_CODE },
    joinChallenge: { cost: values.JOIN_POW_COST, maxNumber: values.JOIN_POW_MAX },
    freshVoteLimit: values.FRESH_VOTES,
    x: {
      bearerToken: values.X_BEARER_TOKEN ?? null,
      mode: values.X_MODE,
      pollMs: values.X_POLL_SECONDS * 1000,
      apiBase: values.X_API_BASE ?? null,
      keepAliveMs: 30_000,
      backoff: { initialMs: 250, maxMs: 60_000 },
      searchLagMs: 10_000,
      deliveryLagMs: 10_000,
    },
    bluesky: {
      jetstreamUrl: values.BLUESKY_JETSTREAM_URL ?? null,
      appViewUrl: values.BLUESKY_APPVIEW_URL,
      rewindMs: 5000,
      backoff: { initialMs: 500, maxMs: 60_000 },
      keepAliveMs: 30_000,
    },
    mastodon: {
      instances: values.MASTODON_INSTANCES ?? [],
      pollMs: values.MASTODON_POLL_SECONDS * 1000,
      lookBackMs: 60_000,
      // A 5xx or a dropped connection is mostly a blip (a restart, a proxy): the first retry
      // comes within 300 ms and the second within 600 ms, so two in a row cost under a second
      // beyond the poll interval; a failure that persists still backs off to 5 minutes.
      backoff: { initialMs: 300, maxMs: 5 * 60_000 },
      allowPrivateAddresses: values.ALLOW_PRIVATE_SOURCE_ADDRESSES,
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
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ConfigError(
      ['EROFS', 'EACCES', 'EPERM'].includes(code)
        ? `DATA_DIR ${dirname(file)} is read-only for this user (${code}): the server needs to write there`
        : `cannot write ${file}: ${(error as Error).message}`,
    );
  }
  return value;
}
