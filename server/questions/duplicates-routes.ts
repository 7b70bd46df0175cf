import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  MergeQuestionBody,
  MergeResult,
  SimilarQuestions,
  SimilarQuestionsQuery,
} from '../../shared/schemas/duplicates.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, QuestionIdParams, SessionIdParams } from '../http/schemas.ts';

/** Duplicate questions: "upvote this instead?" while asking, and merging for moderators. */
export default async function duplicateRoutes(
  app: FastifyInstance,
  { domain }: { domain: Domain },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/sessions/:sessionId/questions/similar', {
    schema: {
      tags: ['questions'],
      summary: "A session's live questions like `text`, most alike first (at most 3)",
      description:
        "For an attendee about to ask: offer to upvote one of these instead. Scored against the event's duplicate threshold; never the caller's own questions.",
      params: SessionIdParams,
      querystring: SimilarQuestionsQuery,
      response: { 200: SimilarQuestions, ...errorResponses(400, 404) },
    },
    handler: async (request) =>
      domain.similar.find(request.principal, request.params.sessionId, request.query.text),
  });

  api.post('/questions/:questionId/merge', {
    schema: {
      tags: ['moderation'],
      summary: 'Merge a duplicate question into another of its session (moderator)',
      description:
        'The duplicate is dismissed and marked merged; the target counts the votes of both, each voter once. DELETE undoes it exactly.',
      security: BEARER,
      params: QuestionIdParams,
      body: MergeQuestionBody,
      response: { 200: MergeResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) =>
      domain.merges.merge(request.principal, request.params.questionId, request.body.targetId),
  });

  api.delete('/questions/:questionId/merge', {
    schema: {
      tags: ['moderation'],
      summary: 'Undo a merge: the duplicate and its votes come back as they were (moderator)',
      security: BEARER,
      params: QuestionIdParams,
      response: { 200: MergeResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => domain.merges.unmerge(request.principal, request.params.questionId),
  });
}
