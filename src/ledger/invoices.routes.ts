import { z } from 'zod';
import { type Api, asOfQuery, idParams, notFound, pageQuery, pageRequest, today } from '../api/http.ts';
import { runPost } from '../api/idempotency.ts';
import { minorAmount } from '../customers/customer.ts';
import type { Db } from '../db/database.ts';
import { invoiceInput, isoDate } from './invoice.ts';
import { INVOICE_STATUSES } from './invoice-status.ts';
import {
  createInvoice,
  getInvoice,
  issueInvoice,
  listInvoices,
  postInvoiceEntry,
  voidInvoice,
} from './invoices.repository.ts';

const tags = ['invoices'];
const positive = minorAmount.refine((n) => n > 0, 'must be a positive number of minor units');

export async function invoiceRoutes(app: Api, db: Db): Promise<void> {
  app.post(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'Create an invoice (issued unless draft: true); totals are computed per line, then summed',
        body: invoiceInput,
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 201, (trx) => createInvoice(trx, req.org.id, req.body, today(req))),
  );

  app.get(
    '/invoices',
    {
      schema: {
        tags,
        summary: 'List invoices, filtered by status (as of a day), customer, or overdue on a day',
        querystring: z.strictObject({
          ...pageQuery,
          status: z.enum(INVOICE_STATUSES).optional(),
          customerId: z.string().optional(),
          overdueAsOf: isoDate
            .optional()
            .describe('Only invoices overdue on this day; statuses are derived for it'),
          asOf: asOfQuery,
        }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      return listInvoices(db, req.org.id, req.query, req.query.asOf ?? today(req), page);
    },
  );

  app.get(
    '/invoices/:id',
    {
      schema: {
        tags,
        summary: 'Get an invoice with its lines and ledger history',
        params: idParams,
        querystring: z.strictObject({ asOf: asOfQuery }),
      },
    },
    async (req, reply) => {
      const inv = await getInvoice(db, req.org.id, req.params.id, req.query.asOf ?? today(req), {
        lines: true,
        history: true,
      });
      return inv ?? notFound(reply, 'invoice', req.params.id);
    },
  );

  app.post(
    '/invoices/:id/issue',
    { schema: { tags, summary: 'Issue a draft invoice', params: idParams } },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) => issueInvoice(trx, req.org.id, req.params.id, today(req))),
  );

  app.post(
    '/invoices/:id/void',
    {
      schema: {
        tags,
        summary: 'Void an invoice issued by mistake (only while nothing was paid, credited or charged on it)',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) =>
        voidInvoice(trx, req.org.id, req.params.id, req.body.reason, today(req)),
      ),
  );

  app.post(
    '/invoices/:id/write-off',
    {
      schema: {
        tags,
        summary: 'Write off an amount (default: all that is open) as uncollectable',
        params: idParams,
        body: z.strictObject({
          amount: positive.optional(),
          date: isoDate,
          reason: z.string().trim().min(1).max(1000),
        }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) =>
        postInvoiceEntry(
          trx,
          req.org.id,
          req.params.id,
          { kind: 'write_off', amount: req.body.amount, date: req.body.date, memo: req.body.reason },
          today(req),
        ),
      ),
  );

  app.post(
    '/invoices/:id/charges',
    {
      schema: {
        tags,
        summary: 'Charge a fee or interest on an invoice',
        params: idParams,
        body: z.strictObject({
          kind: z.enum(['fee', 'interest']),
          amount: positive,
          date: isoDate,
          memo: z.string().trim().min(1).max(1000),
        }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) =>
        postInvoiceEntry(trx, req.org.id, req.params.id, req.body, today(req)),
      ),
  );
}
