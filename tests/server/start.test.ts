import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../helper.ts';

const root = join(import.meta.dirname, '..', '..');
const dataDir = tempDataDir();
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server exactly as `npm start` does (after the client build step) and waits for its banner. */
async function start(env: Record<string, string>): Promise<{ child: ChildProcess; banner: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner in 20 s\n${out}\n${err}`)), 20_000);
    const check = () => {
      if (out.includes('Data ')) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}\n${out}\n${err}`)));
  });
  return { child, banner };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function link(banner: string, label: string): string {
  const match = new RegExp(`${label}\\s+(\\S+)`).exec(banner);
  if (!match) throw new Error(`no ${label} in banner:\n${banner}`);
  return match[1]!;
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('creates a first event on an empty DATA_DIR and prints links that answer', async () => {
    const port = await freePort();
    const { child, banner } = await start({ DATA_DIR: dataDir, PORT: String(port), EVENT_NAME: 'Start Test Conf', EVENT_CODE: 'START1' });
    expect(banner).toContain('A first event was created');
    expect(banner).toContain('Event "Start Test Conf"  join code START1');

    for (const label of ['Attendee app', 'Big screen', 'Moderator console', 'Speaker view']) {
      const url = link(banner, label);
      expect(url.startsWith(`http://localhost:${port}/e/START1`)).toBe(true);
      const page = await fetch(url.split('#')[0]!);
      expect(page.status, label).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    }
    // Keys travel in the fragment, never in the query string the server would log.
    expect(link(banner, 'Moderator console')).toMatch(/\/moderate#key=bcm_/);
    expect(link(banner, 'Speaker view')).toMatch(/\/speaker#key=bcs_[^&]+&session=1$/);

    const docs = await fetch(link(banner, 'API docs'));
    expect(docs.status).toBe(200);
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', events: 1 });

    const adminToken = link(banner, 'Admin token');
    const created = await fetch(`http://localhost:${port}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Second' }),
    });
    expect(created.status).toBe(201);

    // The admin page link carries the same token in its fragment, and that token lists both events.
    const adminPage = link(banner, 'Admin page');
    expect(adminPage).toBe(`http://localhost:${port}/admin#token=${adminToken}`);
    const page = await fetch(adminPage.split('#')[0]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const listed = await fetch(`http://localhost:${port}/api/events`, {
      headers: { authorization: `Bearer ${new URLSearchParams(adminPage.split('#')[1]).get('token')}` },
    });
    expect(listed.status).toBe(200);
    const { events } = await listed.json();
    expect(events.map((e: { event: { name: string } }) => e.event.name)).toEqual(['Start Test Conf', 'Second']);
    expect(events[0].links.moderator).toBe(link(banner, 'Moderator console'));

    const moderatorKey = link(banner, 'Moderator console').split('#key=')[1]!;
    const settings = await fetch(`http://localhost:${port}/api/events/1`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${moderatorKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { postModeration: 'post' } }),
    });
    expect(settings.status).toBe(200);
    expect(await stop(child)).toBe(0);
  });

  it('prints the same links for the existing events on a later start', async () => {
    const port = await freePort();
    const { child, banner } = await start({ DATA_DIR: dataDir, PORT: String(port) });
    expect(banner).not.toContain('A first event was created');
    expect(banner).toContain('join code START1');
    expect(banner).toContain('Event "Second"');
    const moderator = link(banner, 'Moderator console');
    expect(moderator).toBe(`http://localhost:${port}/e/START1/moderate#key=${moderator.split('#key=')[1]}`);
    // The data survived the restart: the setting changed before is still there.
    const event = await fetch(`http://localhost:${port}/api/events/by-code/START1`);
    expect((await event.json()).event.settings.postModeration).toBe('post');
    expect(await stop(child)).toBe(0);
  });

  it('refuses to start with a bad variable and names it in one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^backchannel: Invalid PORT="eighty"/);
  });
});
