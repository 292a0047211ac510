import { customerInput } from '../customers/customer.ts';
import { createCustomer } from '../customers/customers.repository.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { ok, type Result, Rollback } from '../kernel/errors.ts';
import { invoiceInput } from '../ledger/invoice.ts';
import { createInvoice, postInvoiceEntry } from '../ledger/invoices.repository.ts';
import { applyCreditInput, creditNoteInput, paymentInput } from '../ledger/payment.ts';
import { applyCustomerCredit, createCreditNote, recordPayment } from '../ledger/payments.repository.ts';
import { type Organization, orgInput } from '../orgs/organization.ts';
import { createOrganization } from '../orgs/organizations.repository.ts';
import { type DemoOptions, type DemoPlan, planDemo } from './plan-demo.ts';
import type { DemoEvent } from './settle.ts';

export interface DemoSummary {
  readonly org: Organization;
  readonly customers: number;
  readonly invoices: number;
  readonly payments: number;
  readonly creditNotes: number;
  readonly writeOffs: number;
}

/**
 * Loads a believable demo organisation with a year of history (see planDemo) into `db`, in one
 * transaction: all of it or nothing. Every record goes through the same validation and use cases as
 * the API, so the demo obeys every ledger rule; a rule it breaks is a bug in the generator and is
 * thrown, never half-written.
 *
 * @example
 *   const summary = await loadDemo(db, { customers: 200, seed: 1, asOf: '2026-11-24' });
 */
export async function loadDemo(db: Db, opts: DemoOptions): Promise<DemoSummary> {
  return writeDemoPlan(db, planDemo(opts));
}

function describe(e: DemoEvent): string {
  switch (e.kind) {
    case 'invoice':
      return `invoice ${e.invoice.number}`;
    case 'creditNote':
      return `credit note ${e.number} on ${e.invoiceNumber}`;
    case 'writeOff':
      return `write-off on ${e.invoiceNumber}`;
    default:
      return `${e.kind} of ${e.customerRef} on ${e.date}`;
  }
}

/** Writes a plan. The shell of the demo: everything it decides was decided by planDemo. */
export async function writeDemoPlan(db: Db, plan: DemoPlan): Promise<DemoSummary> {
  const result = await inTransaction(db, async (trx): Promise<Result<DemoSummary>> => {
    const org = await createOrganization(trx, orgInput.parse(plan.org));
    const customers = new Map<string, string>();
    const invoices = new Map<string, string>();
    const must = <T>(r: Result<T>, what: string): T => {
      if (!r.ok) {
        throw new Rollback({ ...r.error, message: `demo ${what}: ${r.error.message}` });
      }
      return r.value;
    };
    for (const c of plan.customers) {
      customers.set(c.ref, must(await createCustomer(trx, org, customerInput.parse(c.input)), c.ref).id);
    }
    const counts = { invoices: 0, payments: 0, creditNotes: 0, writeOffs: 0 };
    const allocations = (list: readonly { invoiceNumber: string; amount: number }[]) =>
      list.map((a) => ({ invoiceId: invoices.get(a.invoiceNumber)!, amount: a.amount }));
    for (const e of plan.events) {
      const what = describe(e);
      const customerId = customers.get(e.customerRef)!;
      switch (e.kind) {
        case 'invoice': {
          const i = e.invoice;
          const input = invoiceInput.parse({
            customerId,
            number: i.number,
            issueDate: i.issueDate,
            deliveryDate: i.deliveryDate,
            currency: i.currency,
            lines: i.lines.map((l) => ({
              description: l.description,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              vatRate: l.vatRate,
            })),
            draft: i.draft,
          });
          invoices.set(i.number, must(await createInvoice(trx, org.id, input, plan.asOf), what).id);
          counts.invoices++;
          break;
        }
        case 'creditNote': {
          const input = creditNoteInput.parse({
            invoiceId: invoices.get(e.invoiceNumber),
            number: e.number,
            issueDate: e.date,
            amount: e.amount,
            reason: e.reason,
          });
          must(await createCreditNote(trx, org.id, input), what);
          counts.creditNotes++;
          break;
        }
        case 'applyCredit': {
          const input = applyCreditInput.parse({
            currency: e.currency,
            date: e.date,
            allocations: allocations(e.allocations),
          });
          must(await applyCustomerCredit(trx, org.id, customerId, input), what);
          break;
        }
        case 'payment': {
          const input = paymentInput.parse({
            customerId,
            amount: e.amount,
            currency: e.currency,
            receivedDate: e.date,
            payerName: e.payerName,
            payerIban: e.payerIban,
            reference: e.reference,
            method: e.method,
            allocations: allocations(e.allocations),
          });
          must(await recordPayment(trx, org.id, input), what);
          counts.payments++;
          break;
        }
        case 'writeOff': {
          const id = invoices.get(e.invoiceNumber)!;
          must(
            await postInvoiceEntry(
              trx,
              org.id,
              id,
              { kind: 'write_off', amount: e.amount, date: e.date, memo: e.memo },
              plan.asOf,
            ),
            what,
          );
          counts.writeOffs++;
          break;
        }
      }
    }
    return ok({ org, customers: customers.size, ...counts });
  });
  if (!result.ok) {
    throw new Error(`demo data broke a ledger rule (${result.error.code}): ${result.error.message}`);
  }
  return result.value;
}

export type { DemoOptions, DemoPlan } from './plan-demo.ts';
export { planDemo } from './plan-demo.ts';
