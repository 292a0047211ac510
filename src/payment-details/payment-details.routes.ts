import { z } from 'zod';
import { type Api, asOfQuery, idParams, today } from '../api/http.ts';
import { sendProblem } from '../api/problem.ts';
import type { Db } from '../db/database.ts';
import { loadInvoiceDocument } from './invoice-document.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';

/** The invoice as the customer receives it: a PDF with the payment block. */
export async function paymentDetailsRoutes(app: Api, db: Db): Promise<void> {
  app.get(
    '/invoices/:id/pdf',
    {
      schema: {
        tags: ['invoices'],
        summary:
          "The invoice as PDF, in the customer's language, with the amount still due and how to pay it",
        params: idParams,
        querystring: z.strictObject({ asOf: asOfQuery }),
      },
    },
    async (req, reply) => {
      const d = await loadInvoiceDocument(db, req.org.id, req.params.id, req.query.asOf ?? today(req));
      if (!d.ok) return sendProblem(reply, d.error);
      const pdf = await renderInvoicePdf(d.value);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${d.value.number.replace(/[^\w.-]+/g, '_')}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );
}
