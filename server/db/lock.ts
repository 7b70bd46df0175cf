import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A start-up problem told in one line: the start stops with it, never with a stack trace. */
export class StartError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeFsError(dataDir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return `DATA_DIR ${dataDir} is read-only for this user (${code}): the server needs to write there`;
  return `cannot use DATA_DIR ${dataDir}: ${(error as Error).message}`;
}

/**
 * Takes DATA_DIR for this process: a lock file holding its pid. Two servers on one DATA_DIR
 * would disagree (a stale wall, lost broadcasts, limits counted twice), so a second one is
 * refused; a lock left by a process that is gone (kill -9, a crash) is taken over.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const file = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StartError(describeFsError(dataDir, error));
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new StartError(
          `another Backchannel server (pid ${pid}) is already running on DATA_DIR ${dataDir}; stop it or use another DATA_DIR`,
        );
      // Stale: its process is gone.
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        throw new StartError(describeFsError(dataDir, unlinkError));
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        try {
          if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      },
    };
  }
  throw new StartError(`cannot take the lock ${file}: another server started at the same moment`);
}

/** One line for a database that cannot be opened or written at start. */
export function describeDatabaseError(file: string, error: unknown): string | null {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `the database ${file} is locked by another process; stop it and start again`;
  if (code.startsWith('SQLITE_READONLY'))
    return `the database ${file} is read-only for this user: the server needs to write it`;
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM'))
    return `cannot open the database ${file}: check that DATA_DIR exists and is writable`;
  if (code.startsWith('SQLITE_'))
    return `cannot use the database ${file}: ${(error as Error).message}`;
  return null;
}
