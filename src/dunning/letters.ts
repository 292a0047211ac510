import type { Db } from '../db/database.ts';
import { nowIso } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { qrModulesFor } from '../payment-details/payment-qr.ts';
import { actionVars, getAction } from './actions.repository.ts';
import { loadSeller } from './dunning-inputs.ts';
import { renderLetterPdf } from './letter.ts';
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
    const built = await actionVars(db, orgId, a, 'atRun', { seller, policies });
    if (!built) continue;
    const { vars, customer, level } = built;
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
      // The same payment block as the invoices, QR code included: the amount the letter asks for.
      qr: qrModulesFor({
        currency: vars.currency,
        amount: vars.totalOpen,
        creditorName: org.legal_name,
        iban: vars.payment.iban,
        bic: vars.payment.bic,
        customerCountry: customer.country,
        reference: vars.invoices.some((i) => i.number === vars.payment.reference)
          ? null
          : vars.payment.reference,
        message: vars.invoices
          .map((i) => i.number)
          .join(', ')
          .slice(0, 60),
        ...(vars.deadline && { dueDate: vars.deadline }),
      }),
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
