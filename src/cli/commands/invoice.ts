import { rename, rm, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ok } from '../../kernel/errors.ts';
import { action, type Env, resolveOrg, today } from '../context.ts';
import { isoDateOption, withExamples } from '../help.ts';

interface PdfOptions {
  readonly org?: string;
  readonly out?: string;
  readonly asOf?: string;
}

export function registerInvoice(program: Command, env: Env): void {
  const invoice = program.command('invoice').description('invoices as the customer sees them');
  withExamples(
    invoice
      .command('pdf')
      .description("write an invoice as PDF, in the customer's language, with the payment block and QR code")
      .argument('<id>', 'invoice id (inv_...)')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--out <file>', 'where to write it (default: <invoice number>.pdf in the current directory)')
      .option('--as-of <date>', 'day the amount still due is computed for (default: today)', isoDateOption)
      .action(
        action<PdfOptions>(env, async (ctx, [id], opts) => {
          const { loadInvoiceDocument } = await import('../../payment-details/invoice-document.ts');
          const { renderInvoicePdf } = await import('../../payment-details/invoice-pdf.ts');
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const asOf = opts.asOf ?? today(org.value.timeZone);
          const d = await loadInvoiceDocument(db, org.value.id, id!, asOf);
          if (!d.ok) return d;
          const file = opts.out ?? `${d.value.number.replace(/[^\w.-]+/g, '_')}.pdf`;
          const pdf = await renderInvoicePdf(d.value);
          // Written beside the target and renamed, so a failure never leaves half a PDF.
          try {
            await writeFile(`${file}.partial`, pdf);
            await rename(`${file}.partial`, file);
          } catch (e) {
            await rm(`${file}.partial`, { force: true });
            throw e;
          }
          ctx.out.result(
            { invoiceId: id, number: d.value.number, file, bytes: pdf.length, language: d.value.language },
            `Wrote invoice ${d.value.number} (${d.value.language}) to ${file}, ${pdf.length} bytes.`,
          );
          return ok(file);
        }),
      ),
    'npx duly invoice pdf inv_01jd2x... --out faktura.pdf',
    'npx duly invoice pdf inv_01jd2x... --json',
  );
}
