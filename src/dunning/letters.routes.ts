import { z } from 'zod';
import { type Api, idParams, notFound, pageQuery, pageRequest } from '../api/http.ts';
import { runPost } from '../api/idempotency.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok } from '../kernel/errors.ts';
import { toPage } from '../kernel/page.ts';
import { produceLetters } from './letters.ts';

/** Letters to print (formal demands, warnings) and tasks for people (calls, hand-offs). */
export async function lettersAndTasksRoutes(app: Api, db: Db): Promise<void> {
  app.get(
    '/letters',
    {
      schema: {
        tags: ['dunning'],
        summary: 'Letters for printing (rendered on demand); printed=false lists what is still to print',
        querystring: z.strictObject({ ...pageQuery, printed: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      await produceLetters(db, req.org.id);
      let q = db
        .selectFrom('letters')
        .select(['id', 'action_id', 'customer_id', 'title', 'created_at', 'printed_at'])
        .where('org_id', '=', req.org.id);
      if (page.after) q = q.where('id', '>', page.after);
      if (req.query.printed === 'true') q = q.where('printed_at', 'is not', null);
      if (req.query.printed === 'false') q = q.where('printed_at', 'is', null);
      const p = toPage(
        await q
          .orderBy('id')
          .limit(page.limit + 1)
          .execute(),
        page.limit,
      );
      return {
        data: p.data.map((l) => ({
          id: l.id,
          actionId: l.action_id,
          customerId: l.customer_id,
          title: l.title,
          createdAt: l.created_at,
          printedAt: l.printed_at,
          pdfUrl: `/api/v1/letters/${l.id}/pdf`,
        })),
        nextCursor: p.nextCursor,
      };
    },
  );

  app.get(
    '/letters/:id/pdf',
    { schema: { tags: ['dunning'], summary: 'The letter as PDF', params: idParams } },
    async (req, reply) => {
      const l = await db
        .selectFrom('letters')
        .select(['pdf', 'title'])
        .where('org_id', '=', req.org.id)
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!l) return notFound(reply, 'letter', req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${req.params.id}.pdf"`)
        .send(Buffer.from(l.pdf));
    },
  );

  app.post(
    '/letters/:id/printed',
    { schema: { tags: ['dunning'], summary: 'Mark a letter as printed and posted', params: idParams } },
    (req, reply) =>
      runPost(db, req, reply, 200, async (trx) => {
        const r = await trx
          .updateTable('letters')
          .set({ printed_at: nowIso() })
          .where('org_id', '=', req.org.id)
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        return r.numUpdatedRows === 0n
          ? fail('not_found', `no letter ${req.params.id} in this organisation`, { field: 'id' })
          : ok({ id: req.params.id, printed: true });
      }),
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['dunning'],
        summary: 'Tasks for people: calls to make (with the script), hand-offs',
        querystring: z.strictObject({
          ...pageQuery,
          status: z.enum(['open', 'done', 'cancelled']).optional(),
          customerId: z.string().optional(),
        }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      let q = db.selectFrom('tasks').selectAll().where('org_id', '=', req.org.id);
      if (page.after) q = q.where('id', '>', page.after);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      if (req.query.customerId) q = q.where('customer_id', '=', req.query.customerId);
      const p = toPage(
        await q
          .orderBy('id')
          .limit(page.limit + 1)
          .execute(),
        page.limit,
      );
      return {
        data: p.data.map((t) => ({
          id: t.id,
          customerId: t.customer_id,
          actionId: t.action_id,
          kind: t.kind,
          title: t.title,
          script: t.script,
          status: t.status,
          dueDate: t.due_date,
          outcome: t.outcome,
          notes: t.notes,
          createdAt: t.created_at,
          completedAt: t.completed_at,
        })),
        nextCursor: p.nextCursor,
      };
    },
  );

  app.post(
    '/tasks/:id/complete',
    {
      schema: {
        tags: ['dunning'],
        summary:
          'Close a task with its outcome (a call: reached, not reached, promise, dispute, refused, wrong contact)',
        params: idParams,
        body: z.strictObject({
          outcome: z.enum([
            'reached',
            'not_reached',
            'promise',
            'dispute',
            'refused',
            'wrong_contact',
            'handed_over',
            'other',
          ]),
          notes: z.string().max(5000).nullish(),
        }),
      },
    },
    (req, reply) =>
      runPost(db, req, reply, 200, async (trx) => {
        const r = await trx
          .updateTable('tasks')
          .set({
            status: 'done',
            outcome: req.body.outcome,
            notes: req.body.notes ?? null,
            completed_at: nowIso(),
          })
          .where('org_id', '=', req.org.id)
          .where('id', '=', req.params.id)
          .where('status', '=', 'open')
          .executeTakeFirst();
        return r.numUpdatedRows === 0n
          ? fail('not_found', `no open task ${req.params.id} in this organisation`, { field: 'id' })
          : ok({ id: req.params.id, status: 'done', outcome: req.body.outcome });
      }),
  );
}
