import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accessLines } from '../../server/events/access.ts';
import type { EventAccess } from '../../shared/schemas/events.ts';
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
async function start(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; banner: string }> {
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

const adminTokenOf = (dir: string) => readFileSync(join(dir, 'admin-token'), 'utf8').trim();

/** The links with keys, as `npm run events -- list` prints them: the piped banner has none. */
async function listedLinks(port: number, dir: string): Promise<string> {
  const listed = await fetch(`http://localhost:${port}/api/events`, {
    headers: { authorization: `Bearer ${adminTokenOf(dir)}` },
  });
  const { events } = (await listed.json()) as { events: EventAccess[] };
  return events.map((access) => accessLines(access).join('\n')).join('\n\n');
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('creates a first event on an empty DATA_DIR and prints links that answer', async () => {
    const port = await freePort();
    const { child, banner } = await start({
      DATA_DIR: dataDir,
      PORT: String(port),
      EVENT_NAME: 'Start Test Conf',
      EVENT_CODE: 'START1',
    });
    expect(banner).toContain('A first event was created');
    expect(banner).toContain('Event "Start Test Conf"  join code START1');
    // stdout is a pipe, not a terminal: no key of any kind is printed; the banner says where they are.
    expect(banner).not.toMatch(/bc[amsk]_/);
    expect(banner).toContain('Staff links       on the admin page, or: npm run events -- list');
    expect(link(banner, 'Admin page')).toBe(`http://127.0.0.1:${port}/admin`);
    const links = await listedLinks(port, dataDir);

    for (const label of ['Attendee app', 'Big screen']) {
      expect(link(banner, label)).toBe(link(links, label));
    }
    for (const label of ['Attendee app', 'Big screen', 'Moderator console', 'Speaker view']) {
      const url = link(links, label);
      // Without PUBLIC_URL the links name the address the server listens on (HOST here).
      expect(url.startsWith(`http://127.0.0.1:${port}/e/START1`)).toBe(true);
      const page = await fetch(url.split('#')[0]!);
      expect(page.status, label).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    }
    // Keys travel in the fragment, never in the query string the server would log.
    expect(link(links, 'Moderator console')).toMatch(/\/moderate#key=bcm_/);
    expect(link(links, 'Speaker view')).toMatch(/\/speaker#key=bcs_[^&]+&session=1$/);

    const docs = await fetch(link(banner, 'API docs'));
    expect(docs.status).toBe(200);
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', events: 1 });

    const adminToken = adminTokenOf(dataDir);
    const created = await fetch(`http://localhost:${port}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Second' }),
    });
    expect(created.status).toBe(201);

    // Phones cannot open a loopback address: the banner says so instead of printing it silently.
    expect(banner).toMatch(/WARNING\s+Every public link .* uses http:\/\/127\.0\.0\.1:\d+,/);
    expect(banner).toContain('phones cannot join with it');
    const page = await fetch(link(banner, 'Admin page'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const listed = await fetch(`http://localhost:${port}/api/events`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(listed.status).toBe(200);
    const { events } = await listed.json();
    expect(events.map((e: { event: { name: string } }) => e.event.name)).toEqual([
      'Start Test Conf',
      'Second',
    ]);
    expect(events[0].links.moderator).toBe(link(links, 'Moderator console'));

    const moderatorKey = link(links, 'Moderator console').split('#key=')[1]!;
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
    const moderator = link(await listedLinks(port, dataDir), 'Moderator console');
    expect(moderator).toBe(
      `http://127.0.0.1:${port}/e/START1/moderate#key=${moderator.split('#key=')[1]}`,
    );
    // The data survived the restart: the setting changed before is still there.
    const event = await fetch(`http://localhost:${port}/api/events/by-code/START1`);
    expect((await event.json()).event.settings.postModeration).toBe('post');
    expect(await stop(child)).toBe(0);
  });

  it('prints the keys when stdout is a terminal', async () => {
    const port = await freePort();
    // `script` gives the server a pseudo-terminal, as a person's shell would.
    const child = spawn(
      'script',
      ['-qfec', `${process.execPath} --import tsx server/index.ts`, '/dev/null'],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
      },
    );
    running.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/^Data\s+\S+/m);
    expect(link(out, 'Moderator console')).toMatch(/\/moderate#key=bcm_/);
    expect(link(out, 'API key')).toMatch(/^bck_/);
    expect(link(out, 'Admin page')).toBe(
      `http://127.0.0.1:${port}/admin#token=${adminTokenOf(dataDir)}`,
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
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
