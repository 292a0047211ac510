import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Channel, TasksTable } from '../db/schema.ts';
import { nowIso } from '../kernel/clock.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { newId } from '../kernel/ids.ts';
import { callScript } from './call-script.ts';
import type { CustomerContactInfo } from './message-vars.ts';
import type { MessageVars } from './model.ts';
import { enqueueEmail } from './outbox.repository.ts';
import type { EmailToSend } from './outbox.ts';
import { messageIdDomain, messageIdFor } from './outbox.ts';

export interface Delivery {
  readonly actionId: string;
  readonly customer: CustomerContactInfo;
  readonly channels: readonly Channel[];
  readonly vars: MessageVars;
  readonly message: { readonly subject: string; readonly text: string; readonly html: string | null };
  readonly sendAfter: string;
  readonly dueDate: IsoDate;
}

export interface DeliveryRows {
  /** The email for the outbox, if the action has the email channel. */
  readonly email: EmailToSend | null;
  /** A call task with its script, a hand-off task. */
  readonly tasks: readonly Insertable<TasksTable>[];
}

/**
 * What an action sends, as rows to write (pure but for the task ids): the email for the outbox, a
 * call task with its script, a hand-off task. Letters are rendered to PDF afterwards by
 * produceLetters (rendering PDFs inside a run would make it slow), from the action's stored text.
 */
export function deliveryRows(orgId: string, d: Delivery, now: string): DeliveryRows {
  const email: EmailToSend | null = d.channels.includes('email')
    ? {
        actionId: d.actionId,
        customerId: d.customer.customerId,
        recipient: d.customer.email,
        subject: d.message.subject,
        text: d.message.text,
        html: d.message.html,
        sendAfter: d.sendAfter,
        messageId: messageIdFor(d.actionId, 'email', messageIdDomain(d.vars.organization.email)),
        senderName: d.vars.organization.name,
        replyTo: d.vars.organization.email,
      }
    : null;
  const tasks: { kind: 'call' | 'handoff'; title: string; script: string }[] = [];
  const count = d.vars.invoices.length;
  const what = count === 1 ? `invoice ${d.vars.invoices[0]!.number}` : `${count} invoices`;
  if (d.channels.includes('call_task')) {
    tasks.push({ kind: 'call', title: `Call ${d.customer.name} about ${what}`, script: callScript(d.vars) });
  }
  if (d.channels.includes('task')) {
    tasks.push({ kind: 'handoff', title: `Hand over ${what} of ${d.customer.name}`, script: d.message.text });
  }
  return {
    email,
    tasks: tasks.map((t) => ({
      id: newId('task'),
      org_id: orgId,
      customer_id: d.customer.customerId,
      action_id: d.actionId,
      kind: t.kind,
      title: t.title,
      script: t.script,
      status: 'open' as const,
      due_date: d.dueDate,
      outcome: null,
      notes: null,
      created_at: now,
      completed_at: null,
    })),
  };
}

/**
 * Writes what one action sends, inside the caller's transaction (the outbox pattern). A run writes
 * the same rows for many actions at once (ActionWriter); approving a reviewed action uses this.
 */
export async function deliverAction(db: Db, orgId: string, d: Delivery): Promise<void> {
  const rows = deliveryRows(orgId, d, nowIso());
  if (rows.email) await enqueueEmail(db, orgId, rows.email);
  if (rows.tasks.length > 0) await db.insertInto('tasks').values(rows.tasks).execute();
}
