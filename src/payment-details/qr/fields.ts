import { isIsoDate } from '../../kernel/dates.ts';
import { fail, ok, type Result } from '../../kernel/errors.ts';
import { isValidIban, normalizeIban } from '../../kernel/iban.ts';
import { formatMinor, isCurrency } from '../../kernel/money.ts';

/**
 * Field checks shared by the QR payload builders. Each returns the value as the payload writes it, or
 * a `validation_failed` naming the field and saying what to change. Lengths count characters (code
 * points), as the standards and the banks' forms do, not UTF-16 units or bytes; byte budgets are
 * checked on the whole payload by each builder.
 */

type Values<T> = { [K in keyof T]: T[K] extends Result<infer V> ? V : never };

/**
 * Unwraps a record of checks, or returns the first failure in the record's order, so a builder
 * reports the first problem in the order its standard lists the fields.
 *
 * @example
 *   const v = collect({ name: requiredText(n, 'name', 70), iban: ibanField(i, 'iban') });
 *   if (!v.ok) return v;
 *   v.value.name;
 */
export function collect<T extends Record<string, Result<unknown>>>(checks: T): Result<Values<T>> {
  const values: Record<string, unknown> = {};
  for (const [key, result] of Object.entries(checks)) {
    if (!result.ok) return result;
    values[key] = result.value;
  }
  return ok(values as Values<T>);
}

export function charCount(text: string): number {
  return [...text].length;
}

/** Control characters would break the line- or star-separated payloads, so no field may hold one. */
function hasControlCharacter(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return true;
  }
  return false;
}

export function optionalText(
  value: string | undefined,
  field: string,
  max: number,
): Result<string | undefined> {
  if (value === undefined || value.trim() === '') return ok(undefined);
  if (hasControlCharacter(value)) {
    return fail('validation_failed', `${field} contains a line break or another control character`, {
      field,
      hint: 'put the text on one line',
    });
  }
  const length = charCount(value);
  if (length > max) {
    return fail('validation_failed', `${field} is ${length} characters long; the QR standard allows ${max}`, {
      field,
      hint: `shorten it to at most ${max} characters`,
    });
  }
  return ok(value.trim());
}

export function requiredText(value: string | undefined, field: string, max: number): Result<string> {
  const text = optionalText(value, field, max);
  if (!text.ok) return text;
  if (text.value === undefined) {
    return fail('validation_failed', `${field} is required`, { field, hint: 'fill it in' });
  }
  return ok(text.value);
}

/**
 * A positive amount of minor units as the decimal the standards write ("480.50"), at most `maxMinor`.
 * The currency must be known (check it first): formatting an unknown one is a bug and throws.
 */
export function amountText(amount: number, currency: string, maxMinor: number): Result<string> {
  if (!Number.isSafeInteger(amount)) {
    return fail('validation_failed', `amount must be an integer of minor units, got ${amount}`, {
      field: 'amount',
      hint: 'pass cents, haléře or rappen as an integer',
    });
  }
  if (amount <= 0) {
    return fail('validation_failed', `amount must be more than 0, got ${amount}`, {
      field: 'amount',
      hint: 'print a QR code only while something is owed',
    });
  }
  if (amount > maxMinor) {
    const max = formatMinor(maxMinor, currency);
    return fail(
      'validation_failed',
      `amount ${formatMinor(amount, currency)} is above the QR maximum ${max}`,
      {
        field: 'amount',
        hint: 'show the bank details without a QR code for this amount',
      },
    );
  }
  return ok(formatMinor(amount, currency));
}

export function currencyField(currency: string, allowed: readonly string[] | 'any'): Result<string> {
  const known = allowed === 'any' ? isCurrency(currency) : allowed.includes(currency);
  if (known) return ok(currency);
  return fail('validation_failed', `currency ${currency} cannot be paid with this QR code`, {
    field: 'currency',
    hint: allowed === 'any' ? 'use an ISO 4217 code Duly supports' : `use ${allowed.join(' or ')}`,
  });
}

export function ibanField(iban: string, field: string): Result<string> {
  const normalized = normalizeIban(iban);
  if (isValidIban(normalized)) return ok(normalized);
  return fail('validation_failed', `${field} ${iban} is not a valid IBAN`, {
    field,
    hint: "check the organisation's bank account: country, check digits and length",
  });
}

export function bicField(bic: string | undefined, field: string): Result<string | undefined> {
  if (bic === undefined || bic.trim() === '') return ok(undefined);
  const normalized = bic.replace(/\s/g, '').toUpperCase();
  if (/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalized)) return ok(normalized);
  return fail('validation_failed', `${field} ${bic} is not a BIC`, {
    field,
    hint: 'a BIC has 8 or 11 characters, e.g. GIBACZPX or TATRSKBXXXX; or leave it out',
  });
}

/** Czech and Slovak symbols are digit strings (leading zeros count), never numbers. */
export function digitsField(
  value: string | undefined,
  field: string,
  max: number,
): Result<string | undefined> {
  if (value === undefined || value === '') return ok(undefined);
  if (new RegExp(`^\\d{1,${max}}$`).test(value)) return ok(value);
  return fail('validation_failed', `${field} ${value} must be 1 to ${max} digits`, {
    field,
    hint: 'leave out spaces, letters and separators',
  });
}

/** An ISO date as the `YYYYMMDD` both SPAYD and PAY by square write. */
export function compactDate(date: string | undefined, field: string): Result<string | undefined> {
  if (date === undefined) return ok(undefined);
  if (isIsoDate(date)) return ok(date.replaceAll('-', ''));
  return fail('validation_failed', `${field} ${date} is not a date`, { field, hint: 'use YYYY-MM-DD' });
}

/**
 * The shape of an ISO 11649 creditor reference: RF, two check digits, 1-21 letters or digits. The
 * check digits were verified where the reference was issued (src/payment-details/references/).
 */
export function rfShape(value: string, field: string): Result<string> {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return ok(compact);
  return fail('validation_failed', `${field} ${value} is not an RF creditor reference`, {
    field,
    hint: 'an RF reference is RF, two check digits and up to 21 letters or digits, e.g. RF18539007547034',
  });
}
