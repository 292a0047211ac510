import { fail, ok, type Result } from '../../kernel/errors.ts';
import {
  amountText,
  collect,
  currencyField,
  ibanField,
  optionalText,
  requiredText,
  rfShape,
} from './fields.ts';
import type { PaymentQr, PostalAddress } from './payment-qr.ts';

/** What the Swiss QR code of a QR-bill carries (Swiss Implementation Guidelines, version 2.x). */
export interface SwissQrBillInput {
  readonly currency: string;
  /** Minor units, 0.01 to 999 999 999.99. */
  readonly amount: number;
  /** A Swiss or Liechtenstein IBAN or QR-IBAN, with the creditor's structured address. */
  readonly creditor: { readonly name: string; readonly iban: string; readonly address: PostalAddress };
  readonly debtor?: { readonly name: string; readonly address: PostalAddress };
  /** QRR needs a QR-IBAN; SCOR (an RF reference) or none needs a normal IBAN. */
  readonly reference?: { readonly type: 'QRR' | 'SCOR'; readonly value: string };
  /** Unstructured message, at most 140 characters. */
  readonly message?: string;
}

const MAX_AMOUNT = 99_999_999_999;
/** Version 25 at error correction M holds 997 bytes: the guidelines' limit for the whole payload. */
const MAX_BYTES = 997;

/**
 * Builds the SPC 0200 payload of a Swiss QR-bill. The `swissqrbill` package builds the same text but
 * exports only its PDF and SVG renderers, not the payload, so it is written here.
 *
 * Elements follow the guidelines' order, one per LF-separated line: header (SPC, 0200, coding 1 =
 * UTF-8), creditor account and structured address (type S), seven empty lines for the ultimate
 * creditor (reserved), amount with two decimals, currency, the debtor (seven empty lines when
 * unknown), reference type and reference, the unstructured message, and the trailer EPD, with no line
 * break after it. Text may use only the character set of the Swiss Payment Standards (Latin letters
 * with their accents, so "ř", "ľ" and "ø" pass; Greek, Cyrillic or emoji do not).
 *
 * @example
 *   buildSwissQr({ currency: 'CHF', amount: 19950,
 *     creditor: { name: 'Duly AG', iban: 'CH4431999123000889012',
 *       address: { street: 'Bahnhofstrasse', buildingNumber: '1', postalCode: '8001', city: 'Zürich', country: 'CH' } },
 *     reference: { type: 'QRR', value: '210000000003139471430009017' } })
 *   // ok({ standard: 'swiss', errorCorrection: 'M', payload: 'SPC\n0200\n1\nCH4431999123000889012\nS\n...\nEPD' })
 */
export function buildSwissQr(input: SwissQrBillInput): Result<PaymentQr> {
  const currency = currencyField(input.currency, ['CHF', 'EUR']);
  if (!currency.ok) return currency;
  const iban = swissIban(input.creditor.iban);
  if (!iban.ok) return iban;
  const v = collect({
    creditor: address(input.creditor.name, input.creditor.address, 'creditor'),
    amount: amountText(input.amount, currency.value, MAX_AMOUNT),
    debtor: input.debtor ? address(input.debtor.name, input.debtor.address, 'debtor') : ok(emptyAddress()),
    reference: reference(input.reference, isQrIban(iban.value)),
    message: swissText(optionalText(input.message, 'message', 140), 'message'),
  });
  if (!v.ok) return v;
  const f = v.value;
  const lines = [
    ...['SPC', '0200', '1', iban.value],
    ...f.creditor,
    ...emptyAddress(),
    f.amount,
    currency.value,
    ...f.debtor,
    ...f.reference,
    f.message ?? '',
    'EPD',
  ];
  const payload = lines.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > MAX_BYTES) {
    return fail(
      'validation_failed',
      `the Swiss QR payload is ${bytes} bytes; the guidelines allow ${MAX_BYTES}`,
      {
        field: 'message',
        hint: 'shorten the message or the names',
      },
    );
  }
  return ok({ standard: 'swiss', payload, errorCorrection: 'M' });
}

/**
 * A QR-IBAN has an institution id (positions 5-9) from 30000 to 31999; payments to it must carry a
 * QR reference, and a QR reference may only go to a QR-IBAN.
 */
export function isQrIban(iban: string): boolean {
  const iid = Number(iban.slice(4, 9));
  return /^(CH|LI)\d{7}/.test(iban) && iid >= 30000 && iid <= 31999;
}

/**
 * The QR reference's check digit: recursive modulo 10 over the first 26 digits (a private copy; the
 * references module owns the public one).
 */
export function isValidQrReference(value: string): boolean {
  if (!/^\d{27}$/.test(value)) return false;
  const table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
  let carry = 0;
  for (const digit of value.slice(0, 26)) carry = table[(carry + Number(digit)) % 10]!;
  return (10 - carry) % 10 === Number(value[26]);
}

function swissIban(text: string): Result<string> {
  const iban = ibanField(text, 'creditor/iban');
  if (!iban.ok) return iban;
  if (/^(CH|LI)/.test(iban.value)) return iban;
  return fail(
    'validation_failed',
    `a Swiss QR-bill pays into a Swiss or Liechtenstein account, not ${text}`,
    {
      field: 'creditor/iban',
      hint: "use the organisation's CH or LI account, or print the EPC QR code instead",
    },
  );
}

function reference(ref: SwissQrBillInput['reference'], qrIban: boolean): Result<string[]> {
  if (qrIban && ref?.type !== 'QRR') {
    return fail('validation_failed', 'a QR-IBAN takes payments with a QR reference (QRR) only', {
      field: 'reference',
      hint: "give the invoice a QR reference, or use the account's normal IBAN for RF or no reference",
    });
  }
  if (!ref) return ok(['NON', '']);
  if (ref.type === 'SCOR') {
    const rf = rfShape(ref.value, 'reference/value');
    return rf.ok ? ok(['SCOR', rf.value]) : rf;
  }
  if (!qrIban) {
    return fail('validation_failed', 'a QR reference (QRR) needs a QR-IBAN (institution id 30000-31999)', {
      field: 'reference',
      hint: 'use the QR-IBAN your bank gave you for QR references, or an RF reference with this IBAN',
    });
  }
  const qrr = ref.value.replace(/\s/g, '');
  if (isValidQrReference(qrr)) return ok(['QRR', qrr]);
  return fail('validation_failed', `${ref.value} is not a QR reference`, {
    field: 'reference/value',
    hint: 'a QR reference is 27 digits ending in a recursive modulo 10 check digit',
  });
}

function address(name: string, a: PostalAddress, party: string): Result<string[]> {
  const v = collect({
    name: swissText(requiredText(name, `${party}/name`, 70), `${party}/name`),
    street: swissText(optionalText(a.street, `${party}/address/street`, 70), `${party}/address/street`),
    buildingNumber: swissText(
      optionalText(a.buildingNumber, `${party}/address/buildingNumber`, 16),
      `${party}/address/buildingNumber`,
    ),
    postalCode: swissText(
      requiredText(a.postalCode, `${party}/address/postalCode`, 16),
      `${party}/address/postalCode`,
    ),
    city: swissText(requiredText(a.city, `${party}/address/city`, 35), `${party}/address/city`),
    country: countryCode(a.country, `${party}/address/country`),
  });
  if (!v.ok) return v;
  const f = v.value;
  return ok(['S', f.name, f.street ?? '', f.buildingNumber ?? '', f.postalCode, f.city, f.country]);
}

function emptyAddress(): string[] {
  return ['', '', '', '', '', '', ''];
}

function countryCode(country: string, field: string): Result<string> {
  const code = country.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code)) return ok(code);
  return fail('validation_failed', `${field} ${country} is not a country code`, {
    field,
    hint: 'use the two-letter ISO 3166 code, e.g. CH',
  });
}

/**
 * Keeps a text to the Swiss Payment Standards' character set: Basic Latin, Latin-1 Supplement,
 * Latin Extended-A, the Romanian Ș ș Ț ț and the euro sign.
 */
function swissText<T extends string | undefined>(text: Result<T>, field: string): Result<T> {
  if (!text.ok || text.value === undefined) return text;
  for (const ch of text.value as string) {
    const c = ch.codePointAt(0)!;
    const allowed =
      (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x17f) || (c >= 0x218 && c <= 0x21b) || c === 0x20ac;
    if (!allowed) {
      return fail('validation_failed', `${field} has "${ch}", which a Swiss QR-bill cannot carry`, {
        field,
        hint: 'use Latin letters (accents are fine), digits and common punctuation',
      });
    }
  }
  return text;
}
