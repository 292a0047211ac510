import type { Command } from 'commander';
import { isIsoDate } from '../../kernel/dates.ts';
import { fail, ok } from '../../kernel/errors.ts';
import { formatMinor } from '../../kernel/money.ts';
import { action, type Env, resolveOrg } from '../context.ts';
import { withExamples } from '../help.ts';

function dateOption(value: string | undefined, name: string) {
  if (value === undefined || isIsoDate(value)) return ok(value);
  return fail('validation_failed', `${name} must be a date as YYYY-MM-DD, got "${value}"`, { field: name });
}

export function registerDunning(program: Command, env: Env): void {
  const dunning = program.command('dunning').description('reminder ladders: run them, simulate them');

  withExamples(
    dunning
      .command('run')
      .description("plan and record today's reminders (safe to repeat: a level is never sent twice)")
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--date <YYYY-MM-DD>', "the day to run for (default: today in each customer's time zone)")
      .option('--dry-run', 'show what would be sent, write nothing')
      .option('--customer <id>', 'only this customer')
      .action(
        action<{ org?: string; date?: string; dryRun?: boolean; customer?: string }>(
          env,
          async (ctx, _a, opts) => {
            const date = dateOption(opts.date, '--date');
            if (!date.ok) return date;
            const { db } = await ctx.database();
            const org = await resolveOrg(db, opts.org);
            if (!org.ok) return org;
            const { runDunning } = await import('../../dunning/run.ts');
            const summary = await runDunning(db, org.value.id, {
              ...(opts.date && { asOf: opts.date }),
              now: new Date().toISOString(),
              trigger: 'cli',
              dryRun: opts.dryRun === true,
              ...(opts.customer && { customerId: opts.customer }),
            });
            const lines = [
              `${summary.dryRun ? 'Dry run (nothing written)' : `Run ${summary.runId}`} for ${summary.asOf}: ` +
                `${summary.actions.length} message${summary.actions.length === 1 ? '' : 's'}` +
                (summary.pendingReview ? `, ${summary.pendingReview} waiting for review` : ''),
              ...summary.actions.map(
                (a) =>
                  `  level ${a.level} ${a.levelName.padEnd(28)} ${a.customerName} (${a.customerId})  ${formatMinor(a.totalOpen, a.currency)} ${a.currency}  ` +
                  `${a.invoices.map((i) => i.number).join(', ')}  (${a.status}, from ${a.sendAfter})`,
              ),
              ...Object.entries(summary.skipped).map(
                ([reason, n]) => `  not now: ${n} x ${reason.replaceAll('_', ' ')}`,
              ),
              ...summary.errors.map(
                (e) =>
                  `  NOT SENT (template error) to ${e.customerName} (${e.customerId}), level ${e.level}: ${e.message}`,
              ),
            ];
            ctx.out.result(summary, lines.join('\n'));
            return ok(summary);
          },
        ),
      ),
    'npx duly dunning run',
    'npx duly dunning run --date 2026-03-31 --dry-run',
    'npx duly dunning run --json',
  );

  withExamples(
    dunning
      .command('simulate')
      .description('what would go out each day of a date range if nobody paid; writes nothing')
      .requiredOption('--from <YYYY-MM-DD>', 'first day')
      .requiredOption('--to <YYYY-MM-DD>', 'last day')
      .option('--org <id>', 'organisation id (may be omitted when the database has exactly one)')
      .option('--customer <id>', 'only this customer')
      .action(
        action<{ org?: string; from: string; to: string; customer?: string }>(env, async (ctx, _a, opts) => {
          for (const [v, n] of [
            [opts.from, '--from'],
            [opts.to, '--to'],
          ] as const) {
            const d = dateOption(v, n);
            if (!d.ok) return d;
          }
          if (opts.from > opts.to)
            return fail('validation_failed', '--from must not be after --to', { field: '--to' });
          const { db } = await ctx.database();
          const org = await resolveOrg(db, opts.org);
          if (!org.ok) return org;
          const { simulateForOrg } = await import('../../dunning/simulate-org.ts');
          const days = await simulateForOrg(db, org.value.id, {
            from: opts.from,
            to: opts.to,
            ...(opts.customer && { customerId: opts.customer }),
          });
          const lines = days.flatMap((d) => [
            d.date,
            ...d.actions.map(
              (a) =>
                `  level ${a.level.position} ${a.level.name.padEnd(28)} ${a.customerId}  ${formatMinor(a.totalOpen, a.currency)} ${a.currency}  ${a.items
                  .map((i) => i.number)
                  .join(', ')}`,
            ),
          ]);
          ctx.out.result(days, lines.length ? lines.join('\n') : 'Nothing would be sent in that period.');
          return ok(days);
        }),
      ),
    'npx duly dunning simulate --from 2026-03-01 --to 2026-04-30',
    'npx duly dunning simulate --from 2026-03-01 --to 2026-03-31 --customer cus_01...',
  );
}
