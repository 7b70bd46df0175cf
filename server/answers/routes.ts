import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Answer,
  AnswerList,
  CreateAnswerBody,
  EditAnswerBody,
  ModerateAnswerBody,
} from '../../shared/schemas/answers.ts';
import type { Domain } from '../context.ts';
import { AnswerIdParams, BEARER, errorResponses, QuestionIdParams } from '../http/schemas.ts';

export default async function answerRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/questions/:questionId/answers', {
    schema: {
      tags: ['answers'],
      summary:
        "A question's answers and replies, the accepted one first: public ones for everyone, every status for its session's staff, and an attendee's own",
      params: QuestionIdParams,
      response: { 200: AnswerList, ...errorResponses(400, 404) },
    },
    handler: async (request) => domain.answers.list(request.principal, request.params.questionId),
  });

  api.post('/questions/:questionId/answers', {
    schema: {
      tags: ['answers'],
      summary:
        "Answer a question (its session's speaker or a moderator; markAnswered also accepts it and marks the question answered), or reply to it (attendee; moderated like a post)",
      security: BEARER,
      params: QuestionIdParams,
      body: CreateAnswerBody,
      response: { 201: Answer, ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) => {
      const { answer } = domain.answers.create(
        request.principal,
        request.params.questionId,
        request.body,
      );
      return reply.code(201).send(answer);
    },
  });

  api.patch('/answers/:answerId', {
    schema: {
      tags: ['answers'],
      summary: "Edit an answer (its session's speaker or a moderator; the log keeps the original)",
      security: BEARER,
      params: AnswerIdParams,
      body: EditAnswerBody,
      response: { 200: Answer, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.answers.edit(request.principal, request.params.answerId, request.body.text),
  });

  api.post('/answers/:answerId/accept', {
    schema: {
      tags: ['answers'],
      summary:
        "Accept an answer or approved reply as the question's answer and mark the question answered (its session's speaker or a moderator)",
      security: BEARER,
      params: AnswerIdParams,
      response: { 200: Answer, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => domain.answers.accept(request.principal, request.params.answerId),
  });

  api.post('/answers/:answerId/moderation', {
    schema: {
      tags: ['moderation'],
      summary: "Approve or reject an attendee's reply (moderator)",
      security: BEARER,
      params: AnswerIdParams,
      body: ModerateAnswerBody,
      response: { 200: Answer, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.answers.moderate(request.principal, request.params.answerId, request.body.action),
  });
}
