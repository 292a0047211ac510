import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { getAction } from './actions.repository.ts';
import { loadContactInfo, loadSeller } from './dunning-inputs.ts';
import { renderLetterPdf } from './letter.ts';
import { messageVars } from './message-vars.ts';
import { loadPolicies } from './policies.repository.ts';

/**
 * Renders the PDF letters that scheduled actions owe (formal demand, lawsuit warning) and stores
 * them for printing. Done after a run rather than inside it: a PDF takes tens of milliseconds, a
 * run records thousands of actions. Idempotent: an action gets one letter.
 */
export async function produceLetters(db: Db, orgId: string, limit = 200): Promise<number> {
  const owed = await db
    .selectFrom('dunning_actions as a')
    .leftJoin('letters as l', (j) => j.onRef('l.action_id', '=', 'a.id'))
    .select('a.id')
    .where('a.org_id', '=', orgId)
    .where('a.status', 'in', ['scheduled', 'sent'])
    .where('a.channels', 'like', '%letter%')
    .where('l.id', 'is', null)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  if (owed.length === 0) return 0;
  const [seller, policies, org] = await Promise.all([
    loadSeller(db, orgId),
    loadPolicies(db, orgId),
    db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow(),
  ]);
  let made = 0;
  for (const { id } of owed) {
    const a = (await getAction(db, orgId, id))!;
    const customer = (await loadContactInfo(db, orgId, [a.customerId])).get(a.customerId);
    const level = policies.get(a.policyId)?.levels.find((l) => l.position === a.level);
    if (!customer || !level) continue;
    const invoices = await db
      .selectFrom('invoices')
      .select(['id', 'issue_date', 'due_date', 'total'])
      .where('org_id', '=', orgId)
      .where(
        'id',
        'in',
        a.items.map((i) => i.invoiceId),
      )
      .execute();
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const vars = messageVars({
      seller,
      customer,
      level,
      currency: a.currency,
      items: a.items.map((i) => ({
        number: i.number,
        issueDate: byId.get(i.invoiceId)!.issue_date,
        dueDate: byId.get(i.invoiceId)!.due_date,
        daysOverdue: i.daysOverdue,
        total: byId.get(i.invoiceId)!.total,
        open: i.openAtRun,
      })),
      today: a.runDate,
    });
    const pdf = await renderLetterPdf({
      vars,
      subject: a.subject ?? level.name,
      body: a.body ?? '',
      sender: {
        name: org.legal_name,
        addressLines: [
          org.address_line1,
          org.address_line2,
          [org.postal_code, org.city].filter(Boolean).join(' '),
        ].filter((l): l is string => Boolean(l)),
        vatId: org.vat_id,
      },
    });
    await db
      .insertInto('letters')
      .values({
        id: newId('letter'),
        org_id: orgId,
        action_id: a.id,
        customer_id: a.customerId,
        title: `${level.name}: ${customer.name}`,
        pdf,
        created_at: nowIso(),
        printed_at: null,
      })
      .execute();
    made++;
  }
  return made;
}
