import { fork, type ChildProcess } from 'node:child_process';
import { ROOT } from './process.ts';

export interface Worker {
  child: ChildProcess;
  send(message: unknown): void;
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** A load worker process speaking a small typed message protocol over IPC. */
export function startWorker(entry: string): Worker {
  const child = fork(entry, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, Array<(message: unknown) => void>>();
  child.on('message', (message: { type: string; message?: string }) => {
    const queue = waiting.get(message.type);
    if (queue && queue.length > 0) queue.shift()!(message);
    else if (message.type === 'error') console.error(`worker error: ${message.message}`);
  });
  return {
    child,
    send: (message) => child.send(message as never),
    next<T>(type: string, timeoutMs = 120_000): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker: no ${type} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const queue = waiting.get(type) ?? [];
        queue.push((message) => {
          clearTimeout(timer);
          resolve(message as T);
        });
        waiting.set(type, queue);
        const errors = waiting.get('error') ?? [];
        errors.push((message) => {
          clearTimeout(timer);
          reject(new Error(`worker failed: ${(message as { message: string }).message}`));
        });
        waiting.set('error', errors);
      });
    },
    close() {
      if (child.connected) child.send({ type: 'close' });
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
    },
  };
}
