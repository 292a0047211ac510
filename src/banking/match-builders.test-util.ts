import type { MatchCustomer, MatchInvoice, MatchLine } from './match-model.ts';

/**
 * Small builders for matcher tests: an invoice, a line, a customer with sensible defaults, each
 * overridable field by field. Not a test file itself (vitest only runs *.test.ts).
 */

export const AS_OF = '2026-03-16';

/** ISO 11649 reference for a body, written independently of the matcher's validation. */
export function rf(body: string): string {
  const digits = `${body}RF00`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  const check = 98 - Number(BigInt(digits) % 97n);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

export function invoice(fields: Partial<MatchInvoice> & { readonly number: string }): MatchInvoice {
  return {
    invoiceId: `inv_${fields.number}`,
    customerId: 'cus_novak',
    currency: 'EUR',
    open: 125_000,
    total: fields.open ?? 125_000,
    issueDate: '2026-02-01',
    dueDate: '2026-03-01',
    paymentReference: null,
    discount: null,
    ...fields,
  };
}

let lineCount = 0;

export function line(fields: Partial<MatchLine> = {}): MatchLine {
  lineCount += 1;
  return {
    id: `line_${lineCount}`,
    amount: 125_000,
    currency: 'EUR',
    bookingDate: '2026-03-10',
    valueDate: '2026-03-10',
    reference: null,
    referenceKind: null,
    symbols: null,
    text: '',
    payerName: null,
    payerAccount: null,
    endToEndId: null,
    ...fields,
  };
}

export function customer(fields: Partial<MatchCustomer> & { readonly customerId: string }): MatchCustomer {
  return { name: fields.customerId.replace(/^cus_/, ''), accounts: [], ...fields };
}

export const NOVAK = customer({
  customerId: 'cus_novak',
  name: 'Novák Stavby s.r.o.',
  accounts: ['CZ65 0800 0000 1920 0014 5399'],
});
export const NOVAK_ACCOUNT = 'CZ6508000000192000145399';
export const HOLDING = customer({
  customerId: 'cus_holding',
  name: 'Novák Holding a.s.',
  accounts: ['CZ55 0800 0000 0012 3456 7899'],
});
export const HOLDING_ACCOUNT = 'CZ5508000000001234567899';
export const BERGER = customer({ customerId: 'cus_berger', name: 'Berger Maschinenbau GmbH', accounts: [] });
