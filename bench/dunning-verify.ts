import type { Db } from '../src/db/database.ts';
import { DEFAULT_LEVELS } from '../src/dunning/model.ts';
import type { RunSummary } from '../src/dunning/run.ts';

/**
 * Refuses a benchmark run that did not record everything it planned: one dunning_actions row per
 * action, one dunning_action_items row per invoice in them, one outbox email per scheduled action
 * with an email channel, one task per scheduled call or hand-off; no template errors. The counts
 * come from the database and from the run's summary and must agree (default ladder: channels by
 * level position).
 */
export async function verifyRun(
  db: Db,
  orgId: string,
  run: RunSummary,
): Promise<{ actions: number; items: number; messages: number; tasks: number }> {
  if (run.runId === null) throw new Error('the run recorded nothing (dry run?)');
  if (run.errors.length > 0)
    throw new Error(`the run had template errors: ${JSON.stringify(run.errors.slice(0, 3))}`);
  const channels = new Map(DEFAULT_LEVELS.map((l) => [l.position, l.channels]));
  const scheduled = run.actions.filter((a) => a.status === 'scheduled');
  const want = {
    actions: run.created,
    items: run.actions.reduce((n, a) => n + a.invoices.length, 0),
    messages: scheduled.filter((a) => channels.get(a.level)!.includes('email')).length,
    tasks:
      scheduled.filter((a) => channels.get(a.level)!.includes('call_task')).length +
      scheduled.filter((a) => channels.get(a.level)!.includes('task')).length,
  };
  const count = async (
    table: 'dunning_actions' | 'dunning_action_items' | 'outbox' | 'tasks',
    column: 'run_id' | 'action_id',
  ) => {
    const actionIds = db
      .selectFrom('dunning_actions')
      .select('id')
      .where('org_id', '=', orgId)
      .where('run_id', '=', run.runId!);
    const q = db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId);
    const r = await (column === 'run_id'
      ? q.where('run_id', '=', run.runId!)
      : q.where('action_id', 'in', actionIds)
    ).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const got = {
    actions: await count('dunning_actions', 'run_id'),
    items: await count('dunning_action_items', 'action_id'),
    messages: await count('outbox', 'action_id'),
    tasks: await count('tasks', 'action_id'),
  };
  const runRow = await db
    .selectFrom('dunning_runs')
    .select('actions_created')
    .where('org_id', '=', orgId)
    .where('id', '=', run.runId)
    .executeTakeFirstOrThrow();
  if (JSON.stringify(got) !== JSON.stringify(want) || Number(runRow.actions_created) !== run.created) {
    throw new Error(
      `run verification failed:\n got  ${JSON.stringify(got)} (run row: ${runRow.actions_created})\n want ${JSON.stringify(want)}`,
    );
  }
  return got;
}
