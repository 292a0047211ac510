import type { IsoDate } from '../kernel/dates.ts';
import type { QrModules } from '../pdf/payment-block.ts';
import { choosePaymentQr } from './qr/choose-payment-qr.ts';
import type { PaymentReference } from './qr/payment-qr.ts';
import { qrMatrix } from './qr/qr-render.ts';

/** What a document knows about a payment it asks for. */
export interface PaymentAsked {
  readonly currency: string;
  readonly amount: number;
  readonly creditorName: string;
  readonly iban: string | null;
  readonly bic: string | null;
  readonly customerCountry: string;
  /** The structured reference (RF..., a VS, a KID) or null. */
  readonly reference: string | null;
  /** For the payer's statement: "Faktura 2026-0042". */
  readonly message: string;
  readonly dueDate?: IsoDate;
}

/** The kind of a reference Duly issued, from its shape (kernel/references makes only these shapes). */
function referenceOf(value: string): PaymentReference {
  if (/^RF\d{2}[A-Z0-9]{1,21}$/.test(value)) return { kind: 'RF', value };
  if (/^\d{27}$/.test(value)) return { kind: 'QRR', value };
  if (/^\d{1,10}$/.test(value)) return { kind: 'VS', value };
  return { kind: 'other', value };
}

/**
 * The payment QR code for a document (invoice, letter), or null when the currency and country have
 * no standard or the details do not fit one: then the document shows the bank details alone, which
 * is what such customers expect. A QR code never blocks a document.
 *
 * @example qrModulesFor({ currency: 'CZK', amount: 1210000, creditorName: 'Kovář s.r.o.', iban: 'CZ65...', ... })
 */
export function qrModulesFor(p: PaymentAsked): QrModules | null {
  if (!p.iban || p.amount <= 0) return null;
  const reference = p.reference ? referenceOf(p.reference) : undefined;
  const chosen = choosePaymentQr({
    currency: p.currency,
    amount: p.amount,
    creditor: { name: p.creditorName, iban: p.iban, ...(p.bic && { bic: p.bic }) },
    customerCountry: p.customerCountry,
    ...(reference && { reference }),
    ...(reference?.kind === 'VS' && { symbols: { vs: reference.value } }),
    message: p.message,
    ...(p.dueDate && { dueDate: p.dueDate }),
  });
  return chosen.ok && chosen.value ? qrMatrix(chosen.value) : null;
}
