import { createHmac, randomInt } from 'node:crypto';
import { createChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { z } from 'zod';
import { JOIN_CHALLENGE } from '../../shared/limits.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';

/**
 * The proof of work a join costs: an ALTCHA challenge (altcha-lib, PBKDF2/SHA-256) in
 * deterministic mode. The server derives the key for a secret counter when it hands the
 * challenge out and signs it, so checking an answer is two HMACs, not a derivation; the solver
 * has to try counters until it meets that key. A challenge names its event, expires, and is
 * spent on first use (the spent ones are kept in SQLite until they expire, so a restart does not
 * reopen them).
 */
const Payload = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.string(),
      data: z.record(z.string(), z.unknown()).optional(),
      expiresAt: z.number().optional(),
    }),
    signature: z.string().max(256),
  }),
  solution: z.object({
    counter: z.number(),
    derivedKey: z.string().max(256),
  }),
});

const failed = (message: string) => new AppError(400, 'challenge_failed', message);

export function createJoinChallenges(config: Pick<Config, 'keySecret' | 'joinChallenge'>, db: Db) {
  // Own keys, derived from the server secret, so a challenge signature can never stand in for an
  // event key or the other way round.
  const secretFor = (purpose: string) =>
    createHmac('sha256', config.keySecret).update(`altcha:${purpose}`).digest('base64url');
  const hmacSignatureSecret = secretFor('signature');
  const hmacKeySignatureSecret = secretFor('key');
  const { cost, maxNumber } = config.joinChallenge;

  const spend = db.prepare(
    'INSERT OR IGNORE INTO join_challenges_used (signature, expires_at) VALUES (?, ?)',
  );
  const forget = db.prepare('DELETE FROM join_challenges_used WHERE expires_at < ?');
  let lastSweep = 0;

  return {
    /** A fresh challenge for joining `eventId`. */
    issue(eventId: number, now = Date.now()): Promise<Challenge> {
      return createChallenge({
        algorithm: JOIN_CHALLENGE.algorithm,
        cost,
        counter: randomInt(maxNumber),
        deriveKey,
        data: { event: eventId },
        expiresAt: new Date(now + JOIN_CHALLENGE.expiresMs),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },

    /**
     * Checks an answer (the base64 JSON the ALTCHA widget and solver send) for `eventId` and
     * spends it; throws 400 challenge_failed otherwise.
     */
    async spend(eventId: number, altcha: string, now = Date.now()): Promise<void> {
      let payload: z.infer<typeof Payload>;
      try {
        payload = Payload.parse(JSON.parse(Buffer.from(altcha, 'base64').toString('utf8')));
      } catch {
        throw failed('The proof of work is not a valid ALTCHA payload');
      }
      const { parameters, signature } = payload.challenge;
      if (parameters.data?.event !== eventId) throw failed('This challenge is for another event');
      const result = await verifySolution({
        challenge: payload.challenge as unknown as Challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }).catch(() => null);
      if (!result?.verified) {
        throw failed(
          result?.expired
            ? 'The challenge has expired: ask for a new one'
            : 'The proof of work does not solve the challenge',
        );
      }
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        forget.run(now);
      }
      const expiresAt = (parameters.expiresAt ?? 0) * 1000;
      if (spend.run(signature, expiresAt).changes === 0)
        throw failed('This challenge has already been used: ask for a new one');
    },
  };
}

export type JoinChallenges = ReturnType<typeof createJoinChallenges>;
