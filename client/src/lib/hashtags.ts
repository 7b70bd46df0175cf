import { LIMITS } from '../../../shared/limits.ts';
import { HASHTAG_PATTERN, normalizeHashtag } from '../../../shared/text.ts';

/** '#DevOps' or 'devops ' -> 'devops'; '' -> null (no tag). */
export function normalizeTag(input: string): string | null {
  const tag = normalizeHashtag(input);
  return tag === '' ? null : tag;
}

/** Why the server would refuse this tag, or null when it is fine (an empty tag is fine: none). */
export function tagProblem(input: string): string | null {
  const tag = normalizeTag(input);
  if (tag === null) return null;
  if (tag.length > LIMITS.hashtag.max) return `At most ${LIMITS.hashtag.max} characters`;
  if (!HASHTAG_PATTERN.test(tag)) return 'Letters, digits and _ only';
  return null;
}
