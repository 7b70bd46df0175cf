/**
 * The real server as a child process, started exactly as `npm start` runs it, on 127.0.0.1 and
 * a free port. What the reliability tests kill, signal and restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { accessLines } from '../../server/events/access.ts';
import type { EventAccess } from '../../shared/schemas/events.ts';

const root = join(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /**
   * The banner, then every event's links with their keys as `npm run events -- list` prints
   * them: piped stdout is no terminal, so the banner itself carries no key.
   */
  banner: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server on dataDir and resolves once its banner is out (it is listening by then). */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PUBLIC_URL: '',
      // A cheap join challenge, as in every test (see CHEAP_JOIN_POW in tests/helper.ts).
      JOIN_POW_COST: '1',
      JOIN_POW_MAX: '10',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within 30 s\n${out}\n${err}`));
    }, 30_000);
    const check = () => {
      if (/^Data\s+\S+/m.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before its banner\n${out}\n${err}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const links = await eventLinks(
    url,
    env.ADMIN_TOKEN ?? readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(),
  );
  return { child, url, banner: `${banner}\n${links}`, stderr: () => err, exited };
}

/** What `npm run events -- list` prints, read with the admin token. */
async function eventLinks(url: string, adminToken: string): Promise<string> {
  const response = await fetch(`${url}/api/events`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!response.ok) throw new Error(`GET /api/events answered ${response.status}`);
  const { events } = (await response.json()) as { events: EventAccess[] };
  return events.map((access) => `${accessLines(access).join('\n')}\n`).join('\n');
}

/** A value printed in the banner, e.g. bannerValue(banner, 'API key'). */
export function bannerValue(banner: string, label: string): string {
  const match = new RegExp(`${label}\\s+(\\S+)`).exec(banner);
  if (!match) throw new Error(`no ${label} in banner:\n${banner}`);
  return match[1]!;
}

export async function killHard(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}
