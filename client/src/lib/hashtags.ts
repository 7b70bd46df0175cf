import { LIMITS } from '../../../shared/limits.ts';

// Mirrors the Hashtag schema in shared/schemas/common.ts (which would pull zod into the bundle).
const TAG = /^[\p{L}\p{N}_]+$/u;

/** '#DevOps' or 'devops ' -> 'devops'; '' -> null (no tag). */
export function normalizeTag(input: string): string | null {
  const tag = input.trim().replace(/^#+/, '').toLowerCase();
  return tag === '' ? null : tag;
}

/** Why the server would refuse this tag, or null when it is fine (an empty tag is fine: none). */
export function tagProblem(input: string): string | null {
  const tag = normalizeTag(input);
  if (tag === null) return null;
  if (tag.length > LIMITS.hashtag.max) return `At most ${LIMITS.hashtag.max} characters`;
  if (!TAG.test(tag)) return 'Letters, digits and _ only';
  return null;
}
