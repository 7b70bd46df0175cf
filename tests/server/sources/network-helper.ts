/**
 * Fixtures shared by the Bluesky and Mastodon source tests: the real app pointed at a fake
 * network (127.0.0.1 only, so ALLOW_PRIVATE_SOURCE_ADDRESSES is on), with back-off and polling
 * shortened so each test takes a second.
 */
import { rmSync } from 'node:fs';
import { buildApp } from '../../../server/app.ts';
import type { Config } from '../../../server/config.ts';
import type { PostSource } from '../../../shared/schemas/posts.ts';
import { testConfig, type TestApp } from '../../helper.ts';

export interface NetworkTestApp extends TestApp {
  logs: string[];
}

export async function buildWithNetworks(
  env: Record<string, string>,
  tune: (config: Config) => void = () => {},
  { keepData = false }: { keepData?: boolean } = {},
): Promise<NetworkTestApp> {
  const config = testConfig({ ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true', ...env });
  config.bluesky = {
    ...config.bluesky,
    backoff: { initialMs: 50, maxMs: 400 },
    keepAliveMs: 2000,
    rewindMs: 2000,
  };
  config.mastodon = {
    ...config.mastodon,
    pollMs: 150,
    backoff: { initialMs: 50, maxMs: 400 },
  };
  tune(config);
  const logs: string[] = [];
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

export interface NetworkPostRow {
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

export function networkPosts(t: TestApp, eventId: number, source: PostSource): NetworkPostRow[] {
  return t.app.db
    .prepare('SELECT * FROM posts WHERE event_id = ? AND source = ? ORDER BY id')
    .all(eventId, source) as NetworkPostRow[];
}

export { exactlyOnce, waitFor } from './x/helper.ts';
