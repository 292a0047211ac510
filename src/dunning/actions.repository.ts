import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ActionStatus, Channel, DunningActionsTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { type Page, type PageRequest, toPage } from '../kernel/page.ts';
import { invoiceBalances } from '../ledger/ledger.repository.ts';
import { deliverAction } from './deliver.ts';
import { loadContactInfo, loadSeller } from './dunning-inputs.ts';
import type { SellerInfo } from './message-vars.ts';
import { type CustomerContactInfo, messageVars } from './message-vars.ts';
import type { Level, MessageVars } from './model.ts';
import { loadPolicies, type StoredPolicy } from './policies.repository.ts';

export interface ActionItem {
  readonly invoiceId: string;
  readonly number: string;
  readonly level: number;
  /** Open when the action was recorded. */
  readonly openAtRun: number;
  /** Open now. */
  readonly openNow: number;
  readonly daysOverdue: number;
}

export interface DunningAction {
  readonly id: string;
  readonly runId: string;
  readonly customerId: string;
  readonly policyId: string;
  readonly level: number;
  readonly levelName: string;
  readonly kind: string;
  readonly channels: readonly Channel[];
  readonly language: string;
  readonly currency: string;
  readonly totalOpen: number;
  readonly runDate: string;
  readonly sendAfter: string;
  readonly status: ActionStatus;
  readonly subject: string | null;
  readonly body: string | null;
  readonly decisionNote: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
  readonly items: readonly ActionItem[];
}

async function itemsOf(
  db: Db,
  orgId: string,
  actionIds: readonly string[],
): Promise<Map<string, ActionItem[]>> {
  const result = new Map<string, ActionItem[]>();
  if (actionIds.length === 0) return result;
  const rows = await db
    .selectFrom('dunning_action_items as d')
    .innerJoin('invoices as i', (j) => j.onRef('i.id', '=', 'd.invoice_id').on('i.org_id', '=', orgId))
    .select([
      'd.action_id',
      'd.invoice_id',
      'i.number',
      'd.level_position',
      'd.open_amount',
      'd.days_overdue',
    ])
    .where('d.org_id', '=', orgId)
    .where('d.action_id', 'in', actionIds)
    .orderBy('i.due_date')
    .execute();
  const balances = await invoiceBalances(
    db,
    orgId,
    rows.map((r) => r.invoice_id),
  );
  for (const r of rows) {
    const list = result.get(r.action_id) ?? [];
    list.push({
      invoiceId: r.invoice_id,
      number: r.number,
      level: r.level_position,
      openAtRun: r.open_amount,
      openNow: balances.get(r.invoice_id)?.open ?? 0,
      daysOverdue: r.days_overdue,
    });
    result.set(r.action_id, list);
  }
  return result;
}

function toAction(r: Selectable<DunningActionsTable>, items: readonly ActionItem[]): DunningAction {
  return {
    id: r.id,
    runId: r.run_id,
    customerId: r.customer_id,
    policyId: r.policy_id,
    level: r.level_position,
    levelName: r.level_name,
    kind: r.kind,
    channels: r.channels.split(',') as Channel[],
    language: r.language,
    currency: r.currency,
    totalOpen: r.total_open,
    runDate: r.run_date,
    sendAfter: r.send_after,
    status: r.status,
    subject: r.subject,
    body: r.body,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    items,
  };
}

export async function listActions(
  db: Db,
  orgId: string,
  filter: { readonly status?: ActionStatus; readonly customerId?: string },
  page: PageRequest,
): Promise<Page<DunningAction>> {
  let q = db.selectFrom('dunning_actions').selectAll().where('org_id', '=', orgId);
  if (page.after) q = q.where('id', '>', page.after);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.customerId) q = q.where('customer_id', '=', filter.customerId);
  const rows = await q
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  const p = toPage(rows, page.limit);
  const items = await itemsOf(
    db,
    orgId,
    p.data.map((r) => r.id),
  );
  return { data: p.data.map((r) => toAction(r, items.get(r.id) ?? [])), nextCursor: p.nextCursor };
}

export async function getAction(db: Db, orgId: string, id: string): Promise<DunningAction | undefined> {
  const row = await db
    .selectFrom('dunning_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return toAction(row, (await itemsOf(db, orgId, [id])).get(id) ?? []);
}

/** The message variables of an action as they stand now (amounts may have changed since the run). */
/**
 * The message variables of a recorded action. `amounts: 'now'` uses what is open today and drops
 * invoices paid since the run (approval); `'atRun'` reproduces what the run wrote (letters).
 * Seller and policies may be passed in when the caller handles many actions.
 */
export async function actionVars(
  db: Db,
  orgId: string,
  a: DunningAction,
  amounts: 'now' | 'atRun',
  loaded?: { readonly seller: SellerInfo; readonly policies: Map<string, StoredPolicy> },
): Promise<{ vars: MessageVars; customer: CustomerContactInfo; level: Level } | undefined> {
  const [seller, contacts, policies, invoices] = await Promise.all([
    loaded?.seller ?? loadSeller(db, orgId),
    loadContactInfo(db, orgId, [a.customerId]),
    loaded?.policies ?? loadPolicies(db, orgId),
    db
      .selectFrom('invoices')
      .select(['id', 'issue_date', 'due_date', 'total', 'payment_reference'])
      .where('org_id', '=', orgId)
      .where(
        'id',
        'in',
        a.items.map((i) => i.invoiceId),
      )
      .execute(),
  ]);
  const customer = contacts.get(a.customerId);
  const level = policies.get(a.policyId)?.levels.find((l) => l.position === a.level);
  if (!customer || !level) return undefined;
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const vars = messageVars({
    seller,
    customer,
    level,
    currency: a.currency,
    items: a.items
      .filter((i) => amounts === 'atRun' || i.openNow > 0)
      .map((i) => ({
        number: i.number,
        issueDate: byId.get(i.invoiceId)!.issue_date,
        dueDate: byId.get(i.invoiceId)!.due_date,
        daysOverdue: i.daysOverdue,
        total: byId.get(i.invoiceId)!.total,
        open: amounts === 'now' ? i.openNow : i.openAtRun,
        paymentReference: byId.get(i.invoiceId)!.payment_reference,
      })),
    today: a.runDate,
  });
  return { vars, customer, level };
}

/**
 * Approves an action waiting for review: its (possibly edited) text goes out on its channels now.
 * If everything it chased was paid meanwhile, it is skipped instead: a reviewer never sends a
 * reminder for money that already arrived.
 */
export async function approveAction(
  db: Db,
  orgId: string,
  id: string,
  note: string | null,
): Promise<Result<DunningAction>> {
  const a = await getAction(db, orgId, id);
  if (!a) return fail('not_found', `no dunning action ${id} in this organisation`, { field: 'id' });
  if (a.status !== 'pending_review')
    return fail('invoice_not_open', `the action is ${a.status}, not waiting for review`);
  if (a.items.every((i) => i.openNow <= 0)) {
    return decide(db, orgId, id, 'skipped', 'everything it chased was paid before approval');
  }
  const current = await actionVars(db, orgId, a, 'now');
  if (!current) return fail('not_found', 'the policy level or customer of this action no longer exists');
  await deliverAction(db, orgId, {
    actionId: a.id,
    customer: current.customer,
    channels: a.channels,
    vars: current.vars,
    message: { subject: a.subject ?? '', text: a.body ?? '', html: null },
    sendAfter: nowIso() > a.sendAfter ? nowIso() : a.sendAfter,
    dueDate: a.runDate,
  });
  return decide(db, orgId, id, 'scheduled', note);
}

export async function skipAction(
  db: Db,
  orgId: string,
  id: string,
  reason: string,
): Promise<Result<DunningAction>> {
  const a = await getAction(db, orgId, id);
  if (!a) return fail('not_found', `no dunning action ${id} in this organisation`, { field: 'id' });
  if (a.status !== 'pending_review')
    return fail('invoice_not_open', `the action is ${a.status}, not waiting for review`);
  return decide(db, orgId, id, 'skipped', reason);
}

/** Edits the text of an action waiting for review. */
export async function editAction(
  db: Db,
  orgId: string,
  id: string,
  text: { readonly subject?: string | undefined; readonly body?: string | undefined },
): Promise<Result<DunningAction>> {
  const a = await getAction(db, orgId, id);
  if (!a) return fail('not_found', `no dunning action ${id} in this organisation`, { field: 'id' });
  if (a.status !== 'pending_review')
    return fail(
      'invoice_not_open',
      `the action is ${a.status}; only actions waiting for review can be edited`,
    );
  await db
    .updateTable('dunning_actions')
    .set({
      ...(text.subject !== undefined && { subject: text.subject }),
      ...(text.body !== undefined && { body: text.body }),
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
  return ok((await getAction(db, orgId, id))!);
}

async function decide(
  db: Db,
  orgId: string,
  id: string,
  status: ActionStatus,
  note: string | null,
): Promise<Result<DunningAction>> {
  await db
    .updateTable('dunning_actions')
    .set({ status, decision_note: note, decided_at: nowIso() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
  return ok((await getAction(db, orgId, id))!);
}
