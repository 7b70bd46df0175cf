/**
 * `npm run events` against a real server on port 0, run as the child process a terminal would
 * start: what it prints, what it makes, and the one line it says when something is wrong.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner } from '../../server/bootstrap.ts';
import { bearer, build, listen, seedEvent, type SeededEvent, type TestApp } from '../helper.ts';

const root = join(import.meta.dirname, '..', '..');
let t: TestApp;
let url: string;
let seeded: SeededEvent;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/events.ts with only the variables given (none inherited that would point it elsewhere). */
function events(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const {
    ADMIN_TOKEN: _token,
    DATA_DIR: _dir,
    PUBLIC_URL: _url,
    PORT: _port,
    ...inherited
  } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/events.ts', ...args],
      {
        cwd: root,
        env: { ...inherited, PUBLIC_URL: url, DATA_DIR: t.config.dataDir, ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  t = await build();
  url = await listen(t.app);
  // As server/index.ts does once it knows its port: the links name the address it listens on.
  t.config.publicUrl = url;
  seeded = seedEvent(t.app, { name: 'Terminal Conf', code: 'TERM1' });
});
afterAll(() => t.close());

describe('npm run events', () => {
  it('lists every event with the lines the start banner prints, reading the token from DATA_DIR/admin-token', async () => {
    const run = await events(['list']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const block = startBanner(t.app, false, { keys: true })
      .split('\n\n')
      .find((part) => part.startsWith('Event "Terminal Conf"'));
    expect(block).toContain(`/e/TERM1/moderate#key=${seeded.moderatorKey}`);
    expect(run.stdout).toBe(`${block}\n\n`);
  });

  it('rotates the keys named, by join code, and prints the new links; the old key is refused', async () => {
    const event = seedEvent(t.app, { name: 'Rotate Conf', code: 'ROT8' });
    const run = await events(['rotate', '--event', 'rot8', '--key', 'moderator']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Replaced the moderator keys of "Rotate Conf"');
    const moderator = /Moderator console (\S+)/.exec(run.stdout)![1]!;
    const newKey = moderator.split('#key=')[1]!;
    expect(newKey).not.toBe(event.moderatorKey);
    const log = (token: string) =>
      t.app.inject({ url: `/api/events/${event.eventId}/moderation/log`, headers: bearer(token) });
    expect((await log(event.moderatorKey)).statusCode).toBe(401);
    expect((await log(newKey)).statusCode).toBe(200);
    // The API key was not named, so it is the same.
    expect(run.stdout).toContain(`API key           ${event.apiKey}`);

    const bad = await events(['rotate', '--event', 'ROT8', '--key', 'admin']);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toBe('events: --key "admin": one of moderator, speaker, apiKey\n');
    const unknown = await events(['rotate', '--event', 'NOPE99']);
    expect(unknown.stderr).toBe('events: no event with the code or id "NOPE99"\n');
  });

  it('creates an event from its flags and prints links whose keys work', async () => {
    const run = await events(
      [
        'create',
        '--name',
        'CLI Conf',
        '--code',
        'cli-1',
        '--hashtag',
        'clicon',
        '--hashtag',
        '#CliCon26',
        '--question-tag',
        'q',
        '--post-moderation',
        'post',
        '--no-anonymous',
      ],
      { ADMIN_TOKEN: t.config.adminToken, DATA_DIR: '/nonexistent' },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^Created event "CLI Conf"\.\n\nEvent "CLI Conf" {2}join code CLI-1\n/,
    );
    const event = t.app.domain.events.getByCode('CLI-1');
    expect(JSON.parse(event.hashtags)).toEqual(['clicon', 'clicon26']);
    expect(event).toMatchObject({
      question_tag: 'q',
      post_moderation: 'post',
      question_moderation: 'post',
      allow_anonymous: 0,
    });

    const moderator = /Moderator console (\S+)/.exec(run.stdout)![1]!;
    expect(moderator.startsWith(`${url}/e/CLI-1/moderate#key=bcm_`)).toBe(true);
    const key = new URLSearchParams(moderator.split('#')[1]).get('key')!;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      headers: bearer(key),
      payload: { name: 'CLI Conf' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('prints the server’s JSON with --json', async () => {
    const run = await events(['list', '--json']);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.events[0]).toMatchObject({
      event: { code: 'TERM1' },
      moderatorKey: seeded.moderatorKey,
    });
  });

  it('names the flag the server refused, in one line', async () => {
    const run = await events([
      'create',
      '--name',
      'Bad',
      '--code',
      'no spaces',
      '--hashtag',
      'fine',
      '--hashtag',
      'not fine',
    ]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'events: --code: letters, digits and - only; --hashtag "not fine": letters, digits and _ only\n',
    );
    const taken = await events(['create', '--name', 'Copy', '--code', 'term1']);
    expect(taken.stderr).toBe('events: The join code TERM1 is already in use\n');
  });

  it('says the token was refused, or is not the admin token, in one line', async () => {
    const wrong = await events(['list'], { ADMIN_TOKEN: 'bca_not-the-token-of-this-server' });
    expect(wrong).toMatchObject({ code: 1, stdout: '' });
    expect(wrong.stderr).toBe(
      'events: the server refused the admin token from ADMIN_TOKEN: npm start prints the right one\n',
    );
    const moderator = await events(['list'], { ADMIN_TOKEN: seeded.moderatorKey });
    expect(moderator.stderr).toBe(
      'events: the token from ADMIN_TOKEN is not the admin token (it is another kind of key)\n',
    );
  });

  it('says no server answers when none runs at the address, and where it looked', async () => {
    const port = await freePort();
    const run = await events(['list'], { PUBLIC_URL: '', PORT: String(port) });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      `events: no Backchannel server answers at http://localhost:${port}: is it running (npm start)? Set PUBLIC_URL or PORT, or pass --url\n`,
    );
  });

  it('says what is missing when there is no token and when a command is wrong', async () => {
    const noToken = await events(['list'], { DATA_DIR: join(t.config.dataDir, 'elsewhere') });
    expect(noToken.stderr).toMatch(
      /^events: no admin token: set ADMIN_TOKEN, or DATA_DIR to the server's data folder \(.*elsewhere\/admin-token does not exist\)\n$/,
    );
    const unknown = await events(['delete']);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'events: unknown command "delete": list, create or rotate\n',
    });
    const split = await events(['create', '--name', 'Dev', 'Conf']);
    expect(split.stderr).toBe(
      'events: unexpected "Conf": quote a name with spaces, --name "Dev Conf"\n',
    );
  });
});
