import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { ImportSummary } from '../../imports/import-run.ts';
import { fail, type Result } from '../../kernel/errors.ts';
import { action, type CliContext, type Env, resolveOrg } from '../context.ts';
import { withExamples } from '../help.ts';
import type { Output } from '../output.ts';

type Kind = 'customers' | 'invoices';

/**
 * The CSV headers, for --help. Spelled out here so that `--help` does not load the importers (and
 * zod and the drivers); import.test.ts checks them against CUSTOMER_COLUMNS and INVOICE_COLUMNS.
 */
export const IMPORT_HEADERS: Readonly<
  Record<Kind, { required: string[]; optional: string[]; notes: string }>
> = {
  customers: {
    required: ['ref', 'name', 'country'],
    optional: [
      'kind',
      'language',
      'time_zone',
      'currency',
      'vat_id',
      'payment_terms_days',
      'credit_limit',
      'tags',
      'contact_name',
      'email',
      'phone',
      'iban',
      'address_line1',
      'address_line2',
      'postal_code',
      'city',
    ],
    notes:
      'One row per customer; ref is your customer number, unique in the organisation. credit_limit is a decimal\n' +
      'in the customer\'s currency (1500.00); tags are separated by ";". Language, currency and time zone\n' +
      'default from the country. The postal address (for letters and invoices) needs address_line1 and city.',
  },
  invoices: {
    required: ['number', 'customer_ref', 'issue_date', 'description', 'unit_price'],
    optional: ['delivery_date', 'due_date', 'terms', 'currency', 'quantity', 'vat_rate'],
    notes:
      'One row per invoice line; consecutive rows with the same number form one invoice. customer_ref is the\n' +
      'ref of an imported customer; dates are YYYY-MM-DD; unit_price is a decimal in the invoice currency\n' +
      "(1210.50); vat_rate is a percentage (21); due_date, or terms in days, else the customer's terms, else 30.",
  },
};

function headersHelp(kind: Kind): string {
  const h = IMPORT_HEADERS[kind];
  return (
    `\nCSV header (first row), in any order:\n  required: ${h.required.join(', ')}\n` +
    `  optional: ${h.optional.join(', ')}\n${h.notes}\nDetails: src/imports/README.md\n`
  );
}

/** Data rows in a CSV file, for the progress bar's total: newlines minus the header. */
async function countDataLines(path: string): Promise<number> {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return Math.max(0, newlines + (last === 0x0a ? 0 : 1) - 1);
}

/** A progress bar on stderr, only for a person at a terminal (never in --json or in a pipe). */
async function progressFor(out: Output, kind: Kind, file: string) {
  if (out.json || !process.stderr.isTTY) return undefined;
  const total = await countDataLines(file);
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `Importing ${kind} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (rows: number) => {
      // The total counts newlines, so it can be off for quoted multi-line cells; never show > 100 %.
      if (rows > bar.getTotal()) bar.setTotal(rows);
      bar.update(rows);
    },
    stop: () => bar.stop(),
  };
}

function summaryText(kind: Kind, s: ImportSummary, file: string, seconds: number): string {
  const tables = Object.entries(s.written)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  const rate = seconds >= 1 ? `, ${Math.round(s.rowsRead / seconds)} rows/s` : '';
  return (
    `Imported ${s.created} ${kind} from ${file} in ${seconds.toFixed(1)} s (${s.rowsRead} CSV rows${rate}).\n` +
    `Rows written: ${s.rowsWritten} (${tables}).`
  );
}

async function runImport(
  ctx: CliContext,
  kind: Kind,
  file: string,
  orgId?: string,
): Promise<Result<unknown>> {
  try {
    await access(file, constants.R_OK);
  } catch {
    return fail('not_found', `cannot read ${file}`, {
      field: 'FILE',
      hint: `give the path of a CSV file; the headers are documented in src/imports/README.md`,
    });
  }
  const handle = await ctx.database();
  const org = await resolveOrg(handle.db, orgId);
  if (!org.ok) return org;
  const progress = await progressFor(ctx.out, kind, file);
  const started = performance.now();
  const opts = { onProgress: (rows: number) => progress?.update(rows) };
  let result: Result<ImportSummary>;
  try {
    result =
      kind === 'customers'
        ? await (await import('../../imports/import-customers.ts')).importCustomersCsv(
            handle,
            org.value,
            createReadStream(file),
            opts,
          )
        : await (await import('../../imports/import-invoices.ts')).importInvoicesCsv(
            handle,
            org.value.id,
            createReadStream(file),
            opts,
          );
  } finally {
    progress?.stop();
  }
  if (!result.ok) {
    const { code, message, ...rest } = result.error;
    return fail(code, message, {
      ...rest,
      hint: rest.hint ?? 'nothing was imported (all or nothing): fix the file and run the same command again',
    });
  }
  const seconds = (performance.now() - started) / 1000;
  ctx.out.result(
    { kind, orgId: org.value.id, file, seconds: Number(seconds.toFixed(3)), ...result.value },
    summaryText(kind, result.value, file, seconds),
  );
  return result;
}

export function registerImport(program: Command, env: Env): void {
  const imp = program
    .command('import')
    .description('import customers or invoices from CSV, all or nothing (headers: src/imports/README.md)');

  for (const [kind, example] of [
    ['customers', 'npx duly import customers customers.csv --org org_01jd2x...'],
    ['invoices', 'npx duly import invoices invoices.csv --org org_01jd2x...'],
  ] as const) {
    withExamples(
      imp
        .command(kind)
        .description(
          `import ${kind} from a CSV file; any bad row rejects the whole file and every problem is listed by line and column`,
        )
        .argument('<file>', 'CSV file (UTF-8) with a header row')
        .addHelpText('after', headersHelp(kind))
        .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
        .action(
          action<{ org?: string }>(env, async (ctx, [file], opts) => runImport(ctx, kind, file!, opts.org)),
        ),
      example,
    );
  }
}
