import { getCustomer } from '../customers/customers.repository.ts';
import type { Db } from '../db/database.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { fail, ok, type Result } from '../kernel/errors.ts';
import { getInvoice } from '../ledger/invoices.repository.ts';
import { getOrganization } from '../orgs/organizations.repository.ts';
import type { QrModules } from '../pdf/payment-block.ts';
import type { InvoiceDocument } from './invoice-pdf.ts';
import { qrModulesFor } from './payment-qr.ts';

/**
 * Loads what an invoice PDF prints: the invoice with its lines and what is still owed, the seller
 * (organisation) with its bank account in the invoice's currency, the buyer in its own language, and
 * the payment reference. `qrFor` adds the payment QR code for the amount due (payment-qr.ts).
 */
export async function loadInvoiceDocument(
  db: Db,
  orgId: string,
  invoiceId: string,
  asOf: IsoDate,
  qrFor: (d: Omit<InvoiceDocument, 'qr'>, customerCountry: string) => QrModules | null = invoiceQr,
): Promise<Result<InvoiceDocument>> {
  const invoice = await getInvoice(db, orgId, invoiceId, asOf, { lines: true });
  if (!invoice) return fail('not_found', `no invoice ${invoiceId} in this organisation`, { field: 'id' });
  if (invoice.status === 'draft') {
    return fail('validation_failed', `invoice ${invoice.number} is a draft: issue it before printing it`, {
      field: 'id',
    });
  }
  const [org, customer, reference] = await Promise.all([
    getOrganization(db, orgId),
    getCustomer(db, orgId, invoice.customerId),
    db
      .selectFrom('invoices')
      .select('payment_reference')
      .where('org_id', '=', orgId)
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow(),
  ]);
  if (!org || !customer) throw new Error(`invoice ${invoiceId} without its organisation or customer`);
  const account =
    org.bankAccounts.find((a) => a.currency === invoice.currency) ?? org.bankAccounts[0] ?? null;
  const address = customer.address;
  const doc: Omit<InvoiceDocument, 'qr'> = {
    language: customer.language,
    seller: {
      name: org.legalName,
      addressLines: org.address,
      vatId: org.vatId,
      email: org.email,
      phone: org.phone,
    },
    buyer: {
      name: customer.name,
      addressLines: address
        ? [
            address.line1,
            ...(address.line2 ? [address.line2] : []),
            [address.postalCode, address.city].filter(Boolean).join(' '),
          ]
        : [],
      vatId: customer.vatId,
    },
    number: invoice.number,
    issueDate: invoice.issueDate,
    deliveryDate: invoice.deliveryDate,
    dueDate: invoice.dueDate,
    termsDays: invoice.paymentTermsDays,
    currency: invoice.currency,
    lines: (invoice.lines ?? []).map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      vatRate: l.vatRate,
      net: l.net,
      vat: l.vat,
      total: l.total,
    })),
    subtotal: invoice.subtotal,
    vatTotal: invoice.vatTotal,
    total: invoice.total,
    amountDue: invoice.amountDue,
    payment: {
      iban: account?.iban ?? null,
      bic: account?.bic ?? null,
      bankName: account?.bankName ?? null,
      reference: reference.payment_reference ?? invoice.number,
    },
  };
  return ok({ ...doc, qr: invoice.amountDue > 0 ? qrFor(doc, customer.country) : null });
}

/** The invoice's QR code: the amount still due, to its account, with its reference. */
function invoiceQr(d: Omit<InvoiceDocument, 'qr'>, customerCountry: string): QrModules | null {
  return qrModulesFor({
    currency: d.currency,
    amount: d.amountDue,
    creditorName: d.seller.name,
    iban: d.payment.iban,
    bic: d.payment.bic,
    customerCountry,
    reference: d.payment.reference === d.number ? null : d.payment.reference,
    message: d.number,
    dueDate: d.dueDate,
  });
}
