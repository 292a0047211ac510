import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { isPostgres } from '../db/dialect.ts';
import type { ActionStatus } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { newId } from '../kernel/ids.ts';
import {
  type Calendar,
  createCalendar,
  nextSendInstant,
  runDateFor,
  zonedTimeToInstant,
} from './calendar.ts';
import { type CustomerMeta, loadDunningInputs } from './dunning-inputs.ts';
import type { PlannedAction, SkipReason } from './plan.ts';
import { planDunning } from './plan.ts';
import { ensureDefaultPolicy, type StoredPolicy } from './policies.repository.ts';
import { recordActions } from './record-actions.ts';

export interface RunOptions {
  /** The day to plan for. Default: today in the organisation's time zone (and each customer's). */
  readonly asOf?: IsoDate;
  /** The run's instant (ISO); sending windows are computed from it. The shell's clock. */
  readonly now: string;
  readonly trigger: 'scheduler' | 'cli' | 'api';
  readonly dryRun?: boolean;
  readonly customerId?: string;
}

export interface RunAction {
  readonly actionId: string | null;
  readonly customerId: string;
  readonly customerName: string;
  readonly currency: string;
  readonly level: number;
  readonly levelName: string;
  readonly status: ActionStatus | 'planned';
  readonly sendAfter: string;
  readonly totalOpen: number;
  readonly invoices: readonly {
    readonly invoiceId: string;
    readonly number: string;
    readonly level: number;
    readonly open: number;
  }[];
}

export interface RunSummary {
  readonly runId: string | null;
  readonly asOf: IsoDate;
  readonly dryRun: boolean;
  readonly actions: readonly RunAction[];
  readonly created: number;
  readonly pendingReview: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** Messages a template could not render: not recorded, so the next run tries again once it is fixed. */
  readonly errors: readonly {
    readonly customerId: string;
    readonly customerName: string;
    readonly level: number;
    readonly message: string;
  }[];
}

const calendar: Calendar = createCalendar();

/**
 * One dunning run for an organisation: load a snapshot, plan (pure), and record every action with
 * its outgoing messages in one transaction. Safe to repeat: levels already given are never planned
 * again, PostgreSQL runs of the same organisation take turns on an advisory lock, and the primary
 * key (org, invoice, level) of dunning_action_items refuses a second action for a level whatever
 * happens, so a run that lost a race fails whole instead of sending twice.
 */
export async function runDunning(db: Db, orgId: string, opts: RunOptions): Promise<RunSummary> {
  await ensureDefaultPolicy(db, orgId);
  const org = await db
    .selectFrom('organizations')
    .select(['time_zone'])
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  const asOf = opts.asOf ?? runDateFor(opts.now, org.time_zone);
  const explicitDate = opts.asOf !== undefined && opts.asOf !== runDateFor(opts.now, org.time_zone);
  const work = async (trx: Db): Promise<RunSummary> => {
    if (isPostgres(trx))
      await sql`select pg_advisory_xact_lock(hashtext(${`duly-dunning:${orgId}`}))`.execute(trx);
    const { actions, skipped, customerMeta, policies } = await planRun(trx, orgId, asOf, opts);
    const sendAfterFor = (a: PlannedAction): string => {
      const meta = customerMeta.get(a.customerId)!;
      const policy = policies.get(a.policyId)!;
      // A run for another day (catching up, testing) opens that day's window, not today's.
      const base = explicitDate ? zonedTimeToInstant(a.asOf, '00:00', meta.timeZone) : opts.now;
      return nextSendInstant(base, meta.timeZone, meta.country, policy.window, calendar);
    };
    if (opts.dryRun) {
      return {
        runId: null,
        asOf,
        dryRun: true,
        actions: actions.map((a) => describe(a, customerMeta, null, 'planned', sendAfterFor(a))),
        created: 0,
        pendingReview: 0,
        skipped,
        errors: [],
      };
    }

    const runId = newId('dunningRun');
    const startedAt = nowIso();
    await trx
      .insertInto('dunning_runs')
      .values({
        id: runId,
        org_id: orgId,
        run_date: asOf,
        trigger: opts.trigger,
        started_at: startedAt,
        actions_created: 0,
      })
      .execute();
    const { recorded, errors } = await recordActions(trx, orgId, actions, {
      runId,
      now: startedAt,
      sendAfterFor,
    });
    await trx
      .updateTable('dunning_runs')
      .set({
        finished_at: nowIso(),
        actions_created: recorded.length,
        summary: JSON.stringify({ skipped, errors: errors.length }),
      })
      .where('org_id', '=', orgId)
      .where('id', '=', runId)
      .execute();
    return {
      runId,
      asOf,
      dryRun: false,
      actions: recorded.map((r) => describe(r.planned, customerMeta, r.actionId, r.status, r.sendAfter)),
      created: recorded.length,
      pendingReview: recorded.filter((r) => r.status === 'pending_review').length,
      skipped,
      errors,
    };
  };
  // Inside a caller's transaction (an API request with an Idempotency-Key), run in it.
  return opts.dryRun || db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Loads the snapshot and plans. Only what recording needs comes out: the open invoices and the
 * skip list (a million objects each for a large organisation) stay in here and can be collected
 * before the messages are rendered, which keeps garbage collection of a big run cheap.
 */
async function planRun(
  trx: Db,
  orgId: string,
  asOf: IsoDate,
  opts: RunOptions,
): Promise<{
  actions: readonly PlannedAction[];
  skipped: Partial<Record<SkipReason, number>>;
  customerMeta: ReadonlyMap<string, CustomerMeta>;
  policies: ReadonlyMap<string, StoredPolicy>;
}> {
  const inputs = await loadDunningInputs(trx, orgId, {
    ...(opts.customerId && { customerId: opts.customerId }),
    ...(!opts.asOf && { customerAsOf: (tz: string) => runDateFor(opts.now, tz) }),
  });
  const plan = planDunning(inputs.invoices, inputs.customers, inputs.policies, asOf, calendar);
  const skipped: Partial<Record<SkipReason, number>> = {};
  for (const s of plan.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
  return { actions: plan.actions, skipped, customerMeta: inputs.customerMeta, policies: inputs.policies };
}

function describe(
  a: PlannedAction,
  customers: ReadonlyMap<string, CustomerMeta>,
  actionId: string | null,
  status: RunAction['status'],
  sendAfter: string,
): RunAction {
  return {
    actionId,
    customerId: a.customerId,
    customerName: customers.get(a.customerId)?.name ?? '',
    currency: a.currency,
    level: a.level.position,
    levelName: a.level.name,
    status,
    sendAfter,
    totalOpen: a.totalOpen,
    invoices: a.items.map((i) => ({
      invoiceId: i.invoiceId,
      number: i.number,
      level: i.level.position,
      open: i.open,
    })),
  };
}
