/**
 * `npm run demo`: a fake X producing a believable conference stream, and Backchannel following
 * it through the real X source (stream mode, pointed at the fake with X_API_BASE). The event is
 * in post-moderation so the wall fills at once; the moderator console shows the X status.
 * Everything lives in a temporary DATA_DIR, removed on Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.ts';
import { ensureFirstEvent, startBanner } from '../server/bootstrap.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { startConferenceChatter } from '../server/sources/x/fake/conference.ts';
import { startFakeX, type FakeX } from '../server/sources/x/fake/server.ts';

const HASHTAGS = ['devconf', 'devconf26'];
const FAKE_PORT = 4555;

async function fakeX(): Promise<FakeX> {
  try {
    return await startFakeX({ port: FAKE_PORT });
  } catch {
    // Something else has the usual port: any free one will do.
    return startFakeX({ port: 0 });
  }
}

async function main(): Promise<void> {
  const fake = await fakeX();
  const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-demo-'));
  let config;
  try {
    config = loadConfig({
      EVENT_NAME: 'DevConf 2026',
      EVENT_HASHTAG: HASHTAGS[0],
      EVENT_CODE: 'DEMO26',
      LOG_LEVEL: 'warn',
      ...process.env,
      DATA_DIR: dataDir,
      X_BEARER_TOKEN: 'demo-bearer-token-for-the-fake-x-server',
      X_API_BASE: fake.url,
      X_MODE: 'stream',
    });
  } catch (error) {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (error instanceof ConfigError) {
      console.error(`demo: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp({ config, logger: { level: config.logLevel } });
  ensureFirstEvent(app);
  const event = app.domain.events.list()[0]!;
  app.domain.events.update(event.id, { hashtags: HASHTAGS, settings: { postModeration: 'post' } }, { kind: 'admin' });
  app.domain.sessions.create(event.id, { title: 'Rust at scale', room: 'Room B', live: true }, { kind: 'admin' });

  await app.listen({ port: config.port, host: config.host });
  if (!process.env.PUBLIC_URL) config.publicUrl = `http://localhost:${(app.server.address() as AddressInfo).port}`;

  // Tweets made before the stream is up would match no rule yet: wait for it (a few ms).
  for (let waited = 0; app.domain.sources.runtime().state !== 'connected' && waited < 5000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const chatter = startConferenceChatter(fake, { hashtags: HASHTAGS, questionTag: event.question_tag });
  // A first handful, so the wall is not empty when the screen opens.
  for (let i = 0; i < 12; i++) chatter.tweet();

  process.stdout.write(startBanner(app, true));
  console.log(`Demo: a fake X at ${fake.url} is tweeting under #${HASHTAGS.join(' and #')} (questions with #${event.question_tag}).`);
  console.log('Open the big screen and the moderator console above. Ctrl-C stops everything and deletes the demo data.\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the demo…`);
    chatter.stop();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => fake.close())
      .then(
        () => {
          rmSync(dataDir, { recursive: true, force: true });
          process.exit(0);
        },
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
