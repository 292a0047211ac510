import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Argument, type Command } from 'commander';
import type { ExportKind } from '../../exports/export-csv.ts';
import { fail, ok } from '../../kernel/errors.ts';
import { action, type Env, resolveOrg, today } from '../context.ts';
import { isoDateOption, withExamples } from '../help.ts';

interface ExportOptions {
  readonly org?: string;
  readonly out?: string;
  readonly from?: string;
  readonly to?: string;
  readonly asOf?: string;
}

function isBrokenPipe(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 'EPIPE';
}

export function registerExport(program: Command, env: Env): void {
  withExamples(
    program
      .command('export')
      .description('export invoices, payments or the ledger as CSV, streamed (any size)')
      .addArgument(
        new Argument('<what>', 'what to export').choices([
          'invoices',
          'payments',
          'ledger',
        ] satisfies ExportKind[]),
      )
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--out <file>', 'write to this file instead of stdout')
      .option(
        '--from <date>',
        'first day, inclusive (invoices: issue date; payments: received date; ledger: effective date)',
        isoDateOption,
      )
      .option('--to <date>', 'last day, inclusive', isoDateOption)
      .option(
        '--as-of <date>',
        "day invoice status and amount due are computed for (default: today in the organisation's time zone)",
        isoDateOption,
      )
      .addHelpText(
        'after',
        '\nAmounts appear twice: as decimals in their currency (total = 1210.00) and as integer minor units' +
          '\n(total_minor = 121000), beside a currency column. Under --json, stdout stays the CSV unless --out is' +
          '\ngiven, in which case stdout is a JSON summary {kind, orgId, file, rows, asOf}.',
      )
      .action(
        action<ExportOptions>(env, async (ctx, [what], opts) => {
          const kind = what as ExportKind;
          if (opts.from && opts.to && opts.from > opts.to) {
            return fail('validation_failed', `--from ${opts.from} is after --to ${opts.to}`, {
              field: '--from',
            });
          }
          const { exportCsv } = await import('../../exports/export-csv.ts');
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const asOf = opts.asOf ?? today(org.value.timeZone);
          const options = { from: opts.from, to: opts.to, asOf };
          if (!opts.out) {
            try {
              const rows = await exportCsv(
                db,
                org.value.id,
                kind,
                { ...options, end: false },
                process.stdout,
              );
              if (process.stderr.isTTY) ctx.out.note(`Exported ${rows} ${kind} rows (as of ${asOf}).`);
            } catch (e) {
              // `duly export ledger | head` closes the pipe early: the reader has what it wanted.
              if (!isBrokenPipe(e)) throw e;
            }
            return ok(undefined);
          }
          // Written beside the target and renamed at the end, so a failed export never leaves a
          // truncated file that looks complete.
          const partial = `${opts.out}.partial`;
          let rows: number;
          try {
            rows = await exportCsv(db, org.value.id, kind, options, createWriteStream(partial));
            await rename(partial, opts.out);
          } catch (e) {
            await rm(partial, { force: true });
            throw e;
          }
          ctx.out.result(
            {
              kind,
              orgId: org.value.id,
              file: opts.out,
              rows,
              asOf,
              from: opts.from ?? null,
              to: opts.to ?? null,
            },
            `Wrote ${rows} ${kind} rows to ${opts.out} (${org.value.legalName}, as of ${asOf}).`,
          );
          return ok(rows);
        }),
      ),
    'npx duly export invoices --org org_01jd2x... --out invoices.csv',
    'npx duly export ledger --from 2026-01-01 --to 2026-03-31 > ledger-q1.csv',
    'npx duly export payments --json --out payments.csv',
  );
}
