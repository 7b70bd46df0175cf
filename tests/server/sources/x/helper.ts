/**
 * X source fixtures: the real app pointed at the fake X server (127.0.0.1 only), with the
 * keep-alive, back-off and polling shortened so each test takes a second or two. The fake
 * indexes search at once, so the search lag is off unless a test turns it on.
 */
import { rmSync } from 'node:fs';
import { buildApp } from '../../../../server/app.ts';
import type { XConfig } from '../../../../server/config.ts';
import type { FakeAuthor, FakeX } from '../../../../server/sources/x/fake/server.ts';
import { testConfig, type TestApp } from '../../../helper.ts';

export const X_TOKEN = 'test-bearer-token-0123456789';

export interface XTestApp extends TestApp {
  /** Log lines at warn and above, when built with `captureLogs`. */
  logs: string[];
}

/**
 * The app with X on, pointed at `fake`. `env.DATA_DIR` reuses a database (a restart);
 * `keepData` leaves it in place on close.
 */
export async function buildWithX(
  fake: FakeX,
  x: Partial<XConfig> = {},
  { env = {}, keepData = false }: { env?: Record<string, string>; keepData?: boolean } = {},
): Promise<XTestApp> {
  const config = testConfig({ X_BEARER_TOKEN: X_TOKEN, X_API_BASE: fake.url, ...env });
  config.x = {
    ...config.x,
    keepAliveMs: 1000,
    pollMs: 150,
    backoff: { initialMs: 50, maxMs: 400 },
    searchLagMs: 0,
    deliveryLagMs: 0,
    ...x,
  };
  const logs: string[] = [];
  // Warnings are captured for assertions; X_TEST_LOG=debug prints everything instead.
  const logger = process.env.X_TEST_LOG
    ? { level: process.env.X_TEST_LOG }
    : { level: 'warn', stream: { write: (line: string) => void logs.push(line) } };
  const app = await buildApp({ config, logger });
  await app.ready();
  return {
    app,
    config,
    logs,
    async close() {
      await app.close();
      if (!keepData) rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds; fails naming `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let authors = 0;
export function buildAuthor(overrides: Partial<FakeAuthor> = {}): FakeAuthor {
  authors += 1;
  return {
    username: `speaker${authors}`,
    name: `Speaker ${authors}`,
    avatarUrl: `https://pbs.twimg.com/profile_images/${authors}/a_normal.jpg`,
    ...overrides,
  };
}

export interface XPostRow {
  id: number;
  event_id: number;
  source_id: string;
  text: string;
  author_name: string;
  author_handle: string | null;
  author_avatar_url: string | null;
  media: string;
  status: string;
  created_at: string;
}

export function xPosts(t: TestApp, eventId: number): XPostRow[] {
  return t.app.db
    .prepare("SELECT * FROM posts WHERE event_id = ? AND source = 'x' ORDER BY id")
    .all(eventId) as XPostRow[];
}

/** Source ids that appear more than once, and emitted ids that never arrived. */
export function exactlyOnce(rows: Array<{ source_id: string }>, emitted: string[]) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.source_id, (counts.get(row.source_id) ?? 0) + 1);
  return {
    missing: emitted.filter((id) => !counts.has(id)),
    doubled: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
  };
}
