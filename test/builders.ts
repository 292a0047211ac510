import { customerInput } from '../src/customers/customer.ts';
import { createCustomer } from '../src/customers/customers.repository.ts';
import type { Db } from '../src/db/database.ts';
import { invoiceInput } from '../src/ledger/invoice.ts';
import { createInvoice } from '../src/ledger/invoices.repository.ts';
import { paymentInput } from '../src/ledger/payment.ts';
import { recordPayment } from '../src/ledger/payments.repository.ts';
import { type Organization, orgInput } from '../src/orgs/organization.ts';
import { createOrganization } from '../src/orgs/organizations.repository.ts';

/** Small builders for test data: only what a test cares about is spelled out. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function org(db: Db, over: Record<string, unknown> = {}): Promise<Organization> {
  return createOrganization(db, orgInput.parse({ legalName: 'Acme s.r.o.', country: 'CZ', ...over }));
}

export async function customer(db: Db, o: Organization, over: Record<string, unknown> = {}) {
  const r = await createCustomer(
    db,
    o,
    customerInput.parse({ name: `Customer ${unique()}`, country: 'CZ', ...over }),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function invoice(db: Db, orgId: string, customerId: string, over: Record<string, unknown> = {}) {
  const r = await createInvoice(
    db,
    orgId,
    invoiceInput.parse({
      customerId,
      number: `INV-${unique()}`,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [{ description: 'Consulting', quantity: 1, unitPrice: 100_000, vatRate: 21 }],
      ...over,
    }),
    '2026-03-01',
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function payment(db: Db, orgId: string, customerId: string, over: Record<string, unknown> = {}) {
  const r = await recordPayment(
    db,
    orgId,
    paymentInput.parse({ customerId, amount: 1000, currency: 'CZK', receivedDate: '2026-03-10', ...over }),
  );
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
