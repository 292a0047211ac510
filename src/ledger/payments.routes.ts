import { z } from 'zod';
import { type Api, idParams, notFound, pageQuery, pageRequest } from '../api/http.ts';
import { runPost } from '../api/idempotency.ts';
import type { Db } from '../db/database.ts';
import { isoDate } from './invoice.ts';
import { creditNoteInput, paymentInput } from './payment.ts';
import {
  createCreditNote,
  getPayment,
  listPayments,
  recordPayment,
  reversePayment,
} from './payments.repository.ts';

export async function paymentRoutes(app: Api, db: Db): Promise<void> {
  app.post(
    '/payments',
    {
      schema: {
        tags: ['payments'],
        summary:
          "Record a payment: explicit allocations, or oldest-first over the customer's open invoices in its currency; the rest stays as customer credit",
        body: paymentInput,
      },
    },
    (req, reply) => runPost(db, req, reply, 201, (trx) => recordPayment(trx, req.org.id, req.body)),
  );

  app.get(
    '/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'List payments',
        querystring: z.strictObject({ ...pageQuery, customerId: z.string().optional() }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      return listPayments(db, req.org.id, req.query, page);
    },
  );

  app.get(
    '/payments/:id',
    { schema: { tags: ['payments'], summary: 'Get a payment with its allocations', params: idParams } },
    async (req, reply) =>
      (await getPayment(db, req.org.id, req.params.id)) ?? notFound(reply, 'payment', req.params.id),
  );

  app.post(
    '/payments/:id/reverse',
    {
      schema: {
        tags: ['payments'],
        summary: 'Reverse a bounced or returned payment: its allocations are undone and the invoices reopen',
        params: idParams,
        body: z.strictObject({ date: isoDate, reason: z.string().trim().min(1).max(1000) }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) => reversePayment(trx, req.org.id, req.params.id, req.body)),
  );

  app.post(
    '/credit-notes',
    {
      schema: {
        tags: ['credit notes'],
        summary: 'Credit an invoice; credit beyond its open amount becomes customer credit',
        body: creditNoteInput,
      },
    },
    (req, reply) => runPost(db, req, reply, 201, (trx) => createCreditNote(trx, req.org.id, req.body)),
  );
}
