import type { Readable } from 'node:stream';
import { z } from 'zod';
import { type Api, idParams, notFound, pageQuery, pageRequest, sendResult, today } from '../api/http.ts';
import { sendProblem } from '../api/problem.ts';
import type { Db } from '../db/database.ts';
import { fail } from '../kernel/errors.ts';
import { toPage } from '../kernel/page.ts';
import { decideBankLine, reviewLine } from './bank-lines.repository.ts';
import { isStatementFormat, parsePostingCodes, STATEMENT_FORMATS } from './formats.ts';
import { importStatementFile } from './import-file.ts';
import { validateCsvMapping } from './parsers/csv.ts';

/** Statement files are streamed, not buffered: up to this size through the API. */
const MAX_STATEMENT_BYTES = 2 * 1024 ** 3;

const STATEMENT_TYPES = [
  'application/octet-stream',
  'application/xml',
  'text/xml',
  'text/plain',
  'text/csv',
  'application/vnd.swift.mt940',
];

/**
 * Bank statements in, matches out: upload a statement file (the body is the file itself), then work
 * the review queue (accept the proposal, choose other invoices or split, or mark a line as not a
 * customer payment).
 */
export async function bankingRoutes(app: Api, db: Db): Promise<void> {
  // The raw body, as a stream: a statement can be a gigabyte.
  app.addContentTypeParser(STATEMENT_TYPES, { bodyLimit: MAX_STATEMENT_BYTES }, (_req, payload, done) =>
    done(null, payload),
  );

  app.post(
    '/bank/statements',
    {
      bodyLimit: MAX_STATEMENT_BYTES,
      schema: {
        tags: ['bank'],
        summary:
          'Import a bank statement file (the request body is the file): camt.053/054, MT940, ABO/GPC, OCR giro, CSV',
        querystring: z.strictObject({
          format: z
            .string()
            .optional()
            .describe(`${STATEMENT_FORMATS.join(' | ')}; detected from the file when left out (not for CSV)`),
          fileName: z.string().max(300).optional(),
          tolerateImbalance: z.enum(['true', 'false']).optional(),
          mapping: z.string().optional().describe('CSV only: the column mapping as JSON'),
          postingCodes: z
            .string()
            .optional()
            .describe(
              'ABO/GPC only, when your bank differs: 1:debit,2:credit,4:credit-storno,5:debit-storno',
            ),
        }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.format !== undefined && !isStatementFormat(q.format)) {
        return sendProblem(reply, {
          code: 'validation_failed',
          message: `unknown format "${q.format}"`,
          field: 'format',
          hint: `one of ${STATEMENT_FORMATS.join(', ')}`,
        });
      }
      let mapping: ReturnType<typeof validateCsvMapping> | undefined;
      if (q.mapping !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(q.mapping);
        } catch {
          return sendProblem(reply, {
            code: 'validation_failed',
            message: 'mapping is not JSON',
            field: 'mapping',
          });
        }
        mapping = validateCsvMapping(parsed);
        if (!mapping.ok) return sendProblem(reply, mapping.error);
      }
      const codes = q.postingCodes === undefined ? undefined : parsePostingCodes(q.postingCodes);
      if (codes && !codes.ok) return sendProblem(reply, codes.error);
      const body = req.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        return sendProblem(reply, {
          code: 'validation_failed',
          message: 'send the statement file as the request body',
          field: 'body',
          hint: `use Content-Type ${STATEMENT_TYPES[0]} (or text/xml, text/plain, text/csv)`,
        });
      }
      const r = await importStatementFile(db, req.org.id, body, {
        asOf: today(req),
        ...(q.format !== undefined && { format: q.format as never }),
        ...(mapping?.ok && { csvMapping: mapping.value }),
        ...(codes?.ok && { postingCodes: codes.value }),
        ...(q.fileName !== undefined && { fileName: q.fileName }),
        tolerateImbalance: q.tolerateImbalance === 'true',
      });
      return sendResult(reply, r, r.ok && r.value.alreadyImported ? 200 : 201);
    },
  );

  app.get(
    '/bank/review',
    {
      schema: {
        tags: ['bank'],
        summary: 'Bank lines waiting for a person, with the proposed match, its reasons and confidence',
        querystring: z.strictObject({ ...pageQuery }),
      },
    },
    async (req, reply) => {
      const page = pageRequest(reply, req.query);
      if (!page) return reply;
      let q = db
        .selectFrom('bank_lines')
        .selectAll()
        .where('org_id', '=', req.org.id)
        .where('match_state', '=', 'review');
      if (page.after) q = q.where('id', '>', page.after);
      const p = toPage(
        await q
          .orderBy('id')
          .limit(page.limit + 1)
          .execute(),
        page.limit,
      );
      return { data: p.data.map(reviewLine), nextCursor: p.nextCursor };
    },
  );

  const allocation = z.strictObject({ invoiceId: z.string().min(1), amount: z.number().int().positive() });

  app.post(
    '/bank/lines/:id/accept',
    {
      schema: {
        tags: ['bank'],
        summary:
          'Apply a line: the proposal as it is, or other invoices and amounts (pick another invoice, split); the rest stays as customer credit',
        params: idParams,
        body: z
          .strictObject({
            customerId: z.string().min(1).optional(),
            allocations: z.array(allocation).max(200).optional(),
          })
          .default({}),
      },
    },
    async (req, reply) => {
      const r = await decideBankLine(db, req.org.id, req.params.id, { accept: req.body });
      if (!r.ok && r.error.code === 'not_found') return notFound(reply, 'bank line', req.params.id);
      return sendResult(reply, r);
    },
  );

  app.post(
    '/bank/lines/:id/ignore',
    {
      schema: {
        tags: ['bank'],
        summary:
          'Mark a line as not a customer payment (a refund, interest, a transfer between own accounts)',
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
      },
    },
    async (req, reply) => {
      const r = await decideBankLine(db, req.org.id, req.params.id, { ignore: req.body.reason });
      if (!r.ok && r.error.code === 'not_found') return notFound(reply, 'bank line', req.params.id);
      return sendResult(reply, r.ok ? r : fail(r.error.code, r.error.message, r.error));
    },
  );
}
