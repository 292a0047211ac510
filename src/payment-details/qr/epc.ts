import { fail, ok, type Result } from '../../kernel/errors.ts';
import {
  amountText,
  bicField,
  collect,
  currencyField,
  ibanField,
  optionalText,
  requiredText,
  rfShape,
} from './fields.ts';
import type { PaymentQr } from './payment-qr.ts';

/** What an EPC QR code (EPC069-12, "GiroCode") can carry for one SEPA credit transfer in euros. */
export interface EpcInput {
  /** Must be EUR: the standard initiates SEPA credit transfers only. */
  readonly currency: string;
  /** Minor units, 1 to 99 999 999 999 (0.01 to 999 999 999.99 EUR). */
  readonly amount: number;
  /** Beneficiary name, at most 70 characters. */
  readonly name: string;
  readonly iban: string;
  /** Optional since version 002 inside the EEA. */
  readonly bic?: string;
  /** ISO 20022 purpose code, four letters (GDDS, SUPP, ...). */
  readonly purpose?: string;
  /** ISO 11649 RF creditor reference, the only structured remittance the standard defines. */
  readonly creditorReference?: string;
  /** Unstructured remittance, at most 140 characters; never together with a creditor reference. */
  readonly remittance?: string;
  /** Beneficiary-to-originator information shown to the payer, at most 70 characters. */
  readonly information?: string;
}

/** 999 999 999.99 EUR, the standard's largest amount. */
const MAX_AMOUNT = 99_999_999_999;
/** Version 13 at error correction M holds 331 bytes in byte mode: the standard's payload limit. */
const MAX_BYTES = 331;

/**
 * Builds the EPC069-12 payload, version 002, character set 1 (UTF-8), SEPA credit transfer.
 *
 * Lines are separated by LF. Trailing empty elements are left out and the last populated element is
 * not followed by a line feed: the guidelines allow omitting empty trailing elements and forbid any
 * character after the last one. Empty elements in the middle stay as empty lines, since positions
 * carry the meaning. Structured (RF) and unstructured remittance exclude each other, as the standard
 * requires: a bank could not tell which one to send.
 *
 * @example
 *   buildEpcQr({ currency: 'EUR', amount: 1230, name: 'Duly GmbH', iban: 'DE89370400440532013000',
 *     creditorReference: 'RF18539007547034' })
 *   // ok({ standard: 'epc', errorCorrection: 'M',
 *   //   payload: 'BCD\n002\n1\nSCT\n\nDuly GmbH\nDE89370400440532013000\nEUR12.30\n\nRF18539007547034' })
 */
export function buildEpcQr(input: EpcInput): Result<PaymentQr> {
  const currency = currencyField(input.currency, ['EUR']);
  if (!currency.ok) return currency;
  const v = collect({
    bic: bicField(input.bic, 'bic'),
    name: requiredText(input.name, 'name', 70),
    iban: ibanField(input.iban, 'iban'),
    amount: amountText(input.amount, 'EUR', MAX_AMOUNT),
    purpose: purposeField(input.purpose),
    creditorReference:
      input.creditorReference === undefined
        ? ok(undefined)
        : rfShape(input.creditorReference, 'creditorReference'),
    remittance: optionalText(input.remittance, 'remittance', 140),
    information: optionalText(input.information, 'information', 70),
  });
  if (!v.ok) return v;
  const f = v.value;
  if (f.creditorReference !== undefined && f.remittance !== undefined) {
    return fail(
      'validation_failed',
      'an EPC QR code carries an RF reference or a remittance text, not both',
      {
        field: 'remittance',
        hint: 'leave the text out, or move it to the information line (shown to the payer only)',
      },
    );
  }
  const elements = [
    'BCD',
    '002',
    '1',
    'SCT',
    f.bic ?? '',
    f.name,
    f.iban,
    `EUR${f.amount}`,
    f.purpose ?? '',
    f.creditorReference ?? '',
    f.remittance ?? '',
    f.information ?? '',
  ];
  while (elements.at(-1) === '') elements.pop();
  const payload = elements.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_BYTES) {
    return fail(
      'validation_failed',
      `the EPC QR payload is ${bytes} bytes; the standard allows ${MAX_BYTES}`,
      {
        field: 'remittance',
        hint: 'shorten the remittance text or the information line',
      },
    );
  }
  return ok({ standard: 'epc', payload, errorCorrection: 'M' });
}

function purposeField(purpose: string | undefined): Result<string | undefined> {
  if (purpose === undefined || purpose === '') return ok(undefined);
  if (/^[A-Z]{4}$/.test(purpose)) return ok(purpose);
  return fail('validation_failed', `purpose ${purpose} is not an ISO 20022 purpose code`, {
    field: 'purpose',
    hint: 'use four capital letters such as GDDS or SUPP, or leave it out',
  });
}
