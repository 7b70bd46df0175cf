import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateQuestionBody,
  EditQuestionBody,
  ModerateQuestionBody,
  Question,
  QuestionList,
  QuestionListQuery,
  QuestionPage,
  QuestionSearchQuery,
  StaffQuestionListQuery,
  VoteResult,
} from '../../shared/schemas/questions.ts';
import type { Domain } from '../context.ts';
import {
  BEARER,
  errorResponses,
  EventIdParams,
  QuestionIdParams,
  SessionIdParams,
} from '../http/schemas.ts';

export default async function questionRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/sessions/:sessionId/questions', {
    schema: {
      tags: ['questions'],
      summary: 'Ask a question in a session (attendee)',
      description:
        'A retry with the same clientId returns the first question with 200 instead of making a copy.',
      security: BEARER,
      params: SessionIdParams,
      body: CreateQuestionBody,
      response: { 200: Question, 201: Question, ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
    handler: async (request, reply) => {
      const { question, created } = domain.questions.create(
        request.principal,
        request.params.sessionId,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(question);
    },
  });

  api.get('/sessions/:sessionId/questions', {
    schema: {
      tags: ['questions'],
      summary:
        "A session's live and answered questions, a page at a time; an attendee also gets their own and their votes",
      description:
        'Pages of `limit` (default 50, at most 100), best first or newest first; pass `nextCursor` back as `cursor` for the next page. The first page also carries the spotlighted question and, for an attendee, their own.',
      params: SessionIdParams,
      querystring: QuestionListQuery,
      response: { 200: QuestionList, ...errorResponses(400, 404) },
    },
    handler: async (request) =>
      domain.questions.list(request.principal, request.params.sessionId, 'public', request.query),
  });

  api.get('/sessions/:sessionId/moderation/questions', {
    schema: {
      tags: ['moderation'],
      summary:
        "Every question of a session in every status, a page at a time; q searches text and author (moderator, or the session's speaker)",
      security: BEARER,
      params: SessionIdParams,
      querystring: StaffQuestionListQuery,
      response: { 200: QuestionList, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.questions.list(request.principal, request.params.sessionId, 'staff', request.query),
  });

  api.get('/events/:eventId/questions/search', {
    schema: {
      tags: ['moderation'],
      summary:
        'Questions of every session whose text or author contains q, ignoring case, newest first (moderator)',
      security: BEARER,
      params: EventIdParams,
      querystring: QuestionSearchQuery,
      response: { 200: QuestionPage, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.questions.search(request.principal, request.params.eventId, request.query),
  });

  api.post('/questions/:questionId/moderation', {
    schema: {
      tags: ['moderation'],
      summary:
        'Approve, dismiss, answer, restore or spotlight a question (moderator; the speaker may answer and spotlight)',
      security: BEARER,
      params: QuestionIdParams,
      body: ModerateQuestionBody,
      response: { 200: Question, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) =>
      domain.questions.moderate(request.principal, request.params.questionId, request.body.action),
  });

  api.patch('/questions/:questionId', {
    schema: {
      tags: ['questions'],
      summary:
        'Edit a question: its author while it awaits moderation, or a moderator (the log keeps the original)',
      security: BEARER,
      params: QuestionIdParams,
      body: EditQuestionBody,
      response: { 200: Question, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) =>
      domain.questions.edit(request.principal, request.params.questionId, request.body.text),
  });

  api.delete('/questions/:questionId', {
    schema: {
      tags: ['questions'],
      summary: 'Withdraw my question while it awaits moderation (attendee)',
      security: BEARER,
      params: QuestionIdParams,
      response: {
        200: z.object({ id: z.number(), sessionId: z.number() }),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
    handler: async (request) =>
      domain.questions.withdraw(request.principal, request.params.questionId),
  });

  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    api[method]('/questions/:questionId/vote', {
      schema: {
        tags: ['questions'],
        summary: on
          ? 'Vote for a question (attendee); voting twice counts once'
          : 'Take my vote back (attendee)',
        security: BEARER,
        params: QuestionIdParams,
        response: { 200: VoteResult, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
      handler: async (request) =>
        domain.questions.vote(request.principal, request.params.questionId, on),
    });
  }
}
