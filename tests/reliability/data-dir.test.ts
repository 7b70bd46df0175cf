/**
 * One server per DATA_DIR, and a database another process holds never stalls a request: a
 * second server is refused with one line, a stale lock is taken over, a locked or read-only
 * DATA_DIR or database stops the start with one line (never a stack trace), and a write that
 * meets another process's lock answers 503 busy at once instead of blocking for seconds.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { bearer, build, CHEAP_JOIN_POW, joinAttendee, seedEvent, tempDataDir } from '../helper.ts';
import { freePort, killHard, startServer, type RunningServer } from './server-process.ts';

const root = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) await killHard(server);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

/** Runs the server expecting it to stop at start; resolves with its exit code and stderr. */
async function failedStart(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...CHEAP_JOIN_POW,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

/** One line, starting with the program's name, and no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^backchannel: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('one server per DATA_DIR', () => {
  it('refuses a second server on the same DATA_DIR with one line, and the first keeps serving', async () => {
    const dataDir = freshDir();
    const first = await startServer(dataDir);
    servers.push(first);
    const second = await failedStart(dataDir);
    expect(second.code).toBe(1);
    expectOneLine(second.stderr, new RegExp(`pid ${first.child.pid}\\) is already running`));
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
  }, 60_000);

  it('takes over the lock of a server that is gone', async () => {
    const dataDir = freshDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(join(dataDir, 'server.lock'), `${gone.pid}\n`);
    const server = await startServer(dataDir);
    servers.push(server);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 60_000);
});

describe('a DATA_DIR or database that cannot be used', () => {
  it('stops a start on a read-only DATA_DIR with one line naming it', async () => {
    // root writes through file modes, but not into sysfs.
    let dataDir = '/sys/kernel';
    if (process.getuid?.() !== 0) {
      dataDir = freshDir();
      chmodSync(dataDir, 0o555);
    }
    const result = await failedStart(dataDir);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /read-only/);
  }, 30_000);

  it('stops a start on a database another process has locked with one line naming it', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    openDatabase(join(dataDir, 'backchannel.db')).close();
    // Migrated, but without an event yet: the start must write its first event.
    const holder = new Database(join(dataDir, 'backchannel.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const result = await failedStart(dataDir);
      expect(result.code).toBe(1);
      expectOneLine(result.stderr, /locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 30_000);
});

describe('a database locked by another process during writes', () => {
  it('answers writes 503 busy with Retry-After at once, keeps reads going, and writes again once released', async () => {
    const t = await build();
    try {
      const seeded = seedEvent(t.app);
      const { token } = joinAttendee(t.app, seeded.eventId);
      const holder = new Database(t.config.databaseFile);
      holder.exec('BEGIN EXCLUSIVE');
      const ask = (text: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/sessions/${seeded.sessionId}/questions`,
          headers: bearer(token),
          payload: { text },
        });
      try {
        const started = performance.now();
        const refused = await ask('Asked while the database is locked?');
        const took = performance.now() - started;
        expect(refused.statusCode, refused.body).toBe(503);
        expect(refused.json().error.id).toBe('busy');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(took).toBeLessThan(1000);
        const read = await t.app.inject({ url: `/api/sessions/${seeded.sessionId}/questions` });
        expect(read.statusCode).toBe(200);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      const asked = await ask('Asked once the lock is gone?');
      expect(asked.statusCode, asked.body).toBe(201);
    } finally {
      await t.close();
    }
  });
});
