import type { IsoDate } from '../../kernel/dates.ts';
import { ok, type Result } from '../../kernel/errors.ts';
import {
  amountText,
  bicField,
  collect,
  compactDate,
  currencyField,
  digitsField,
  ibanField,
  optionalText,
} from './fields.ts';
import type { PaymentQr } from './payment-qr.ts';

/** What a Czech "QR Platba" (Short Payment Descriptor, SPAYD 1.0) carries for one payment. */
export interface SpaydInput {
  /** CZK for QR Platba; the format itself accepts any ISO 4217 code. */
  readonly currency: string;
  /** Minor units; AM is at most 10 characters, so at most 9 999 999.99. */
  readonly amount: number;
  /** The account as an IBAN (Czech banks read CZ IBANs; the format accepts any). */
  readonly iban: string;
  readonly bic?: string;
  /** RN, the recipient's name, at most 35 characters. */
  readonly recipientName?: string;
  readonly dueDate?: IsoDate;
  /** MSG, the message for the recipient, at most 60 characters. */
  readonly message?: string;
  /** X-VS, X-SS, X-KS: variable, specific and constant symbols, digit strings of at most 10. */
  readonly vs?: string;
  readonly ss?: string;
  readonly ks?: string;
}

const MAX_AMOUNT = 999_999_999;

/**
 * Builds the SPAYD string `SPD*1.0*ACC:...*AM:...*CC:...`.
 *
 * Keys come in the order the specification lists them (ACC, AM, CC, RN, DT, MSG, X-VS, X-SS, X-KS),
 * so the same input always gives the same string. Values are written as the specification says:
 * printable ASCII as is, and everything else percent-encoded as UTF-8 bytes, `*` (the separator) as
 * %2A, `%` as %25 and `+` as %2B (the reference implementation does the same, because readers
 * URL-decode and would turn `+` into a space). So "Faktura č. 7" is `Faktura %C4%8D. 7` in the
 * payload and "č" again in the banking app: Czech letters survive without relying on every bank to
 * read raw UTF-8, which the specification never promised. Lengths are checked on the text a person
 * reads, before escaping.
 *
 * @example
 *   buildSpaydQr({ currency: 'CZK', amount: 48050, iban: 'CZ5855000000001265098001',
 *     message: 'PLATBA ZA ZBOZI', vs: '1234567890' })
 *   // ok({ standard: 'spayd', errorCorrection: 'M', payload:
 *   //   'SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK*MSG:PLATBA ZA ZBOZI*X-VS:1234567890' })
 */
export function buildSpaydQr(input: SpaydInput): Result<PaymentQr> {
  const currency = currencyField(input.currency, 'any');
  if (!currency.ok) return currency;
  const v = collect({
    iban: ibanField(input.iban, 'iban'),
    bic: bicField(input.bic, 'bic'),
    amount: amountText(input.amount, currency.value, MAX_AMOUNT),
    recipientName: optionalText(input.recipientName, 'recipientName', 35),
    dueDate: compactDate(input.dueDate, 'dueDate'),
    message: optionalText(input.message, 'message', 60),
    vs: digitsField(input.vs, 'vs', 10),
    ss: digitsField(input.ss, 'ss', 10),
    ks: digitsField(input.ks, 'ks', 10),
  });
  if (!v.ok) return v;
  const f = v.value;
  // ACC is `IBAN+BIC`: the `+` is the format's own separator, so the parts are escaped, not it.
  const pairs: [string, string | undefined][] = [
    ['ACC', f.bic ? `${escapeSpayd(f.iban)}+${escapeSpayd(f.bic)}` : f.iban],
    ['AM', f.amount],
    ['CC', currency.value],
    ['RN', f.recipientName],
    ['DT', f.dueDate],
    ['MSG', f.message],
    ['X-VS', f.vs],
    ['X-SS', f.ss],
    ['X-KS', f.ks],
  ];
  const fields = pairs.flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}:${key === 'ACC' ? value : escapeSpayd(value)}`],
  );
  return ok({ standard: 'spayd', payload: ['SPD', '1.0', ...fields].join('*'), errorCorrection: 'M' });
}

/**
 * Escapes a SPAYD value: printable ASCII stays, except `*`, `%` and `+`; all else becomes
 * percent-encoded UTF-8.
 *
 * @example
 *   escapeSpayd('5 * 2 ř') // '5 %2A 2 %C5%99'
 */
export function escapeSpayd(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    const plain = code >= 0x20 && code <= 0x7e && ch !== '*' && ch !== '%' && ch !== '+';
    if (plain) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
