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
import { deliverAction } from './deliver.ts';
import { loadContactInfo, loadDunningInputs, loadSeller } from './dunning-inputs.ts';
import { messageVars } from './message-vars.ts';
import type { TemplateKey } from './model.ts';
import type { PlannedAction, SkipReason } from './plan.ts';
import { planDunning } from './plan.ts';
import { ensureDefaultPolicy } from './policies.repository.ts';
import { loadTemplateOverrides, templateFor } from './template-store.ts';
import { renderMessage } from './templates/render.ts';

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
    const inputs = await loadDunningInputs(trx, orgId, {
      ...(opts.customerId && { customerId: opts.customerId }),
      ...(!opts.asOf && { customerAsOf: (tz: string) => runDateFor(opts.now, tz) }),
    });
    const plan = planDunning(inputs.invoices, inputs.customers, inputs.policies, asOf, calendar);
    const skipped: Partial<Record<SkipReason, number>> = {};
    for (const s of plan.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    const sendAfterFor = (a: PlannedAction): string => {
      const meta = inputs.customerMeta.get(a.customerId)!;
      const policy = inputs.policies.get(a.policyId)!;
      // A run for another day (catching up, testing) opens that day's window, not today's.
      const base = explicitDate ? zonedTimeToInstant(a.asOf, '00:00', meta.timeZone) : opts.now;
      return nextSendInstant(base, meta.timeZone, meta.country, policy.window, calendar);
    };
    const describe = (
      a: PlannedAction,
      actionId: string | null,
      status: RunAction['status'],
      sendAfter: string,
    ): RunAction => ({
      actionId,
      customerId: a.customerId,
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
    });
    if (opts.dryRun) {
      return {
        runId: null,
        asOf,
        dryRun: true,
        actions: plan.actions.map((a) => describe(a, null, 'planned', sendAfterFor(a))),
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
    const [seller, contacts, overrides] = await Promise.all([
      loadSeller(trx, orgId),
      loadContactInfo(trx, orgId, [...new Set(plan.actions.map((a) => a.customerId))]),
      loadTemplateOverrides(trx, orgId),
    ]);
    const recorded: RunAction[] = [];
    const errors: { customerId: string; level: number; message: string }[] = [];
    for (const a of plan.actions) {
      const customer = contacts.get(a.customerId)!;
      const vars = messageVars({
        seller,
        customer,
        level: a.level,
        currency: a.currency,
        items: a.items,
        today: a.asOf,
      });
      const template = templateFor(overrides, a.level.templateKey as TemplateKey, customer.language);
      const rendered = renderMessage(template, vars);
      if (!rendered.ok) {
        errors.push({ customerId: a.customerId, level: a.level.position, message: rendered.error.message });
        continue;
      }
      const actionId = newId('dunningAction');
      const sendAfter = sendAfterFor(a);
      const status: ActionStatus = a.level.review ? 'pending_review' : 'scheduled';
      await trx
        .insertInto('dunning_actions')
        .values({
          id: actionId,
          org_id: orgId,
          run_id: runId,
          customer_id: a.customerId,
          policy_id: a.policyId,
          level_position: a.level.position,
          level_name: a.level.name,
          kind: a.level.kind,
          channels: a.level.channels.join(','),
          template_key: a.level.templateKey,
          language: customer.language,
          currency: a.currency,
          total_open: a.totalOpen,
          run_date: a.asOf,
          send_after: sendAfter,
          status,
          subject: rendered.value.subject,
          body: rendered.value.text,
          decision_note: null,
          decided_at: null,
          created_at: startedAt,
        })
        .execute();
      await trx
        .insertInto('dunning_action_items')
        .values(
          a.items.map((i) => ({
            org_id: orgId,
            invoice_id: i.invoiceId,
            level_position: i.level.position,
            action_id: actionId,
            open_amount: i.open,
            days_overdue: i.daysOverdue,
            run_date: a.asOf,
          })),
        )
        .execute();
      if (status === 'scheduled') {
        await deliverAction(trx, orgId, {
          actionId,
          customer,
          channels: a.level.channels,
          vars,
          message: rendered.value,
          sendAfter,
          dueDate: a.asOf,
        });
      }
      recorded.push(describe(a, actionId, status, sendAfter));
    }
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
      actions: recorded,
      created: recorded.length,
      pendingReview: recorded.filter((r) => r.status === 'pending_review').length,
      skipped,
      errors,
    };
  };
  // Inside a caller's transaction (an API request with an Idempotency-Key), run in it.
  return opts.dryRun || db.isTransaction ? work(db) : db.transaction().execute(work);
}
