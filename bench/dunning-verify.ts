import { sql } from 'kysely';
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
  // Rows of this run's actions, through a join on the action (dunning_action_items and outbox have
  // an index on action_id; dunning_actions none on run_id).
  const count = async (table: 'dunning_action_items' | 'outbox' | 'tasks') => {
    const r = await sql<{ n: number }>`
      SELECT count(*) AS n FROM dunning_actions a JOIN ${sql.table(table)} t ON t.action_id = a.id
      WHERE a.org_id = ${orgId} AND a.run_id = ${run.runId} AND t.org_id = ${orgId}`.execute(db);
    return Number(r.rows[0]!.n);
  };
  const actions = await db
    .selectFrom('dunning_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('run_id', '=', run.runId)
    .executeTakeFirstOrThrow();
  const got = {
    actions: Number(actions.n),
    items: await count('dunning_action_items'),
    messages: await count('outbox'),
    tasks: await count('tasks'),
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
