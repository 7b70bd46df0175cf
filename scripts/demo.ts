/**
 * `npm run demo`: all three networks at once, each a fake on this machine followed by the real
 * source: a fake X with a believable conference stream (stream mode, X_API_BASE), a fake
 * Jetstream and AppView (BLUESKY_JETSTREAM_URL, BLUESKY_APPVIEW_URL) and two fake Mastodon
 * instances that federate some statuses (MASTODON_INSTANCES; ALLOW_PRIVATE_SOURCE_ADDRESSES, as
 * they listen on 127.0.0.1). The event is in post-moderation so the wall fills at once; the start
 * banner says what runs and the console shows each source's status. Everything lives in a
 * temporary DATA_DIR, removed on Ctrl-C.
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
import { startFakeBluesky } from '../server/sources/bluesky/fake/server.ts';
import { startFakeMastodon } from '../server/sources/mastodon/fake/server.ts';

/** What the Bluesky and Mastodon crowds say; X has its own, richer chatter (fake/conference.ts). */
const NETWORK_SAYINGS = [
  'Packed room, great energy {tag}',
  'Slides for the opening keynote are up: https://example.org/slides {tag}',
  'Taking notes like mad {tag} ✏️',
  'Remote today, the stream is crisp {tag}',
  'This is the best explanation of backpressure I have seen {tag}',
  '{ask} Will the recordings be public? {tag}',
  '{ask} How do you test this without a real network? {tag}',
];
const NETWORK_PEOPLE = ['Robin Lee', 'Aiko Sato', 'Noor Khan', 'Elena Petrova', 'Marco Rossi'];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

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
  const bluesky = await startFakeBluesky();
  const mastodonA = await startFakeMastodon();
  const mastodonB = await startFakeMastodon();
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
      BLUESKY_JETSTREAM_URL: bluesky.jetstreamUrl,
      BLUESKY_APPVIEW_URL: bluesky.url,
      MASTODON_INSTANCES: `${mastodonA.url},${mastodonB.url}`,
      MASTODON_POLL_SECONDS: '5',
      // The fake instances listen on 127.0.0.1, which a real instance may never resolve to.
      ALLOW_PRIVATE_SOURCE_ADDRESSES: 'true',
    });
  } catch (error) {
    await Promise.all([fake.close(), bluesky.close(), mastodonA.close(), mastodonB.close()]);
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
  const moderator = { kind: 'moderator', eventId: event.id } as const;
  app.domain.events.update(moderator, event.id, {
    hashtags: HASHTAGS,
    settings: { postModeration: 'post' },
  });
  app.domain.sessions.create(moderator, event.id, {
    title: 'Rust at scale',
    room: 'Room B',
    live: true,
  });

  await app.listen({ port: config.port, host: config.host });
  if (!process.env.PUBLIC_URL)
    config.publicUrl = `http://localhost:${(app.server.address() as AddressInfo).port}`;

  // Tweets made before the stream is up would match no rule yet: wait for it (a few ms).
  for (
    let waited = 0;
    app.domain.sources.runtime().state !== 'connected' && waited < 5000;
    waited += 50
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const chatter = startConferenceChatter(fake, {
    hashtags: HASHTAGS,
    questionTag: event.question_tag,
  });
  // A first handful, so the wall is not empty when the screen opens.
  for (let i = 0; i < 12; i++) chatter.tweet();
  const say = () =>
    pick(NETWORK_SAYINGS)
      .replace('{tag}', `#${pick(HASHTAGS)}`)
      .replace('{ask}', `#${event.question_tag}`);
  const skeets = setInterval(() => {
    const name = pick(NETWORK_PEOPLE);
    bluesky.post({
      author: { handle: `${name.split(' ')[0]!.toLowerCase()}.bsky.social`, displayName: name },
      text: say(),
    });
  }, 4000);
  const toots = setInterval(() => {
    const name = pick(NETWORK_PEOPLE);
    const text = say();
    const toot = mastodonA.post({
      account: { username: name.split(' ')[0]!.toLowerCase(), displayName: name },
      html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
      tags: [...text.matchAll(/#(\w+)/g)].map((m) => m[1]!),
    });
    // Seen on the second instance too: one post on the wall, not two.
    if (Math.random() < 0.5) mastodonB.federate(toot);
  }, 6000);

  process.stdout.write(startBanner(app, true, { keys: process.stdout.isTTY === true }));
  console.log(
    `Demo: a fake X, a fake Bluesky and two fake Mastodon instances are posting under #${HASHTAGS.join(' and #')} (questions with #${event.question_tag}).`,
  );
  console.log(
    'Open the big screen and the moderator console above. Ctrl-C stops everything and deletes the demo data.\n',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the demo…`);
    chatter.stop();
    clearInterval(skeets);
    clearInterval(toots);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() =>
        Promise.all([fake.close(), bluesky.close(), mastodonA.close(), mastodonB.close()]),
      )
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
