import { ok, type Result } from '../../kernel/errors.ts';
import { normalizeIban } from '../../kernel/iban.ts';
import { buildEpcQr } from './epc.ts';
import { buildPayBySquareQr } from './pay-by-square.ts';
import type { PaymentQr, PaymentQrInput } from './payment-qr.ts';
import { buildSpaydQr } from './spayd.ts';
import { buildSwissQr, type SwissQrBillInput } from './swiss-qr-bill.ts';

/**
 * Picks the payment QR code a customer's banking app reads, by currency and customer country:
 *
 * | currency | when                                                  | code              |
 * |----------|-------------------------------------------------------|-------------------|
 * | CZK      | always                                                | SPAYD (QR Platba) |
 * | EUR      | customer in SK                                        | PAY by square     |
 * | EUR      | customer in CH/LI, org prints QR-bills, CH/LI account | Swiss QR-bill     |
 * | EUR      | otherwise                                             | EPC (GiroCode)    |
 * | CHF      | CH/LI account                                         | Swiss QR-bill     |
 * | CHF      | another account: no QR standard pays it               | none              |
 * | other    | GBP, NOK, SEK, PLN ...: no payment QR standard        | none              |
 *
 * `ok(null)` means "no QR code": the document shows the bank details alone. A failure means a QR
 * code applies but the data cannot fill it (a bad IBAN, a name too long): the message says what to fix.
 *
 * References go where each standard has room for them: an RF reference in EPC's structured field
 * (which the standard reserves for ISO 11649), other references (KID, OGM, ...) at the start of the
 * remittance text; a VS as SPAYD's and PAY by square's variable symbol, an RF as PAY by square's
 * originator's reference, a QRR or RF as the Swiss reference; any other reference opens the message. With an RF reference the EPC message moves to the information line, since EPC carries a
 * structured reference or a text, never both.
 *
 * @example
 *   choosePaymentQr({ currency: 'CZK', amount: 48050, customerCountry: 'CZ',
 *     creditor: { name: 'Duly s.r.o.', iban: 'CZ6508000000192000145399' }, symbols: { vs: '20260042' } })
 *   // ok({ standard: 'spayd', payload: 'SPD*1.0*ACC:CZ6508000000192000145399*AM:480.50*...', ... })
 */
export function choosePaymentQr(input: PaymentQrInput): Result<PaymentQr | null> {
  const country = input.customerCountry.trim().toUpperCase();
  const swissAccount = /^(CH|LI)/.test(normalizeIban(input.creditor.iban));
  switch (input.currency) {
    case 'CZK':
      return spayd(input);
    case 'CHF':
      return swissAccount ? swiss(input) : ok(null);
    case 'EUR':
      if (country === 'SK') return payBySquare(input);
      if (input.swissQrBill && (country === 'CH' || country === 'LI') && swissAccount) return swiss(input);
      return epc(input);
    default:
      return ok(null);
  }
}

/** The reference's value when it is not of the kinds the standard has a field for. */
function referenceText(input: PaymentQrInput, own: readonly string[]): string | undefined {
  const ref = input.reference;
  return ref && !own.includes(ref.kind) ? ref.value : undefined;
}

function joined(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((p) => p !== undefined && p.trim() !== '').join(' ');
  return text === '' ? undefined : text;
}

function variableSymbol(input: PaymentQrInput): string | undefined {
  return input.symbols?.vs ?? (input.reference?.kind === 'VS' ? input.reference.value : undefined);
}

function epc(input: PaymentQrInput): Result<PaymentQr> {
  const rf = input.reference?.kind === 'RF' ? input.reference.value : undefined;
  return buildEpcQr({
    currency: input.currency,
    amount: input.amount,
    name: input.creditor.name,
    iban: input.creditor.iban,
    bic: input.creditor.bic,
    creditorReference: rf,
    remittance: rf ? undefined : joined(referenceText(input, ['RF']), input.message),
    information: rf ? input.message : undefined,
  });
}

function spayd(input: PaymentQrInput): Result<PaymentQr> {
  const name = input.creditor.name.trim();
  return buildSpaydQr({
    currency: input.currency,
    amount: input.amount,
    iban: input.creditor.iban,
    bic: input.creditor.bic,
    // RN only informs the payer; a legal name over its 35 characters is left out rather than cut.
    recipientName: [...name].length <= 35 ? name : undefined,
    dueDate: input.dueDate,
    message: joined(referenceText(input, ['VS']), input.message),
    vs: variableSymbol(input),
    ss: input.symbols?.ss,
    ks: input.symbols?.ks,
  });
}

function payBySquare(input: PaymentQrInput): Result<PaymentQr> {
  const rf = input.reference?.kind === 'RF' ? input.reference.value : undefined;
  return buildPayBySquareQr({
    currency: input.currency,
    amount: input.amount,
    iban: input.creditor.iban,
    bic: input.creditor.bic,
    beneficiaryName: input.creditor.name,
    beneficiaryStreet:
      input.creditor.address && joined(input.creditor.address.street, input.creditor.address.buildingNumber),
    beneficiaryCity:
      input.creditor.address && joined(input.creditor.address.postalCode, input.creditor.address.city),
    dueDate: input.dueDate,
    vs: variableSymbol(input),
    ss: input.symbols?.ss,
    ks: input.symbols?.ks,
    originatorsReference: rf,
    note: joined(referenceText(input, ['VS', 'RF']), input.message),
  });
}

function swiss(input: PaymentQrInput): Result<PaymentQr> {
  const ref = input.reference;
  const reference: SwissQrBillInput['reference'] =
    ref?.kind === 'QRR'
      ? { type: 'QRR', value: ref.value }
      : ref?.kind === 'RF'
        ? { type: 'SCOR', value: ref.value }
        : undefined;
  const { address } = input.creditor;
  return buildSwissQr({
    currency: input.currency,
    amount: input.amount,
    creditor: {
      name: input.creditor.name,
      iban: input.creditor.iban,
      // A missing address fails in the builder with the field named, as the QR-bill requires one.
      address: address ?? { street: '', postalCode: '', city: '', country: '' },
    },
    // The debtor is optional on a QR-bill but needs a full address when given: without one, leave it out.
    ...(input.debtor?.address && { debtor: { name: input.debtor.name, address: input.debtor.address } }),
    reference,
    message: joined(referenceText(input, ['QRR', 'RF']), input.message),
  });
}
