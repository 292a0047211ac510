import { sql } from 'kysely';
import { z } from 'zod';
import { type Api, idParams, notFound, pageQuery, pageRequest, sendResult, today } from '../api/http.ts';
import { runPost } from '../api/idempotency.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { fail, ok } from '../kernel/errors.ts';
import { LANGUAGES } from '../kernel/locale.ts';
import { toPage } from '../kernel/page.ts';
import { isoDate } from '../ledger/invoice.ts';
import { approveAction, editAction, getAction, listActions, skipAction } from './actions.repository.ts';
import { TEMPLATE_KEYS } from './model.ts';
import {
  assignPolicy,
  createPolicy,
  listAssignments,
  loadPolicies,
  updatePolicy,
} from './policies.repository.ts';
import { assignmentInput, policyInput } from './policy-input.ts';
import { previewMessage } from './preview.ts';
import { runDunning } from './run.ts';
import { loadTemplateOverrides, resetTemplate, saveTemplate, templateFor } from './template-store.ts';

const tags = ['dunning'];
const templateParams = z.strictObject({ key: z.enum(TEMPLATE_KEYS), language: z.enum(LANGUAGES) });
const templateBody = z.strictObject({
  subject: z.string().min(1).max(500),
  body: z.string().min(1).max(20_000),
});

export async function dunningRoutes(app: Api, db: Db): Promise<void> {
  app.post(
    '/dunning/runs',
    {
      schema: {
        tags,
        summary:
          'Run dunning now (safe to repeat: a level is never sent twice); dryRun plans without writing',
        body: z.strictObject({
          date: isoDate
            .optional()
            .describe("Default: today in the organisation's and each customer's time zone"),
          dryRun: z.boolean().default(false),
          customerId: z.string().optional(),
        }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, async (trx) =>
        ok(
          await runDunning(trx, req.org.id, {
            ...(req.body.date && { asOf: req.body.date }),
            now: new Date().toISOString(),
            trigger: 'api',
            dryRun: req.body.dryRun,
            ...(req.body.customerId && { customerId: req.body.customerId }),
          }),
        ),
      ),
  );

  app.get(
    '/dunning/runs',
    { schema: { tags, summary: 'Past runs', querystring: z.strictObject({ ...pageQuery }) } },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      let q = db.selectFrom('dunning_runs').selectAll().where('org_id', '=', req.org.id);
      if (page.after) q = q.where('id', '>', page.after);
      const p = toPage(
        await q
          .orderBy('id')
          .limit(page.limit + 1)
          .execute(),
        page.limit,
      );
      const data = p.data.map((r) => ({
        id: r.id,
        runDate: r.run_date,
        trigger: r.trigger,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        actionsCreated: r.actions_created,
        summary: r.summary ? JSON.parse(r.summary) : null,
      }));
      return { data, nextCursor: p.nextCursor };
    },
  );

  app.get(
    '/dunning/actions',
    {
      schema: {
        tags,
        summary: 'Dunning actions; status=pending_review is the approval queue',
        querystring: z.strictObject({
          ...pageQuery,
          status: z.enum(['pending_review', 'scheduled', 'sent', 'skipped', 'failed']).optional(),
          customerId: z.string().optional(),
        }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      return listActions(db, req.org.id, req.query, page);
    },
  );

  app.get(
    '/dunning/actions/:id',
    { schema: { tags, summary: 'One action with its invoices', params: idParams } },
    async (req, reply) => {
      return (
        (await getAction(db, req.org.id, req.params.id)) ?? notFound(reply, 'dunning action', req.params.id)
      );
    },
  );

  app.post(
    '/dunning/actions/:id/approve',
    {
      schema: {
        tags,
        summary:
          'Approve an action waiting for review: it goes out (skipped if everything was paid meanwhile)',
        params: idParams,
        body: z.strictObject({ note: z.string().max(1000).nullish() }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) =>
        approveAction(trx, req.org.id, req.params.id, req.body.note ?? null),
      ),
  );

  app.post(
    '/dunning/actions/:id/skip',
    {
      schema: {
        tags,
        summary: 'Skip an action waiting for review, with a reason (the level counts as given)',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) => skipAction(trx, req.org.id, req.params.id, req.body.reason)),
  );

  app.patch(
    '/dunning/actions/:id',
    {
      schema: {
        tags,
        summary: 'Edit the text of an action waiting for review',
        params: idParams,
        body: z.strictObject({
          subject: z.string().min(1).max(500).optional(),
          body: z.string().min(1).max(20_000).optional(),
        }),
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await inTransaction(db, (trx) => editAction(trx, req.org.id, req.params.id, req.body)),
      ),
  );

  app.get('/dunning/policies', { schema: { tags, summary: 'Policies with their levels' } }, async (req) => ({
    data: [...(await loadPolicies(db, req.org.id)).values()],
  }));

  app.post(
    '/dunning/policies',
    { schema: { tags, summary: 'Create a policy', body: policyInput } },
    (req, reply) =>
      runPost(db, req, reply, 201, async (trx) => ok(await createPolicy(trx, req.org.id, req.body))),
  );

  app.put(
    '/dunning/policies/:id',
    {
      schema: {
        tags,
        summary: "Replace a policy's settings and levels",
        params: idParams,
        body: policyInput,
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await inTransaction(db, (trx) => updatePolicy(trx, req.org.id, req.params.id, req.body)),
      ),
  );

  app.get(
    '/dunning/assignments',
    { schema: { tags, summary: 'Which policy applies where' } },
    async (req) => ({
      data: await listAssignments(db, req.org.id),
    }),
  );

  app.post(
    '/dunning/assignments',
    {
      schema: {
        tags,
        summary:
          'Assign a policy to the organisation, a segment (kind, country, tag), a customer or an invoice; the most specific wins',
        body: assignmentInput,
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 201, async (trx) => {
        const b = req.body;
        if (b.scope === 'customer') {
          const c = await trx
            .selectFrom('customers')
            .select('id')
            .where('org_id', '=', req.org.id)
            .where('id', '=', b.customerId!)
            .executeTakeFirst();
          if (!c)
            return fail('not_found', `no customer ${b.customerId} in this organisation`, {
              field: 'customerId',
            });
        }
        if (b.scope === 'invoice') {
          const i = await trx
            .selectFrom('invoices')
            .select('id')
            .where('org_id', '=', req.org.id)
            .where('id', '=', b.invoiceId!)
            .executeTakeFirst();
          if (!i)
            return fail('not_found', `no invoice ${b.invoiceId} in this organisation`, {
              field: 'invoiceId',
            });
        }
        return assignPolicy(trx, req.org.id, b);
      }),
  );

  app.get(
    '/dunning/templates/:key/:language',
    { schema: { tags, summary: 'The template in use (edited or shipped)', params: templateParams } },
    async (req) =>
      templateFor(await loadTemplateOverrides(db, req.org.id), req.params.key, req.params.language),
  );

  app.put(
    '/dunning/templates/:key/:language',
    {
      schema: {
        tags,
        summary: 'Save an edited template (refused if it does not render)',
        params: templateParams,
        body: templateBody,
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await inTransaction(db, (trx) =>
          saveTemplate(trx, req.org.id, req.params.key, req.params.language, req.body),
        ),
      ),
  );

  app.delete(
    '/dunning/templates/:key/:language',
    { schema: { tags, summary: 'Back to the shipped text', params: templateParams } },
    async (req, reply) => {
      await resetTemplate(db, req.org.id, req.params.key, req.params.language);
      return reply.code(204).send();
    },
  );

  app.post(
    '/dunning/preview',
    {
      schema: {
        tags,
        summary:
          "Render a level's message for a real invoice, optionally with an unsaved template or another language",
        body: z.strictObject({
          invoiceId: z.string().min(1),
          level: z.number().int().min(1).optional(),
          language: z.enum(LANGUAGES).optional(),
          template: templateBody.optional(),
          asOf: isoDate.optional(),
        }),
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await previewMessage(db, req.org.id, { ...req.body, asOf: req.body.asOf ?? today(req) }),
      ),
  );

  app.post(
    '/invoices/:id/hold',
    {
      schema: {
        tags,
        summary: 'Pause dunning for one invoice (a manual hold), with a reason',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, (trx) => setHold(trx, req.org.id, req.params.id, req.body.reason)),
  );

  app.post(
    '/invoices/:id/release',
    { schema: { tags, summary: 'Lift the manual hold of one invoice', params: idParams } },
    (req, reply) => runPost(db, req, reply, 200, (trx) => setHold(trx, req.org.id, req.params.id, null)),
  );
}

async function setHold(db: Db, orgId: string, invoiceId: string, reason: string | null) {
  const r = await db
    .updateTable('invoices')
    .set({ on_hold: sql`${reason === null ? 0 : 1}`, hold_reason: sql`${reason}` } as never)
    .where('org_id', '=', orgId)
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n)
    return fail('not_found', `no invoice ${invoiceId} in this organisation`, { field: 'id' });
  return ok({ invoiceId, onHold: reason !== null, reason });
}
