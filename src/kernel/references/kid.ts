import { fail, ok, type Result } from '../errors.ts';
import { digitAt, firstDisallowed, isDigits, withoutSpaces } from './digits.ts';

/**
 * Norwegian KID (kundeidentifikasjon), as agreed with Nets for OCR giro / AvtaleGiro: 2-25 digits, the
 * last a check digit by MOD10 or MOD11. Source: Nets "OCR giro - systemspesifikasjon" (KID control
 * digit, modulus 10 and 11).
 * - MOD10 is Luhn: weights 2,1,2,1... from the rightmost digit before the check digit, two-digit
 *   products summed as their digits, check = (10 - sum mod 10) mod 10. Luhn catches every single-digit
 *   error and every adjacent transposition except 09 <-> 90.
 * - MOD11: weights 2,3,4,5,6,7,2,3... from the right, check = 11 - sum mod 11, where 11 gives 0 and 10
 *   gives '-'. Since 11 is prime and every weight is below 11, every single-digit error and every
 *   adjacent transposition is caught.
 * A KID is a digit string; a 25-digit KID exceeds Number precision, so nothing here parses it whole.
 */

export type KidMethod = 'mod10' | 'mod11';

export const KID_MIN_LENGTH = 2;
export const KID_MAX_LENGTH = 25;

/**
 * The check digit for `base` (the KID without its check digit).
 * @example kidCheckDigit('mod10', '234567') // '6'
 * @example kidCheckDigit('mod11', '036532') // '7'
 */
export function kidCheckDigit(method: KidMethod, base: string): string {
  let sum = 0;
  for (let i = base.length - 1, k = 0; i >= 0; i--, k++) {
    const d = digitAt(base, i);
    if (method === 'mod10') {
      const product = k % 2 === 0 ? d * 2 : d;
      sum += product > 9 ? product - 9 : product;
    } else {
      sum += d * (2 + (k % 6));
    }
  }
  if (method === 'mod10') return String((10 - (sum % 10)) % 10);
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? '-' : String(check);
}

export interface KidOptions {
  /** Total length including the check digit, as in the org's KID agreement; the base is padded with zeros. */
  readonly length?: number;
  /**
   * MOD11 only: fail instead of returning a KID ending in '-' (valid for Nets, but some payers' banks
   * will not take it). The failure has `field: 'checkDigit'`, so a caller can pick another base.
   */
  readonly avoidDash?: boolean;
}

/**
 * A KID from a digit string: optionally zero-padded on the left to the agreed length, then the check digit.
 * @example kidFromDigits('mod10', '234567') // ok('2345676')
 * @example kidFromDigits('mod10', '42', { length: 8 }) // ok('00000426')
 */
export function kidFromDigits(method: KidMethod, digits: string, opts: KidOptions = {}): Result<string> {
  if (!isDigits(digits)) {
    return fail('validation_failed', `a KID is made of digits; '${digits}' is not`, {
      field: 'invoiceNumber',
    });
  }
  const length = opts.length ?? Math.min(digits.length + 1, KID_MAX_LENGTH);
  if (!Number.isInteger(length) || length < KID_MIN_LENGTH || length > KID_MAX_LENGTH) {
    return fail(
      'validation_failed',
      `a KID has ${KID_MIN_LENGTH} to ${KID_MAX_LENGTH} digits including the check digit; ${length} is outside that`,
      { field: 'length' },
    );
  }
  if (digits.length > length - 1) {
    return fail(
      'validation_failed',
      `'${digits}' has ${digits.length} digits, too many for a KID of ${length} digits including the check digit`,
      { field: 'invoiceNumber', hint: 'Agree a longer KID with Nets, or use shorter invoice numbers.' },
    );
  }
  const base = digits.padStart(length - 1, '0');
  const check = kidCheckDigit(method, base);
  if (check === '-' && opts.avoidDash) {
    return fail('validation_failed', `the MOD11 check digit of KID base '${base}' would be '-'`, {
      field: 'checkDigit',
      hint: "Choose another base (another length or a customer-number prefix), allow '-', or use MOD10.",
    });
  }
  return ok(base + check);
}

/**
 * Checks a KID (spaces tolerated) and returns it without spaces.
 * @example validateKid('mod11', '0365327') // ok('0365327')
 * @example validateKid('mod10', '2345670') // fails: 'check digit should be 6, is 0 (MOD10)'
 */
export function validateKid(method: KidMethod, text: string): Result<string> {
  const bad = firstDisallowed(text, method === 'mod11' ? /[0-9-]/ : /[0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a KID; a KID is digits`,
      {
        field: 'reference',
      },
    );
  }
  const kid = withoutSpaces(text);
  if (kid.length < KID_MIN_LENGTH || kid.length > KID_MAX_LENGTH) {
    return fail(
      'validation_failed',
      `KID has ${kid.length} characters; a KID has ${KID_MIN_LENGTH} to ${KID_MAX_LENGTH} digits including the check digit`,
      { field: 'reference' },
    );
  }
  const base = kid.slice(0, -1);
  const given = kid.slice(-1);
  if (!isDigits(base)) {
    return fail(
      'validation_failed',
      `only the check digit of a MOD11 KID may be '-', at the end; '${kid}' has '-' inside`,
      {
        field: 'reference',
      },
    );
  }
  const expected = kidCheckDigit(method, base);
  if (given !== expected) {
    return fail(
      'validation_failed',
      `check digit should be ${expected}, is ${given} (${method.toUpperCase()})`,
      {
        field: 'reference',
        hint: 'A digit of the KID was mistyped, or the KID uses the other method (MOD10 / MOD11).',
      },
    );
  }
  return ok(kid);
}
