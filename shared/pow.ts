/**
 * Solving a join challenge (ALTCHA v2, PBKDF2 through Web Crypto): the same code in the attendee
 * app's workers, in Node scripts (benchmarks, tests) and anywhere `crypto.subtle` exists.
 */
import { solveChallenge, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

export type { Challenge, Solution };

/** What the join route takes as `altcha`: base64 of the challenge with its solution. */
export function encodeAltcha(challenge: unknown, solution: Solution): string {
  const json = JSON.stringify({ challenge, solution });
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Solves on the calling thread; null if it takes longer than `timeoutMs`. */
export async function solveJoinChallenge(
  challenge: unknown,
  timeoutMs = 60_000,
): Promise<string | null> {
  const solution = await solveChallenge({
    challenge: challenge as Challenge,
    deriveKey,
    timeout: timeoutMs,
  });
  return solution ? encodeAltcha(challenge, solution) : null;
}
