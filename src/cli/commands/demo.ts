import type { Command } from 'commander';
import type { Db } from '../../db/database.ts';
import type { DemoSummary } from '../../demo/demo.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import { ok } from '../../kernel/errors.ts';
import { action, type Env, today } from '../context.ts';
import { integerIn, isoDateOption, withExamples } from '../help.ts';

/**
 * The demo organisation is a Czech business (planOrg in src/demo/plan-demo.ts), so "today" is
 * taken in Prague: the demo creates the organisation itself, so its time zone cannot be read first.
 */
export const DEMO_TIME_ZONE = 'Europe/Prague';

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  readonly asOf?: IsoDate;
}

export type { DemoSummary };

/** Loads the demo; shared by `duly demo` and by `duly serve` on an empty database. */
export async function loadDemoData(db: Db, opts: DemoOptions): Promise<DemoSummary> {
  const { loadDemo } = await import('../../demo/demo.ts');
  return loadDemo(db, {
    customers: opts.customers,
    seed: opts.seed,
    asOf: opts.asOf ?? today(DEMO_TIME_ZONE),
  });
}

export function describeDemo(d: DemoSummary): string {
  return (
    `Loaded the demo organisation ${d.org.id} "${d.org.legalName}": ${d.customers} customers, ` +
    `${d.invoices} invoices, ${d.payments} payments, ${d.creditNotes} credit notes, ${d.writeOffs} write-offs.`
  );
}

export function demoJson(d: DemoSummary) {
  const { org, ...counts } = d;
  return { orgId: org.id, legalName: org.legalName, ...counts };
}

export function registerDemo(program: Command, env: Env): void {
  withExamples(
    program
      .command('demo')
      .description('load a believable demo organisation with customers, invoices and payments')
      .option('--customers <n>', 'how many customers', integerIn(1, 100_000), 200)
      .option('--seed <n>', 'random seed: the same seed gives the same data', integerIn(0, 2 ** 31 - 1), 1)
      .option('--as-of <date>', 'the day the history leads up to (default: today)', isoDateOption)
      .action(
        action<DemoOptions>(env, async (ctx, _args, opts) => {
          const { db } = await ctx.database();
          ctx.out.note(`Loading the demo (${opts.customers} customers, seed ${opts.seed})...`);
          const demo = await loadDemoData(db, opts);
          ctx.out.result(
            demoJson(demo),
            `${describeDemo(demo)}\nNext, an API token for it:  npx duly token create --org ${demo.org.id}`,
          );
          return ok(demo);
        }),
      ),
    'npx duly demo --customers 200 --seed 1',
    'npx duly demo --customers 50 --seed 7 --as-of 2026-06-30',
  );
}
