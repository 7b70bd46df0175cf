import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AddressNotice, AddressNoticeBody } from '../../shared/schemas/address.ts';
import type { Domain } from '../context.ts';
import { BEARER, errorResponses, EventIdParams } from '../http/schemas.ts';

export default async function addressRoutes(app: FastifyInstance, { domain }: { domain: Domain }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.put('/events/:eventId/address-notice', {
    schema: {
      tags: ['screens'],
      summary:
        "Hide (or show again) the big screens' notice that the public address is loopback or not the screen's own (moderator)",
      security: BEARER,
      params: EventIdParams,
      body: AddressNoticeBody,
      response: { 200: AddressNotice, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) =>
      domain.address.setNoticeDismissed(
        request.principal,
        request.params.eventId,
        request.body.dismissed,
      ),
  });
}
