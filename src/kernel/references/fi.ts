import { fail, ok, type Result } from '../errors.ts';
import {
  digitAt,
  firstDisallowed,
  groupFromRight,
  isDigits,
  stripLeadingZeros,
  withoutSpaces,
} from './digits.ts';
import { rfFromBody } from './rf.ts';

/**
 * Finnish national reference (viitenumero / referensnummer): a base of 3-19 digits and a check digit,
 * 4-20 digits in all. Weights 7, 3, 1, 7, 3, 1... from the rightmost base digit; check = (10 - sum mod 10)
 * mod 10. Leading zeros are not significant (the virtual bar code pads the reference with zeros to 20), so
 * the machine form drops them. Printed in groups of five from the right: `1 23453`.
 * Source: Finance Finland (Finanssiala), "Kotimainen viitenumero" and the bank bar code guide.
 * The weights are coprime to 10, so any single-digit error is caught; an adjacent transposition is caught
 * unless the two digits differ by exactly 5 (the weight differences 4, 2 and 6 are even).
 */

export const FI_MIN_LENGTH = 4;
export const FI_MAX_LENGTH = 20;
const WEIGHTS = [7, 3, 1] as const;

/**
 * @example finnishCheckDigit('12345') // '3'
 */
export function finnishCheckDigit(base: string): string {
  let sum = 0;
  for (let i = base.length - 1, k = 0; i >= 0; i--, k++) sum += digitAt(base, i) * WEIGHTS[k % 3]!;
  return String((10 - (sum % 10)) % 10);
}

/**
 * A Finnish reference from 3-19 significant digits.
 * @example finnishReferenceFromDigits('12345') // ok('123453')
 */
export function finnishReferenceFromDigits(digits: string): Result<string> {
  const base = stripLeadingZeros(digits);
  if (!isDigits(digits) || base.length < FI_MIN_LENGTH - 1 || base.length > FI_MAX_LENGTH - 1) {
    return fail(
      'validation_failed',
      `'${digits}' has ${base.length} significant digits; a Finnish reference needs ${FI_MIN_LENGTH - 1} to ${FI_MAX_LENGTH - 1} before its check digit`,
      {
        field: 'invoiceNumber',
        hint: 'Pass a customer number to prefix short invoice numbers, or use the RF reference.',
      },
    );
  }
  return ok(base + finnishCheckDigit(base));
}

/**
 * Checks a Finnish reference (spaces and leading zeros tolerated) and returns its significant digits.
 * @example validateFinnishReference('1 23453') // ok('123453')
 */
export function validateFinnishReference(text: string): Result<string> {
  const bad = firstDisallowed(text, /[0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a Finnish reference; use digits`,
      {
        field: 'reference',
      },
    );
  }
  const ref = stripLeadingZeros(withoutSpaces(text));
  if (ref.length < FI_MIN_LENGTH || ref.length > FI_MAX_LENGTH) {
    return fail(
      'validation_failed',
      `Finnish reference has ${ref.length} significant digits; it needs ${FI_MIN_LENGTH} to ${FI_MAX_LENGTH} including the check digit`,
      { field: 'reference' },
    );
  }
  const expected = finnishCheckDigit(ref.slice(0, -1));
  const given = ref.slice(-1);
  if (given !== expected) {
    return fail('validation_failed', `check digit should be ${expected}, is ${given}`, {
      field: 'reference',
      hint: 'A digit of the reference was mistyped; compare it with the invoice.',
    });
  }
  return ok(ref);
}

/** @example formatFinnishReference('123453') // '1 23453' */
export function formatFinnishReference(machineForm: string): string {
  return groupFromRight(machineForm, 5);
}

/**
 * The international form Finnish banks print beside the national one: RF + check digits + the whole
 * national reference (its own check digit included).
 * @example finnishRf('2348236') // ok('RF332348236')
 */
export function finnishRf(finnishReference: string): Result<string> {
  const national = validateFinnishReference(finnishReference);
  return national.ok ? rfFromBody(national.value) : national;
}
