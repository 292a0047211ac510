import { constants, createReadStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { fail, ok, type Result } from '../../kernel/errors.ts';
import { formatMinor } from '../../kernel/money.ts';
import { action, type CliContext, type Env, resolveOrg, today } from '../context.ts';
import { withExamples } from '../help.ts';

interface StatementOptions {
  readonly org?: string;
  readonly format?: string;
  readonly mapping?: string;
  readonly tolerateImbalance?: boolean;
  readonly postingCodes?: string;
}

/** A byte progress bar on stderr, only for a person at a terminal. */
function progressBar(ctx: CliContext, total: number) {
  if (ctx.out.json || !process.stderr.isTTY || total < 1_000_000) return undefined;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'Importing statement [{bar}] {percentage}% | {value}/{total} MB | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  const mb = (n: number) => Math.round(n / 1e5) / 10;
  bar.start(mb(total), 0);
  return { update: (bytes: number) => bar.update(mb(bytes)), stop: () => bar.stop() };
}

async function importStatementCommand(
  ctx: CliContext,
  file: string,
  opts: StatementOptions,
): Promise<Result<unknown>> {
  try {
    await access(file, constants.R_OK);
  } catch {
    return fail('not_found', `cannot read ${file}`, {
      field: 'FILE',
      hint: 'give the path of the statement file',
    });
  }
  const { isStatementFormat, STATEMENT_FORMATS } = await import('../../banking/formats.ts');
  if (opts.format !== undefined && !isStatementFormat(opts.format)) {
    return fail('validation_failed', `unknown format "${opts.format}"`, {
      field: '--format',
      hint: `one of ${STATEMENT_FORMATS.join(', ')}`,
    });
  }
  let csvMapping: unknown;
  if (opts.mapping) {
    const { validateCsvMapping } = await import('../../banking/parsers/csv.ts');
    let json: unknown;
    try {
      json = JSON.parse(await readFile(opts.mapping, 'utf8'));
    } catch (e) {
      return fail('validation_failed', `cannot read the mapping ${opts.mapping}: ${(e as Error).message}`, {
        field: '--mapping',
      });
    }
    const m = validateCsvMapping(json);
    if (!m.ok) return m;
    csvMapping = m.value;
  }
  let postingCodes: unknown;
  if (opts.postingCodes) {
    const { parsePostingCodes } = await import('../../banking/formats.ts');
    const codes = parsePostingCodes(opts.postingCodes);
    if (!codes.ok)
      return fail(codes.error.code, codes.error.message, { ...codes.error, field: '--posting-codes' });
    postingCodes = codes.value;
  }
  const { db } = await ctx.database();
  const org = await resolveOrg(db, opts.org);
  if (!org.ok) return org;
  const { importStatementFile } = await import('../../banking/import-file.ts');
  const bar = progressBar(ctx, (await stat(file)).size);
  const started = performance.now();
  const r = await importStatementFile(db, org.value.id, createReadStream(file), {
    asOf: today(org.value.timeZone),
    fileName: file,
    ...(opts.format !== undefined && { format: opts.format as never }),
    ...(csvMapping !== undefined && { csvMapping: csvMapping as never }),
    ...(postingCodes !== undefined && { postingCodes: postingCodes as never }),
    ...(opts.tolerateImbalance && { tolerateImbalance: true }),
    ...(bar && { onProgress: bar.update }),
  }).finally(() => bar?.stop());
  if (!r.ok) {
    return fail(r.error.code, r.error.message, {
      ...r.error,
      hint:
        r.error.hint ?? 'nothing was imported (all or nothing): fix the file or the options and run it again',
    });
  }
  const s = r.value;
  const seconds = (performance.now() - started) / 1000;
  const m = s.matching;
  const text = s.alreadyImported
    ? `Nothing new in ${file}: its ${s.duplicates} entries were imported before${s.importId ? ` (${s.importId})` : ''}.`
    : [
        `Imported ${file} (${s.format}): ${s.statements} statement(s), ${s.lines} new lines (${s.credits} credits)` +
          `${s.duplicates ? `, ${s.duplicates} already known` : ''} in ${seconds.toFixed(1)} s.`,
        ...(m
          ? [
              `Matched: ${m.applied} applied automatically, ${m.review} waiting for review (npx duly bank review)` +
                `${m.returned ? `, ${m.returned} returned payment(s) un-applied` : ''}.`,
            ]
          : []),
        ...s.warnings.map((w) => `Warning: ${w}`),
      ].join('\n');
  ctx.out.result({ file, seconds: Number(seconds.toFixed(3)), ...s }, text);
  return ok(s);
}

export function registerBank(program: Command, env: Env): void {
  const imp = program.commands.find((c) => c.name() === 'import');
  if (!imp) throw new Error('register the import command first');
  withExamples(
    imp
      .command('statement')
      .description(
        'import a bank statement (camt.053/054, MT940, ABO/GPC, OCR giro, CSV), all or nothing, then match it',
      )
      .argument('<file>', 'the statement file as the bank sent it')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--format <format>', 'camt.053 | camt.054 | mt940 | gpc | ocr-giro | csv (default: detected)')
      .option('--mapping <file.json>', 'CSV only: which column holds the date, the amount, the text...')
      .option('--tolerate-imbalance', 'import a file whose balances do not add up, recording the difference')
      .option(
        '--posting-codes <codes>',
        'ABO/GPC only, when your bank differs from 1:debit,2:credit,4:credit-storno,5:debit-storno',
      )
      .action(action<StatementOptions>(env, (ctx, [file], opts) => importStatementCommand(ctx, file!, opts))),
    'npx duly import statement 2026-03-07.xml',
    'npx duly import statement vypis.gpc --format gpc',
    'npx duly import statement export.csv --format csv --mapping bank.json',
  );

  const bank = program.command('bank').description('the bank review queue: lines Duly could not match alone');
  withExamples(
    bank
      .command('review')
      .description('list the lines waiting for a person, with the proposed match and its reasons')
      .option('--org <id>', 'organisation id')
      .action(
        action<{ org?: string }>(env, async (ctx, _args, opts) => {
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const { reviewLine } = await import('../../banking/bank-lines.repository.ts');
          const rows = await db
            .selectFrom('bank_lines')
            .selectAll()
            .where('org_id', '=', org.value.id)
            .where('match_state', '=', 'review')
            .orderBy('id')
            .limit(200)
            .execute();
          const lines = rows.map(reviewLine);
          const text = lines.length
            ? lines
                .map(
                  (l) =>
                    `${l.id}  ${l.bookingDate ?? '?'}  ${formatMinor(l.amount, l.currency)} ${l.currency}  ` +
                    `${l.payerName ?? '(no name)'}  "${l.text.slice(0, 60)}"\n` +
                    `    ${l.confidence ?? 0}%  ${(l.proposal?.reasons ?? [l.note ?? 'no proposal']).join('; ')}`,
                )
                .join('\n')
            : 'Nothing waits for review.';
          ctx.out.result({ data: lines }, text);
          return ok(lines);
        }),
      ),
    'npx duly bank review',
  );
  withExamples(
    bank
      .command('accept')
      .description('apply a line as proposed, or to the invoices you name (--invoice ID:AMOUNT, repeatable)')
      .argument('<line>', 'bank line id (bln_...)')
      .option('--org <id>', 'organisation id')
      .option(
        '--invoice <id:amount>',
        'an invoice and the minor units to apply to it',
        (v, all: string[] = []) => [...all, v],
      )
      .action(
        action<{ org?: string; invoice?: string[] }>(env, async (ctx, [lineId], opts) => {
          const allocations = (opts.invoice ?? []).map((v) => {
            const [invoiceId, amount] = v.split(':');
            return { invoiceId: invoiceId ?? '', amount: Number(amount) };
          });
          const bad = allocations.find(
            (a) => !a.invoiceId || !Number.isSafeInteger(a.amount) || a.amount <= 0,
          );
          if (bad) {
            return fail(
              'validation_failed',
              'write --invoice inv_...:AMOUNT with the amount in minor units',
              {
                field: '--invoice',
              },
            );
          }
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const { decideBankLine } = await import('../../banking/bank-lines.repository.ts');
          const r = await decideBankLine(db, org.value.id, lineId!, {
            accept: allocations.length ? { allocations } : {},
          });
          if (!r.ok) return r;
          ctx.out.result(r.value, `Applied ${lineId}: payment ${r.value.paymentId}.`);
          return r;
        }),
      ),
    'npx duly bank accept bln_01jd2x...',
    'npx duly bank accept bln_01jd2x... --invoice inv_01a...:125000 --invoice inv_01b...:40000',
  );
  withExamples(
    bank
      .command('ignore')
      .description('mark a line as not a customer payment')
      .argument('<line>', 'bank line id (bln_...)')
      .requiredOption('--reason <text>', 'why (a refund, interest, a transfer between own accounts)')
      .option('--org <id>', 'organisation id')
      .action(
        action<{ org?: string; reason: string }>(env, async (ctx, [lineId], opts) => {
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const { decideBankLine } = await import('../../banking/bank-lines.repository.ts');
          const r = await decideBankLine(db, org.value.id, lineId!, { ignore: opts.reason });
          if (!r.ok) return r;
          ctx.out.result(r.value, `Marked ${lineId} as not a customer payment.`);
          return r;
        }),
      ),
    'npx duly bank ignore bln_01jd2x... --reason "interest from the bank"',
  );
}
