import { z } from 'zod';
import { ErrorBody } from '../../shared/schemas/common.ts';

/** Error responses for a route's OpenAPI entry. */
export function errorResponses(
  ...codes: Array<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429>
) {
  return Object.fromEntries(codes.map((code) => [code, ErrorBody])) as Record<
    number,
    typeof ErrorBody
  >;
}

export const EventIdParams = z.strictObject({
  eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const SessionIdParams = z.strictObject({
  sessionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const PostIdParams = z.strictObject({
  postId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const QuestionIdParams = z.strictObject({
  questionId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const AnswerIdParams = z.strictObject({
  answerId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const BEARER = [{ bearer: [] }];
