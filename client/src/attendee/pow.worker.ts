/**
 * One of the workers that solve a join challenge off the main thread: altcha-lib's own worker
 * loop, with the Web Crypto PBKDF2 (the package's default worker imports the Node one).
 */
import { handler } from 'altcha-lib/workers/shared';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';

handler({ deriveKey });
