import type { Db } from '../db/database.ts';
import type { ActionStatus } from '../db/schema.ts';
import { newId } from '../kernel/ids.ts';
import { actionWriter } from './action-writer.ts';
import { deliveryRows } from './deliver.ts';
import { loadContactInfo, loadSeller } from './dunning-inputs.ts';
import { messageVars } from './message-vars.ts';
import type { TemplateKey } from './model.ts';
import type { PlannedAction } from './plan.ts';
import { loadTemplateOverrides, type Template, templateFor } from './template-store.ts';
import { renderMessage } from './templates/render.ts';

/** An action as recorded: the planned action, its id, and where it went. */
export interface RecordedAction {
  readonly planned: PlannedAction;
  readonly actionId: string;
  readonly status: ActionStatus;
  readonly sendAfter: string;
}

export interface RecordError {
  readonly customerId: string;
  readonly customerName: string;
  readonly level: number;
  readonly message: string;
}

/**
 * Records a run's planned actions inside the run's transaction: renders each message, then writes
 * the action, its items and what it sends (outbox email, call or hand-off task) through an
 * ActionWriter, in batches. A message whose template fails to render is not recorded at all (its
 * invoices are tried again by the next run) and is reported in `errors`; the others go on.
 *
 * Each distinct template (level and language, the organisation's own text or the shipped one) is
 * looked up once; renderMessage keeps the parsed Liquid templates.
 */
export async function recordActions(
  trx: Db,
  orgId: string,
  actions: readonly PlannedAction[],
  run: { readonly runId: string; readonly now: string; readonly sendAfterFor: (a: PlannedAction) => string },
): Promise<{ recorded: RecordedAction[]; errors: RecordError[] }> {
  const [seller, contacts, overrides] = await Promise.all([
    loadSeller(trx, orgId),
    loadContactInfo(trx, orgId, [...new Set(actions.map((a) => a.customerId))]),
    loadTemplateOverrides(trx, orgId),
  ]);
  const templates = new Map<string, Template>();
  const recorded: RecordedAction[] = [];
  const errors: RecordError[] = [];
  const writer = actionWriter(trx, orgId, run.now);
  for (const a of actions) {
    const customer = contacts.get(a.customerId)!;
    const vars = messageVars({
      seller,
      customer,
      level: a.level,
      currency: a.currency,
      items: a.items,
      today: a.asOf,
    });
    const key = `${a.level.templateKey}:${customer.language}`;
    let template = templates.get(key);
    if (!template) {
      template = templateFor(overrides, a.level.templateKey as TemplateKey, customer.language);
      templates.set(key, template);
    }
    const rendered = renderMessage(template, vars);
    if (!rendered.ok) {
      errors.push({
        customerId: a.customerId,
        customerName: customer.name,
        level: a.level.position,
        message: rendered.error.message,
      });
      continue;
    }
    const actionId = newId('dunningAction');
    const sendAfter = run.sendAfterFor(a);
    const status: ActionStatus = a.level.review ? 'pending_review' : 'scheduled';
    await writer.add({
      action: {
        id: actionId,
        org_id: orgId,
        run_id: run.runId,
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
        created_at: run.now,
      },
      items: a.items.map((i) => ({
        org_id: orgId,
        invoice_id: i.invoiceId,
        level_position: i.level.position,
        action_id: actionId,
        open_amount: i.open,
        days_overdue: i.daysOverdue,
        run_date: a.asOf,
      })),
      // A reviewed action sends nothing until it is approved (approveAction delivers it then).
      delivery:
        status === 'scheduled'
          ? deliveryRows(
              orgId,
              {
                actionId,
                customer,
                channels: a.level.channels,
                vars,
                message: rendered.value,
                sendAfter,
                dueDate: a.asOf,
              },
              run.now,
            )
          : null,
    });
    recorded.push({ planned: a, actionId, status, sendAfter });
  }
  await writer.finish();
  return { recorded, errors };
}
