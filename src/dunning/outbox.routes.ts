import { z } from 'zod';
import { type Api, idParams, notFound, pageQuery, pageRequest } from '../api/http.ts';
import type { Db } from '../db/database.ts';
import { getOutboxMessage, listOutbox } from './outbox.repository.ts';

const tags = ['outbox'];

export const OUTBOX_STATUSES = ['held', 'pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

/**
 * The outbox, read-only: what Duly sent, is about to send, or could not send and why. `held`
 * messages are not delivered because no SMTP server is configured (DULY_SMTP_URL).
 */
export async function outboxRoutes(app: Api, db: Db): Promise<void> {
  app.get(
    '/outbox',
    {
      schema: {
        tags,
        summary:
          'List outgoing messages (oldest first, without bodies); status held = not delivered, no SMTP configured',
        querystring: z.strictObject({
          ...pageQuery,
          status: z.enum(OUTBOX_STATUSES).optional(),
          customerId: z.string().optional(),
          actionId: z.string().optional().describe('The dunning action the message belongs to'),
        }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      return listOutbox(db, req.org.id, req.query, page);
    },
  );

  app.get(
    '/outbox/:id',
    { schema: { tags, summary: 'Get an outgoing message with its text and HTML bodies', params: idParams } },
    async (req, reply) =>
      (await getOutboxMessage(db, req.org.id, req.params.id)) ??
      notFound(reply, 'outbox message', req.params.id),
  );
}
