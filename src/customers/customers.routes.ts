import { z } from 'zod';
import {
  type Api,
  asOfQuery,
  idParams,
  notFound,
  pageQuery,
  pageRequest,
  sendResult,
  today,
} from '../api/http.ts';
import { runPost } from '../api/idempotency.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { isoDate } from '../ledger/invoice.ts';
import { applyCreditInput } from '../ledger/payment.ts';
import { applyCustomerCredit } from '../ledger/payments.repository.ts';
import { customerBalance, customerStatement } from '../ledger/statement.ts';
import { customerInput, customerPatch } from './customer.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.repository.ts';

const tags = ['customers'];

export async function customerRoutes(app: Api, db: Db): Promise<void> {
  app.post(
    '/customers',
    { schema: { tags, summary: 'Create a customer', body: customerInput } },
    (req, reply) => runPost(db, req, reply, 201, (trx) => createCustomer(trx, req.org, req.body)),
  );

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'List customers (cursor pagination, oldest first)',
        querystring: z.strictObject({
          ...pageQuery,
          q: z.string().trim().min(1).max(100).optional().describe('Search in name and ref'),
          tag: z.string().optional(),
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
        }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      return listCustomers(db, req.org.id, req.query, page);
    },
  );

  app.get(
    '/customers/:id',
    { schema: { tags, summary: 'Get a customer', params: idParams } },
    async (req, reply) => {
      const c = await getCustomer(db, req.org.id, req.params.id);
      return c ?? notFound(reply, 'customer', req.params.id);
    },
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Update a customer; lists (tags, contacts, bankAccounts) are replaced whole',
        params: idParams,
        body: customerPatch,
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await inTransaction(db, (trx) => updateCustomer(trx, req.org.id, req.params.id, req.body)),
      ),
  );

  app.get(
    '/customers/:id/balance',
    {
      schema: {
        tags,
        summary: 'Open items, unapplied credit and totals per currency',
        params: idParams,
        querystring: z.strictObject({ asOf: asOfQuery }),
      },
    },
    async (req, reply) => {
      if (!(await getCustomer(db, req.org.id, req.params.id)))
        return notFound(reply, 'customer', req.params.id);
      return customerBalance(db, req.org.id, req.params.id, req.query.asOf ?? today(req));
    },
  );

  app.get(
    '/customers/:id/statement',
    {
      schema: {
        tags,
        summary: 'Statement of account: opening balance, movements, closing balance per currency',
        params: idParams,
        querystring: z
          .strictObject({ from: isoDate, to: isoDate })
          .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] }),
      },
    },
    async (req, reply) => {
      if (!(await getCustomer(db, req.org.id, req.params.id)))
        return notFound(reply, 'customer', req.params.id);
      return customerStatement(db, req.org.id, req.params.id, req.query.from, req.query.to);
    },
  );

  app.post(
    '/customers/:id/apply-credit',
    {
      schema: {
        tags,
        summary:
          "Apply the customer's unapplied credit to invoices (oldest first unless allocations are given)",
        params: idParams,
        body: applyCreditInput,
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) => applyCustomerCredit(trx, req.org.id, req.params.id, req.body)),
  );
}
