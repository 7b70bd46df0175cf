import { solveChallengeWorkers, type Challenge } from 'altcha-lib';
import { encodeAltcha, solveJoinChallenge } from '../../../shared/pow.ts';

/** At most this many workers: a phone has 4 to 8 cores, and the page must stay responsive. */
const MAX_WORKERS = 4;

/**
 * Solves a join challenge in Web Workers, each trying every n-th counter; falls back to the
 * main thread where workers cannot start. Returns the `altcha` the join route takes.
 */
export async function solveInWorkers(challenge: Challenge): Promise<string> {
  const started = performance.now();
  let altcha: string | null;
  try {
    const solution = await solveChallengeWorkers({
      challenge,
      concurrency: Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2),
      createWorker: () =>
        new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' }),
    });
    altcha = solution ? encodeAltcha(challenge, solution) : null;
  } catch {
    altcha = await solveJoinChallenge(challenge);
  }
  if (!altcha) throw new Error('The join challenge could not be solved in time');
  // Exposed for the end-to-end test that measures how long a phone takes.
  (window as { __joinSolveMs?: number }).__joinSolveMs = performance.now() - started;
  return altcha;
}
